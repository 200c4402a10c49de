#pragma once
// The CR annotation operator.kyma-project.io/lastAppliedConfiguration (operator-behaviour.md
// §1.7): the spec as last applied plus "IstioTag". It is the operator's memory: the version guard
// reads the tag and every "changed since last time" restart rule compares against it.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace kyma::istio {

inline constexpr const char* kLastAppliedAnnotation =
    "operator.kyma-project.io/lastAppliedConfiguration";

// The annotation's value, parsed; nullopt when the CR has none. Throws kyma::Error when it is
// not a JSON object.
std::optional<nlohmann::json> read_last_applied(const nlohmann::json& cr);

// The annotation text for `spec` and `istio_tag`, in the operator's field order: config (always,
// with telemetry.metrics), components, experimental, compatibilityMode, networkPoliciesEnabled,
// IstioTag; empty fields left out.
std::string last_applied_text(const nlohmann::json& spec, const std::string& istio_tag);

// Copies `fields` (JSON pointers such as "/config/numTrustedProxies") from `spec` into the
// previous annotation value (or an empty one) and returns the new text. A field absent from
// `spec` is removed, so "unset" is remembered as well.
std::string merge_last_applied(const std::optional<nlohmann::json>& previous,
                               const nlohmann::json& spec, const std::vector<std::string>& fields);

// Whether spec.config.proxyStatsMatcher.inclusionRegexps differs from the annotation's, compared
// as sorted lists; unset and empty are the same (operator-behaviour.md §6.3, §6.4).
bool stats_matcher_changed(const nlohmann::json& spec,
                           const std::optional<nlohmann::json>& last_applied);

// Reads a field of an optional annotation value; null when absent.
nlohmann::json last_applied_field(const std::optional<nlohmann::json>& last_applied,
                                  const std::string& pointer);

}  // namespace kyma::istio
