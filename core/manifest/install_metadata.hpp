#pragma once
// The labels and annotations the installation carries besides what the charts render:
// istioctl's apply-time labels (istio-install.md §3.3) and Kyma's module label and disclaimer
// (operator-behaviour.md §3.11).
#include <string>

#include <nlohmann/json.hpp>

namespace kyma::manifest {

inline constexpr const char* kModuleLabel = "kyma-project.io/module";
inline constexpr const char* kModuleLabelValue = "istio";
inline constexpr const char* kDisclaimerAnnotation =
    "istios.operator.kyma-project.io/managed-by-disclaimer";
inline constexpr const char* kDisclaimer =
    "DO NOT EDIT - This resource is managed by Kyma.\n"
    "Any modifications are discarded and the resource is reverted to the original state.";
inline constexpr const char* kNotPrunedLabel =
    "install.operator.istio.io/owning-resource-not-pruned";

// What istioctl stamps on every object of a component when it applies it.
struct InstallLabels {
  std::string component;      // operator.istio.io/component: Base, Pilot, ...
  std::string istio_version;  // operator.istio.io/version
  std::string owner_name;     // install.operator.istio.io/owning-resource
  std::string owner_namespace = "istio-system";
  std::string revision = "default";  // istio.io/rev
};

// installed-state[-<name>], as istioctl names the (no longer stored) installed IstioOperator.
std::string installed_state_name(const nlohmann::json& iop);

void stamp_install_labels(nlohmann::json& object, const InstallLabels& labels);

// kyma-project.io/module: istio on the object and, for Deployments and DaemonSets, on the pod
// template (the operator's label patch).
void stamp_module_label(nlohmann::json& object);

void stamp_disclaimer(nlohmann::json& object);

}  // namespace kyma::manifest
