#include "core/kube/duration.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/ui/error.hpp"

namespace kyma::kube {

std::optional<std::chrono::milliseconds> parse_duration(const std::string& text) {
  if (text.empty()) return std::nullopt;
  if (text == "0") return std::chrono::milliseconds(0);
  std::size_t i = 0;
  bool negative = false;
  if (text[i] == '+' || text[i] == '-') negative = text[i++] == '-';
  if (i >= text.size()) return std::nullopt;
  double total_ms = 0;
  while (i < text.size()) {
    std::size_t start = i;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.'))
      ++i;
    if (i == start) return std::nullopt;
    std::string number = text.substr(start, i - start);
    if (number == "." || std::count(number.begin(), number.end(), '.') > 1) return std::nullopt;
    std::size_t unit_start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    std::string unit = text.substr(unit_start, i - unit_start);
    double factor;
    if (unit == "ns") {
      factor = 1e-6;
    } else if (unit == "us" || unit == "µs") {
      factor = 1e-3;
    } else if (unit == "ms") {
      factor = 1;
    } else if (unit == "s") {
      factor = 1000;
    } else if (unit == "m") {
      factor = 60'000;
    } else if (unit == "h") {
      factor = 3'600'000;
    } else {
      return std::nullopt;  // a missing or unknown unit
    }
    total_ms += std::stod(number) * factor;
  }
  if (negative) total_ms = -total_ms;
  return std::chrono::milliseconds(static_cast<long long>(std::llround(total_ms)));
}

std::chrono::milliseconds parse_request_timeout(const std::string& text) {
  auto parsed = parse_duration(text);
  if (!parsed || parsed->count() < 0) {
    throw UsageError("invalid argument \"" + text +
                     "\" for \"--request-timeout\" flag: must be 0 or a duration with a unit "
                     "(e.g. 1s, 2m, 3h)");
  }
  return *parsed;
}

}  // namespace kyma::kube
