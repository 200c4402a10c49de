#include "core/manifest/yaml_scalar.hpp"

#include <cerrno>
#include <cstdlib>
#include <limits>
#include <string>

namespace kyma::manifest {
namespace {

bool one_of(std::string_view text, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) {
    if (text == w) return true;
  }
  return false;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_octal(char c) {
  return c >= '0' && c <= '7';
}

// [-+]?(0x[0-9a-fA-F]+ | 0o[0-7]+ | [0-9]+)
bool looks_like_int(std::string_view t, int& base, size_t& digits_at) {
  size_t i = 0;
  if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
  if (t.substr(i, 2) == "0x") {
    base = 16;
    digits_at = i + 2;
  } else if (t.substr(i, 2) == "0o") {
    base = 8;
    digits_at = i + 2;
  } else {
    base = 10;
    digits_at = i;
  }
  if (digits_at >= t.size()) return false;
  for (size_t j = digits_at; j < t.size(); ++j) {
    char c = t[j];
    if (base == 16 ? !is_hex(c) : base == 8 ? !is_octal(c) : !is_digit(c)) return false;
  }
  return true;
}

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool looks_like_float(std::string_view t) {
  size_t i = 0;
  if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
  size_t int_digits = 0, frac_digits = 0;
  while (i < t.size() && is_digit(t[i])) ++i, ++int_digits;
  if (i < t.size() && t[i] == '.') {
    ++i;
    while (i < t.size() && is_digit(t[i])) ++i, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
    size_t exp_digits = 0;
    while (i < t.size() && is_digit(t[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == t.size();
}

nlohmann::json integer_value(std::string_view t, int base, size_t digits_at) {
  bool negative = !t.empty() && t[0] == '-';
  std::string digits(t.substr(digits_at));
  errno = 0;
  unsigned long long magnitude = std::strtoull(digits.c_str(), nullptr, base);
  if (errno == ERANGE) return std::strtod(std::string(t).c_str(), nullptr);
  if (!negative) {
    if (magnitude <= static_cast<unsigned long long>(std::numeric_limits<int64_t>::max())) {
      return static_cast<int64_t>(magnitude);
    }
    return static_cast<uint64_t>(magnitude);
  }
  if (magnitude <= static_cast<unsigned long long>(std::numeric_limits<int64_t>::max()) + 1ULL) {
    return static_cast<int64_t>(0 - magnitude);
  }
  return -static_cast<double>(magnitude);
}

}  // namespace

nlohmann::json resolve_plain_scalar(std::string_view text) {
  if (one_of(text, {"", "~", "null", "Null", "NULL"})) return nullptr;
  if (one_of(text, {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"})) return true;
  if (one_of(text, {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"})) {
    return false;
  }
  if (text.empty()) return std::string();
  char first = text[0];
  if (!is_digit(first) && first != '-' && first != '+' && first != '.') return std::string(text);
  int base = 10;
  size_t digits_at = 0;
  if (looks_like_int(text, base, digits_at)) return integer_value(text, base, digits_at);
  if (looks_like_float(text)) return std::strtod(std::string(text).c_str(), nullptr);
  if (one_of(text, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"})) {
    return std::numeric_limits<double>::infinity();
  }
  if (one_of(text, {"-.inf", "-.Inf", "-.INF"})) return -std::numeric_limits<double>::infinity();
  if (one_of(text, {".nan", ".NaN", ".NAN"})) return std::numeric_limits<double>::quiet_NaN();
  return std::string(text);
}

bool plain_scalar_is_not_string(std::string_view text) {
  return !resolve_plain_scalar(text).is_string();
}

}  // namespace kyma::manifest
