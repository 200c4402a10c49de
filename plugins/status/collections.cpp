#include "plugins/status/collections.hpp"

#include "core/istio/istio_cr.hpp"
#include "core/kube/client.hpp"
#include "plugins/status/injector_image.hpp"
#include "plugins/status/proxy_pods.hpp"

namespace kyma::status {

using nlohmann::json;

const std::vector<Collection>& status_collections() {
  static const std::vector<Collection> collections = {
      {Source::kIstioCrs,
       istio::kIstioApiVersion,
       istio::kIstioKind,
       istio::kKymaSystemNamespace,
       "",
       {}},
      {Source::kDeployments, "apps/v1", "Deployment", kControlPlaneNamespace, "", {}},
      {Source::kDaemonSets, "apps/v1", "DaemonSet", kControlPlaneNamespace, "", {}},
      {Source::kPods, "v1", "Pod", "", "", slim_pod},
      {Source::kInjector,
       "v1",
       "ConfigMap",
       kControlPlaneNamespace,
       std::string("metadata.name=") + kInjectorConfigMap,
       {}},
  };
  return collections;
}

Listed list_collection(kube::Client& client, const Collection& collection, int page_size) {
  Listed listed;
  kube::ListOptions options;
  options.field_selector = collection.field_selector;
  options.limit = page_size;
  client.list_pages(
      collection.api_version, collection.kind, collection.ns, options,
      [&](const json& page) {
        if (listed.resource_version.empty()) {
          listed.resource_version =
              page.value("/metadata/resourceVersion"_json_pointer, std::string());
        }
        for (const auto& item : page.value("items", json::array())) {
          json kept = collection.kept(item);
          if (!kept.is_null()) listed.items.push_back(std::move(kept));
        }
        return true;
      },
      [&] { listed = Listed{}; });
  return listed;
}

std::string object_key(const json& object) {
  return object.value("/metadata/namespace"_json_pointer, std::string()) + "/" +
         object.value("/metadata/name"_json_pointer, std::string());
}

}  // namespace kyma::status
