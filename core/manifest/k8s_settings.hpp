#pragma once
// A component's `k8s` settings (IstioOperator KubernetesResourcesSpec), applied to its rendered
// objects the way istioctl does after rendering (translate.go KubernetesMapping +
// OverlayK8sSettings): each setting becomes a strategic merge patch of one object -- the
// component's Deployment/DaemonSet (and its container), or its Service, HPA or PDB of the same
// name. Settings whose object was not rendered (a PDB in evaluation) are skipped, as are empty
// strings and zero numbers; replicaCount is skipped while the component autoscales.
// `k8s.overlays` are not handled here (overlay_patch.hpp); they run after these settings.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kyma::manifest {

struct K8sTarget {
  std::string component;      // istioctl's component name, for errors
  std::string workload_kind;  // Deployment | DaemonSet
  std::string resource_name;  // the workload's name, also its Service's, HPA's and PDB's
  std::string container;      // the container resources/env/probes go to
  bool autoscale_enabled = false;
};

// One row of istioctl's mapping: the setting and where it lands.
struct K8sSettingMapping {
  const char* setting;  // key in `k8s`
  const char* target;   // "workload", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget"
  const char* path;     // below the target; "[container]" stands for the component's container
};
const std::vector<K8sSettingMapping>& k8s_setting_mappings();

// Applies every setting of `k8s` (an object; `overlays` is ignored). `field` names `k8s` in
// errors. Throws kyma::Error on a setting that is not an istioctl k8s setting or that cannot be
// merged.
void apply_k8s_settings(std::vector<nlohmann::json>& objects, const nlohmann::json& k8s,
                        const K8sTarget& target, const std::string& field);

}  // namespace kyma::manifest
