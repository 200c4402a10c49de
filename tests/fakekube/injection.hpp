#pragma once
// Istio sidecar injection, as the istiod webhook would do it for the cases the product relies
// on: a pod created in a namespace labelled istio-injection=enabled, not opting out with
// sidecar.istio.io/inject: "false" (label or annotation), while the ConfigMap
// istio-system/istio-sidecar-injector exists, gets an istio-proxy container (image and
// resources from the ConfigMap's `values`, resource annotations honoured), its init container
// (istio-validation with CNI, istio-init without), volumes, the sidecar.istio.io/status
// annotation and the security.istio.io/tlsMode label.
#include <nlohmann/json.hpp>

namespace fakekube {

struct InjectionContext {
  nlohmann::json namespace_labels;                      // object
  const nlohmann::json* injector_config_map = nullptr;  // istio-system/istio-sidecar-injector
  const nlohmann::json* mesh_config_map = nullptr;      // istio-system/istio, if present
};

// Returns whether the pod was injected.
bool inject_sidecar(nlohmann::json& pod, const InjectionContext& ctx);

}  // namespace fakekube
