#include "plugins/status/age.hpp"

#include "core/kube/exec_credentials.hpp"

namespace kyma::status {

namespace {

// "<big><unit1>" or "<big><unit1><small><unit2>" when the smaller part is not zero.
std::string two_units(long long big, const char* unit1, long long small, const char* unit2) {
  std::string out = std::to_string(big) + unit1;
  if (small != 0) out += std::to_string(small) + unit2;
  return out;
}

}  // namespace

std::string human_duration(std::chrono::seconds age) {
  const long long seconds = age.count();
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 120) return std::to_string(seconds) + "s";
  const long long minutes = seconds / 60;
  if (minutes < 10) return two_units(minutes, "m", seconds % 60, "s");
  if (minutes < 180) return std::to_string(minutes) + "m";
  const long long hours = minutes / 60;
  if (hours < 8) return two_units(hours, "h", minutes % 60, "m");
  if (hours < 48) return std::to_string(hours) + "h";
  const long long days = hours / 24;
  if (hours < 24 * 8) return two_units(days, "d", hours % 24, "h");
  if (days < 365 * 2) return std::to_string(days) + "d";
  const long long years = days / 365;
  if (years < 8) return two_units(years, "y", days % 365, "d");
  return std::to_string(years) + "y";
}

std::string age_of(const std::string& time, std::chrono::system_clock::time_point now) {
  auto then = kube::parse_rfc3339(time);
  if (!then) return "<unknown>";
  return human_duration(std::chrono::duration_cast<std::chrono::seconds>(now - *then));
}

}  // namespace kyma::status
