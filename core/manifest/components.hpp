#pragma once
// The Istio components istioctl installs, in its dependency order (Base -> Pilot -> Cni ->
// IngressGateways -> EgressGateways), with what ties each to the IstioOperator and to the
// pre-rendered bundle: the IOP key, the rendered file, and the workload that `k8s` settings
// target (translate.go's ComponentMaps).
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kyma::manifest {

struct ComponentInfo {
  const char* name;           // istioctl's name, the operator.istio.io/component label value
  const char* iop_key;        // spec.components.<iop_key>
  const char* bundle_file;    // rendered/<bundle_file>.yaml
  bool gateway;               // spec.components.<iop_key> is a list of gateways
  bool enabled_by_default;    // in istioctl's `default` profile
  const char* workload_kind;  // Deployment | DaemonSet ("" for Base)
  const char* workload_name;  // fixed workload name; gateways use their own name
  const char* container;      // the container `k8s` settings patch
};

const std::vector<ComponentInfo>& istio_components();

// A component as the merged IstioOperator asks for it.
struct ComponentRequest {
  const ComponentInfo* info = nullptr;
  bool enabled = false;
  std::string ns = "istio-system";
  std::string resource_name;  // the workload's (and its Service/HPA/PDB's) name
  nlohmann::json k8s = nlohmann::json::object();
  std::string field;  // "spec.components.pilot" or "spec.components.ingressGateways[0]": errors
};

// The component's entry in `iop`. For gateways, the enabled entry named like the bundle's
// gateway; any other enabled gateway is refused (kyma::Error), as the bundle cannot render it.
ComponentRequest component_request(const nlohmann::json& iop, const ComponentInfo& info,
                                   const std::string& rendered_gateway_name);

}  // namespace kyma::manifest
