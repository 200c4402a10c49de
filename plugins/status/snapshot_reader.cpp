#include "plugins/status/snapshot_reader.hpp"

#include <map>

#include "core/kube/client.hpp"
#include "core/kube/discovery.hpp"

namespace kyma::status {

using nlohmann::json;

namespace {

// Up to this many namespaces get a list each; more get one list of all namespaces.
constexpr size_t kNamespacedLookups = 3;

}  // namespace

void put_items(ClusterSnapshot& snapshot, Source source, std::vector<json> items) {
  switch (source) {
    case Source::kIstioCrs:
      snapshot.crs = std::move(items);
      break;
    case Source::kDeployments:
    case Source::kDaemonSets: {
      const std::string kind = source == Source::kDeployments ? "Deployment" : "DaemonSet";
      std::erase_if(snapshot.workloads,
                    [&](const json& w) { return w.value("kind", std::string()) == kind; });
      for (auto& item : items) {
        item["kind"] = kind;  // list items do not always say their kind
        snapshot.workloads.push_back(std::move(item));
      }
      break;
    }
    case Source::kPods:
      snapshot.pods = std::move(items);
      break;
    case Source::kInjector:
      snapshot.injector = items.empty() ? json() : std::move(items.front());
      break;
  }
}

ClusterSnapshot read_snapshot(kube::Client& client, int page_size) {
  ClusterSnapshot snapshot;
  for (const auto& collection : status_collections()) {
    try {
      put_items(snapshot, collection.source, list_collection(client, collection, page_size).items);
    } catch (const kube::NoKindMatchError&) {
      if (collection.source != Source::kIstioCrs) throw;
      snapshot.crd_installed = false;
    }
  }
  return snapshot;
}

void look_up_replica_sets(kube::Client& client, const std::set<std::string>& keys,
                          ReplicaSetIndex& index) {
  if (keys.empty()) return;
  std::set<std::string> namespaces;
  for (const auto& key : keys) namespaces.insert(key.substr(0, key.find('/')));
  if (namespaces.size() > kNamespacedLookups) namespaces = {""};
  kube::ListOptions options;
  options.limit = kPageSize;
  for (const auto& ns : namespaces) {
    client.list_pages("apps/v1", "ReplicaSet", ns, options, [&](const json& page) {
      for (const auto& rs : page.value("items", json::array())) index.add(rs);
      return true;
    });
  }
  for (const auto& key : keys) {
    if (!index.owners.count(key)) index.missing.insert(key);
  }
}

MeshStatus complete_status(kube::Client& client, ClusterSnapshot& snapshot) {
  MeshStatus status = build_status(snapshot);
  if (status.data_plane.unresolved_replica_sets.empty()) return status;
  look_up_replica_sets(client, status.data_plane.unresolved_replica_sets, snapshot.replica_sets);
  return build_status(snapshot);
}

}  // namespace kyma::status
