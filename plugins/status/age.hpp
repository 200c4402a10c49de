#pragma once
// How old something is, written the way kubectl's AGE column writes it: whole seconds up to two
// minutes, then minutes (with seconds below ten minutes), hours (with minutes below eight hours),
// days (with hours below eight days) and years (with days below eight years).
#include <chrono>
#include <optional>
#include <string>

namespace kyma::status {

// "45s", "3m20s", "42m", "5h10m", "30h", "3d4h", "400d", "2y15d", "9y"; "0s" for up to a second
// in the future (clock skew), "<invalid>" for more.
std::string human_duration(std::chrono::seconds age);

// The age at `now` of an RFC 3339 time; "<unknown>" when `time` is not one.
std::string age_of(const std::string& time, std::chrono::system_clock::time_point now);

}  // namespace kyma::status
