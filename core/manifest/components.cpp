#include "core/manifest/components.hpp"

#include "core/ui/error.hpp"

namespace kyma::manifest {

using nlohmann::json;

const std::vector<ComponentInfo>& istio_components() {
  static const std::vector<ComponentInfo> components = {
      {"Base", "base", "base", false, true, "", "", ""},
      {"Pilot", "pilot", "pilot", false, true, "Deployment", "istiod", "discovery"},
      {"Cni", "cni", "cni", false, false, "DaemonSet", "istio-cni-node", "install-cni"},
      {"IngressGateways", "ingressGateways", "ingressgateway", true, true, "Deployment", "",
       "istio-proxy"},
      {"EgressGateways", "egressGateways", "egressgateway", true, false, "Deployment", "",
       "istio-proxy"},
  };
  return components;
}

namespace {

void read_common(const json& spec, ComponentRequest& request, bool enabled_default) {
  request.enabled = enabled_default;
  if (!spec.is_object()) return;
  if (auto it = spec.find("enabled"); it != spec.end() && !it->is_null()) {
    if (!it->is_boolean()) throw Error(request.field + ".enabled: must be true or false");
    request.enabled = it->get<bool>();
  }
  if (auto it = spec.find("namespace"); it != spec.end() && !it->is_null()) {
    if (!it->is_string()) throw Error(request.field + ".namespace: must be a string");
    if (!it->get<std::string>().empty()) request.ns = it->get<std::string>();
  }
  if (auto it = spec.find("k8s"); it != spec.end() && !it->is_null()) {
    if (!it->is_object()) throw Error(request.field + ".k8s: must be an object");
    request.k8s = *it;
  }
}

}  // namespace

ComponentRequest component_request(const json& iop, const ComponentInfo& info,
                                   const std::string& rendered_gateway_name) {
  ComponentRequest request;
  request.info = &info;
  const std::string base = std::string("spec.components.") + info.iop_key;
  const json* components = nullptr;
  if (iop.contains("spec") && iop["spec"].is_object() && iop["spec"].contains("components")) {
    components = &iop["spec"]["components"];
  }
  const json* spec = nullptr;
  if (components && components->is_object() && components->contains(info.iop_key)) {
    spec = &(*components)[info.iop_key];
  }

  if (!info.gateway) {
    request.field = base;
    request.resource_name = info.workload_name;
    read_common(spec ? *spec : json(), request, info.enabled_by_default);
    return request;
  }

  request.field = base;
  request.resource_name = rendered_gateway_name;
  if (!spec || spec->is_null()) {
    request.enabled = false;
    return request;
  }
  if (!spec->is_array()) throw Error(base + ": must be a list of gateways");
  bool found = false;
  for (size_t i = 0; i < spec->size(); ++i) {
    const json& gateway = (*spec)[i];
    ComponentRequest candidate;
    candidate.info = &info;
    candidate.field = base + "[" + std::to_string(i) + "]";
    read_common(gateway, candidate, false);
    std::string name = gateway.is_object() ? gateway.value("name", std::string()) : "";
    if (name == rendered_gateway_name && !found) {
      candidate.resource_name = name;
      request = candidate;
      found = true;
      continue;
    }
    if (candidate.enabled) {
      throw Error(candidate.field + ": gateway \"" + name +
                  "\" is not in the pre-rendered bundle, which has only \"" +
                  rendered_gateway_name + "\"");
    }
  }
  return request;
}

}  // namespace kyma::manifest
