#pragma once
// The CR's spec.components applied to the IOP's components and values (operator-behaviour.md
// §1.5): resources per key, hpaSpec bounds, rollingUpdate (int or string kept), the egress
// gateway switch, the CNI affinity replacement rule and the sidecar proxy's resources.
#include <nlohmann/json.hpp>

#include "core/istio/cluster_facts.hpp"
#include "core/istio/istio_cr.hpp"

namespace kyma::istio {

// Changes `iop_spec` (the IOP's spec) in place. Throws kyma::Error naming the CR field for a
// resource value that is not a Kubernetes quantity.
void merge_components(nlohmann::json& iop_spec, const IstioCR& cr);

// The istio-features switches (§3.8): components.cni.enabled = !disableCni, and with the
// control-plane VPA every memory Resource metric leaves the pilot and gateway hpaSpecs.
void apply_istio_features(nlohmann::json& iop_spec, const IstioFeatures& features);

}  // namespace kyma::istio
