#pragma once
// The data-plane part of `status`: the live pods with an istio-proxy container (gateways of the
// control plane left out) counted by proxy version, and the ones whose proxy image is not what
// the injector gives new pods now, grouped by the workload to restart (IST0158's comparison,
// conventions.md §1.7; pods with their own sidecar.istio.io/proxyImage are not judged).
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugins/status/injector_image.hpp"
#include "plugins/status/version_count.hpp"
#include "plugins/status/workload_owner.hpp"

namespace kyma::status {

struct OutdatedWorkload {
  Workload workload;
  int pods = 0;
  std::vector<std::string> versions;  // the proxy versions its outdated pods run, newest first
};

struct DataPlane {
  int pods = 0;
  std::vector<VersionCount> versions;
  int custom_image_pods = 0;  // not judged
  InjectorImage injector;     // image "" when it cannot be told (see problem)
  int outdated_pods = 0;
  std::vector<OutdatedWorkload> outdated;  // by namespace, kind, name
  // ReplicaSets that own outdated pods and that the index did not know ("namespace/name").
  std::set<std::string> unresolved_replica_sets;
};

// `pods`: the data-plane pods (any pods; those without istio-proxy or not live are skipped);
// `injector`: ConfigMap istio-system/istio-sidecar-injector, or null when there is none.
DataPlane summarize_data_plane(const std::vector<const nlohmann::json*>& pods,
                               const nlohmann::json& injector, const ReplicaSetIndex& replica_sets);

}  // namespace kyma::status
