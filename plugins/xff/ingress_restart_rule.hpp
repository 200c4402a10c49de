#pragma once
// When the ingress gateway must restart (operator-behaviour.md §6.3): gateway topology, the trust
// domain and the stats matcher are read by Envoy only when it starts, so a change to any of them
// since the last applied configuration restarts the gateway.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kyma::xff {

// The spec fields that changed against the annotation value, e.g. {"numTrustedProxies"}; a
// set/unset switch counts, an unset/empty regex list does not.
std::vector<std::string> ingress_restart_triggers(
    const nlohmann::json& spec, const std::optional<nlohmann::json>& last_applied);

// The fields the ingress restarter writes back into the annotation after every run.
const std::vector<std::string>& ingress_remembered_fields();

}  // namespace kyma::xff
