#pragma once
// The user EnvoyFilter check (operator-behaviour.md §3.10): an EnvoyFilter in istio-system that
// targets the ingress gateway and is not the module's or a RateLimit's can break the gateway.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kyma::istio {

// The first offending EnvoyFilter's "namespace/name", or nullopt.
std::optional<std::string> find_user_ingress_envoyfilter(
    const std::vector<nlohmann::json>& envoyfilters);

// The Warning description the operator writes for it.
std::string user_envoyfilter_description(const std::string& ns_name);

}  // namespace kyma::istio
