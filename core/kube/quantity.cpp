#include "core/kube/quantity.hpp"

#include <cctype>

namespace kyma::kube {

namespace {

__int128 pow10(int exponent) {
  __int128 r = 1;
  for (int i = 0; i < exponent; ++i) r *= 10;
  return r;
}

// Multiplier of a suffix as (power of two, power of ten); false for an unknown suffix.
bool suffix_scale(const std::string& s, int& pow2, int& pow10_exp) {
  pow2 = 0;
  pow10_exp = 0;
  static const struct {
    const char* name;
    int p2;
    int p10;
  } kSuffixes[] = {{"", 0, 0},    {"n", 0, -9},  {"u", 0, -6},  {"m", 0, -3},
                   {"k", 0, 3},   {"M", 0, 6},   {"G", 0, 9},   {"T", 0, 12},
                   {"P", 0, 15},  {"E", 0, 18},  {"Ki", 10, 0}, {"Mi", 20, 0},
                   {"Gi", 30, 0}, {"Ti", 40, 0}, {"Pi", 50, 0}, {"Ei", 60, 0}};
  for (const auto& suffix : kSuffixes) {
    if (s == suffix.name) {
      pow2 = suffix.p2;
      pow10_exp = suffix.p10;
      return true;
    }
  }
  // Decimal exponent: e3, E-2.
  if (s.size() >= 2 && (s[0] == 'e' || s[0] == 'E')) {
    size_t i = 1;
    bool negative = false;
    if (s[i] == '+' || s[i] == '-') negative = s[i++] == '-';
    if (i >= s.size() || s.size() - i > 3) return false;
    int exp = 0;
    for (; i < s.size(); ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
      exp = exp * 10 + (s[i] - '0');
    }
    pow10_exp = negative ? -exp : exp;
    return true;
  }
  return false;
}

}  // namespace

std::optional<Quantity> Quantity::parse(const std::string& text) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  __int128 mantissa = 0;
  int fraction_digits = 0;
  bool digits = false, in_fraction = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      if (mantissa > pow10(30)) return std::nullopt;  // beyond any real quantity
      mantissa = mantissa * 10 + (c - '0');
      digits = true;
      if (in_fraction) ++fraction_digits;
    } else if (c == '.' && !in_fraction) {
      in_fraction = true;
    } else {
      break;
    }
  }
  if (!digits) return std::nullopt;
  int pow2 = 0, p10 = 0;
  if (!suffix_scale(text.substr(i), pow2, p10)) return std::nullopt;
  // nano = mantissa * 10^(p10 - fraction_digits + 9) * 2^pow2
  __int128 value = mantissa << pow2;
  int exponent = p10 - fraction_digits + 9;
  if (exponent >= 0) {
    if (exponent > 36) return std::nullopt;
    value *= pow10(exponent);
  } else {
    // Below a nano-unit: round up, as Kubernetes does when it rounds to its scale.
    __int128 divisor = pow10(-exponent > 36 ? 36 : -exponent);
    value = (value + divisor - 1) / divisor;
  }
  return Quantity(negative ? -value : value);
}

long long Quantity::milli_value() const {
  __int128 per_milli = 1000000;
  __int128 v = nano_ >= 0 ? (nano_ + per_milli - 1) / per_milli : nano_ / per_milli;
  return static_cast<long long>(v);
}

long long Quantity::value() const {
  __int128 per_unit = 1000000000;
  __int128 v = nano_ >= 0 ? (nano_ + per_unit - 1) / per_unit : nano_ / per_unit;
  return static_cast<long long>(v);
}

double Quantity::as_double() const {
  return static_cast<double>(nano_) / 1e9;
}

}  // namespace kyma::kube
