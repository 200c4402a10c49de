#pragma once
// The CR's spec.config applied to the IOP's meshConfig, by the operator's builders in its order
// (operator-behaviour.md §1.3-1.5): numTrustedProxies, authorizers, prometheusMerge, XFCC,
// trustDomain, DNS capture, proxyStatsMatcher. (Dual-stack belongs to the experimental flavour
// and ambient is refused before the merge, so neither has a builder here.)
#include <cstddef>

#include <nlohmann/json.hpp>

#include "core/istio/istio_cr.hpp"

namespace kyma::istio {

// Changes `mesh_config` (the IOP's spec.meshConfig) in place. Throws kyma::Error naming the field
// for a value the operator could not decode (an authorizer timeout that is not a duration, a
// negative port).
void merge_mesh_config(nlohmann::json& mesh_config, const IstioCR& cr);

// One authorizer as a mesh extension provider (§1.4). `index` names it in errors.
nlohmann::json extension_provider(const Authorizer& authorizer, std::size_t index);

}  // namespace kyma::istio
