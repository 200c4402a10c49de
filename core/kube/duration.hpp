#pragma once
// kubectl's --request-timeout values: "0" (no timeout) or a Go duration with units
// ("30s", "1m", "1h", "1m30s", "500ms"). A bare number other than 0 is refused, as kubectl does.
#include <chrono>
#include <optional>
#include <string>

namespace kyma::kube {

// nullopt when `text` is not a valid duration.
std::optional<std::chrono::milliseconds> parse_duration(const std::string& text);

// Parses a --request-timeout value; throws UsageError naming the flag when it is invalid.
std::chrono::milliseconds parse_request_timeout(const std::string& text);

}  // namespace kyma::kube
