#pragma once
// What the CR merge hands to the renderer: the Kyma profile with the Istio CR and the cluster's
// facts merged in (operator-behaviour.md §1.4-1.6, §3.4-3.8), as an IstioOperator, plus the
// decisions about Kyma's own objects around the installation (§3.9). The merge (core/istio)
// produces it; the renderer (core/manifest) turns it into objects; neither knows the other.
#include <string>

#include <nlohmann/json.hpp>

namespace kyma::istio {

enum class Profile { kProduction, kEvaluation };
const char* profile_name(Profile profile);  // "production" | "evaluation"

struct MergedConfig {
  std::string istio_version;  // "1.23.2": selects the bundle <version>/
  std::string tag;            // the IOP's spec.tag, "1.23.2-distroless"
  Profile profile = Profile::kProduction;
  // The merged IstioOperator (install.istio.io/v1alpha1, kind IstioOperator): spec.hub, tag,
  // meshConfig, values, components.{base,pilot,cni,ingressGateways[],egressGateways[]}.{enabled,
  // namespace, k8s{...}} exactly as istioctl would read it.
  nlohmann::json iop;
  // Kyma's objects around the installation (§3.9): NetworkPolicies when enabled; the
  // proxy-protocol EnvoyFilter when the provider needs it.
  bool network_policies_enabled = false;
  bool proxy_protocol_filter = false;
};

}  // namespace kyma::istio
