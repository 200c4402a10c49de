#pragma once
// The operator's version guard (operator-behaviour.md §4): from the tag last applied to the
// target tag, Istio moves at most one minor version, never down and never across a major.
#include <optional>
#include <string>

namespace kyma::upgrade_guard {

// Why the update from `current` to `target` (full tags, "1.22.3-distroless") is refused, in the
// operator's words; nullopt when it is allowed. A tag that is not strict semver refuses with
// the parse error, an empty current tag included.
std::optional<std::string> refusal(const std::string& current, const std::string& target);

// "Istio version update is not allowed", the refusal's description.
inline constexpr const char* kRefusalDescription = "Istio version update is not allowed";

}  // namespace kyma::upgrade_guard
