#pragma once
// The Helm values the merged IstioOperator can change, and what each changes in the
// pre-rendered objects. The bundle was rendered once with the Kyma profile's values; instead of
// re-running Helm, each values key the merge (CR fields, cluster flavours, features) may set is
// mapped here to the fields its templates write. A change to any other key is refused: the
// bundle cannot express it, and rendering it silently wrong would be worse than failing.
//
// | values key                                   | rendered object and field |
// |----------------------------------------------|--------------------------------------------------|
// | meshConfig.**                                | ConfigMap istio data.mesh (YAML in a string) |
// | meshConfig.defaultConfig.proxyMetadata       | gateway Deployments: istio-proxy env, one a key
// | | meshConfig.trustDomain                       | gateway Deployments: env TRUST_DOMAIN, MESH_ID
// | | meshConfig.enablePrometheusMerge             | gateway pod annotations prometheus.io/* | |
// global.proxy.resources, global.proxy_init.resources, istio_cni.**                         | | |
// ConfigMap istio-sidecar-injector data.values     | | cni.cniBinDir | DaemonSet istio-cni-node
// hostPath cni-bin-dir;   | |                                              | ConfigMap
// istio-cni-config cni_network_config    | | cni.cniConfDir                               |
// DaemonSet hostPath cni-net-dir, env CNI_NET_DIR; | | | ConfigMap istio-cni-config CNI_NET_DIR |
// | cni.resourceQuotas.{enabled,pods}            | ResourceQuota istio-cni-resource-quota | |
// pilot.env.*                                  | Deployment istiod: discovery env                 |
// | pilot.ipFamilyPolicy                         | Service istiod spec.ipFamilyPolicy | |
// gateways.<name>.serviceAnnotations           | Service <name> metadata.annotations              |
// | gateways.<name>.podAnnotations               | Deployment <name> pod template annotations | |
// gateways.<name>.ipFamilyPolicy               | Service <name> spec.ipFamilyPolicy               |
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kyma::manifest {

struct ValuesEffect {
  const char* values_path;  // dotted; "*" matches any one key
  const char* changes;      // the rendered objects and fields it changes
};
// The table above, in the order the effects run.
std::vector<ValuesEffect> values_effect_table();

// Applies every difference between `rendered_with` (the bundle's Helm values) and `wanted` (the
// merged IOP's, helm_values_of) to the rendered files' objects (by file stem); `profile` holds
// the values of the Kyma profile the bundle was rendered from (values_changes). Throws
// kyma::Error naming the values key when a difference is outside the table.
void apply_values_changes(std::map<std::string, std::vector<nlohmann::json>>& files,
                          const nlohmann::json& rendered_with, const nlohmann::json& wanted,
                          const nlohmann::json& profile = nlohmann::json::object());

}  // namespace kyma::manifest
