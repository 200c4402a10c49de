#include "core/manifest/install_metadata.hpp"

#include "core/manifest/object_access.hpp"

namespace kyma::manifest {

using nlohmann::json;

std::string installed_state_name(const json& iop) {
  std::string name = "installed-state";
  if (iop.is_object() && iop.contains("metadata") && iop["metadata"].is_object()) {
    std::string iop_name = iop["metadata"].value("name", std::string());
    if (!iop_name.empty()) name += "-" + iop_name;
  }
  if (iop.is_object() && iop.contains("spec") && iop["spec"].is_object()) {
    std::string revision = iop["spec"].value("revision", std::string());
    if (!revision.empty() && revision != "default") name += "-" + revision;
  }
  return name;
}

void stamp_install_labels(json& object, const InstallLabels& install) {
  json& labels = labels_of(object);
  labels["operator.istio.io/component"] = install.component;
  labels["operator.istio.io/managed"] = "Reconcile";
  labels["operator.istio.io/version"] = install.istio_version;
  labels["istio.io/rev"] = install.revision;
  labels["install.operator.istio.io/owning-resource"] = install.owner_name;
  labels["install.operator.istio.io/owning-resource-namespace"] = install.owner_namespace;
}

void stamp_module_label(json& object) {
  labels_of(object)[kModuleLabel] = kModuleLabelValue;
  const std::string kind = kind_of(object);
  if (kind == "Deployment" || kind == "DaemonSet") {
    labels_of(object["spec"]["template"])[kModuleLabel] = kModuleLabelValue;
  }
}

void stamp_disclaimer(json& object) {
  annotations_of(object)[kDisclaimerAnnotation] = kDisclaimer;
}

}  // namespace kyma::manifest
