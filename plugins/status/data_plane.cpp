#include "plugins/status/data_plane.hpp"

#include <map>

#include "plugins/status/proxy_pods.hpp"

namespace kyma::status {

using nlohmann::json;

namespace {

// The first istio-proxy image that is not current; "" when all are.
std::string outdated_image(const json& pod, const std::string& expected) {
  for (const auto& image : container_images(pod, kProxyContainer)) {
    if (!proxy_image_is_current(image, expected)) return image;
  }
  return "";
}

}  // namespace

DataPlane summarize_data_plane(const std::vector<const json*>& pods, const json& injector,
                               const ReplicaSetIndex& replica_sets) {
  DataPlane plane;
  if (injector.is_null()) {
    plane.injector.problem = std::string("ConfigMap ") + kControlPlaneNamespace + "/" +
                             kInjectorConfigMap + " not found";
  } else {
    plane.injector = injector_proxy_image(injector);
    if (!plane.injector.problem.empty()) {
      plane.injector.problem = std::string("ConfigMap ") + kControlPlaneNamespace + "/" +
                               kInjectorConfigMap + ": " + plane.injector.problem;
    }
  }
  std::vector<std::string> versions;
  std::map<Workload, std::vector<std::string>> outdated;
  for (const json* pod : pods) {
    if (!is_live(*pod)) continue;
    auto images = container_images(*pod, kProxyContainer);
    if (images.empty()) continue;
    ++plane.pods;
    versions.push_back(image_istio_version(images.front()));
    if (has_custom_proxy_image(*pod)) {
      ++plane.custom_image_pods;
      continue;
    }
    if (plane.injector.image.empty()) continue;
    std::string image = outdated_image(*pod, plane.injector.image);
    if (image.empty()) continue;
    ++plane.outdated_pods;
    if (auto rs = replica_set_to_look_up(*pod, replica_sets))
      plane.unresolved_replica_sets.insert(*rs);
    outdated[owning_workload(*pod, replica_sets)].push_back(image_istio_version(image));
  }
  plane.versions = count_versions(versions);
  for (auto& [workload, pod_versions] : outdated) {
    OutdatedWorkload w{workload, static_cast<int>(pod_versions.size()), {}};
    for (const auto& v : count_versions(pod_versions)) w.versions.push_back(v.version);
    plane.outdated.push_back(std::move(w));
  }
  return plane;
}

}  // namespace kyma::status
