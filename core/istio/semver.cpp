#include "core/istio/semver.hpp"

#include <limits>
#include <regex>
#include <vector>

#include "core/ui/error.hpp"

namespace kyma::istio {

namespace {

// Splits `text` at the first `delim`: `text` keeps the part before, the rest is returned.
std::string split_off(std::string& text, char delim) {
  auto at = text.find(delim);
  if (at == std::string::npos) return "";
  std::string rest = text.substr(at + 1);
  text.erase(at);
  return rest;
}

std::vector<std::string> split(const std::string& text, char delim, size_t max_parts) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (parts.size() + 1 < max_parts) {
    auto at = text.find(delim, start);
    if (at == std::string::npos) break;
    parts.push_back(text.substr(start, at - start));
    start = at + 1;
  }
  parts.push_back(text.substr(start));
  return parts;
}

void validate_identifier(const std::string& id, const char* what) {
  static const std::regex identifier("^[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*$");
  if (!id.empty() && !std::regex_match(id, identifier)) {
    throw Error(std::string("failed to validate ") + what + ": " + id +
                " is not a valid semver identifier");
  }
}

// Go's strconv.ParseInt(text, 10, 64), with its error texts.
std::int64_t parse_int64(const std::string& text) {
  auto syntax_error = [&] {
    return Error("strconv.ParseInt: parsing \"" + text + "\": invalid syntax");
  };
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  if (i == text.size()) throw syntax_error();
  unsigned __int128 value = 0;
  bool overflow = false;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') throw syntax_error();
    value = value * 10 + static_cast<unsigned>(text[i] - '0');
    if (value > static_cast<unsigned __int128>(std::numeric_limits<std::int64_t>::max()) + 1) {
      overflow = true;
      value = static_cast<unsigned __int128>(std::numeric_limits<std::int64_t>::max()) + 1;
    }
  }
  auto limit = static_cast<unsigned __int128>(std::numeric_limits<std::int64_t>::max());
  if (overflow || value > limit + (negative ? 1 : 0)) {
    throw Error("strconv.ParseInt: parsing \"" + text + "\": value out of range");
  }
  return negative ? static_cast<std::int64_t>(-static_cast<__int128>(value))
                  : static_cast<std::int64_t>(value);
}

// Go's strconv.Atoi, as go-semver uses it to tell numeric pre-release identifiers apart.
std::optional<std::int64_t> as_number(const std::string& text) {
  try {
    return parse_int64(text);
  } catch (const Error&) {
    return std::nullopt;
  }
}

int compare_pre_release(const std::string& a, const std::string& b) {
  if (a.empty() && !b.empty()) return 1;
  if (b.empty() && !a.empty()) return -1;
  auto left = split(a, '.', std::string::npos);
  auto right = split(b, '.', std::string::npos);
  for (size_t i = 0;; ++i) {
    if (i == left.size()) return i == right.size() ? 0 : -1;
    if (i == right.size()) return 1;
    auto ln = as_number(left[i]);
    auto rn = as_number(right[i]);
    if (ln && !rn) return -1;
    if (!ln && rn) return 1;
    if (ln && rn && *ln != *rn) return *ln < *rn ? -1 : 1;
    if (left[i] != right[i]) return left[i] < right[i] ? -1 : 1;
  }
}

}  // namespace

Semver Semver::parse(const std::string& text) {
  std::string rest = text;
  Semver v;
  v.metadata = split_off(rest, '+');
  v.pre_release = split_off(rest, '-');
  auto parts = split(rest, '.', 3);
  if (parts.size() != 3) throw Error(rest + " is not in dotted-tri format");
  validate_identifier(v.pre_release, "pre-release");
  validate_identifier(v.metadata, "metadata");
  v.major = parse_int64(parts[0]);
  v.minor = parse_int64(parts[1]);
  v.patch = parse_int64(parts[2]);
  return v;
}

std::optional<Semver> Semver::try_parse(const std::string& text) {
  try {
    return parse(text);
  } catch (const Error&) {
    return std::nullopt;
  }
}

std::string Semver::core() const {
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

std::string Semver::to_string() const {
  std::string out = core();
  if (!pre_release.empty()) out += "-" + pre_release;
  if (!metadata.empty()) out += "+" + metadata;
  return out;
}

int Semver::compare(const Semver& other) const {
  for (auto [a, b] : {std::pair{major, other.major}, std::pair{minor, other.minor},
                      std::pair{patch, other.patch}}) {
    if (a != b) return a < b ? -1 : 1;
  }
  return compare_pre_release(pre_release, other.pre_release);
}

}  // namespace kyma::istio
