#pragma once
// Reading `status` from the cluster: the five collections (collections.hpp), then, only when
// outdated pods belong to ReplicaSets, those ReplicaSets' owners. A handful of paged lists
// whatever the number of pods.
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugins/status/collections.hpp"
#include "plugins/status/mesh_status.hpp"

namespace kyma::kube {
class Client;
}

namespace kyma::status {

// Puts a collection's items into their place in the snapshot.
void put_items(ClusterSnapshot& snapshot, Source source, std::vector<nlohmann::json> items);

ClusterSnapshot read_snapshot(kube::Client& client, int page_size = kPageSize);

// Looks up ReplicaSets ("namespace/name"): one list per namespace, or one list of all
// namespaces when they span more than a few. Every ReplicaSet listed goes into the index; the
// keys not found go into index.missing.
void look_up_replica_sets(kube::Client& client, const std::set<std::string>& keys,
                          ReplicaSetIndex& index);

// The status of `snapshot`, after looking up the ReplicaSets it needs (kept in its index).
MeshStatus complete_status(kube::Client& client, ClusterSnapshot& snapshot);

}  // namespace kyma::status
