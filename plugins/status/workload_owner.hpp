#pragma once
// Which workload a pod with an outdated sidecar belongs to, and whether `kubectl kyma-istio
// restart` can restart it (the operator's per-pod rules, operator-behaviour.md §6.6): the pod's
// first owner; a ReplicaSet stands for the Deployment that owns it.
#include <map>
#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

namespace kyma::status {

struct OwnerRef {
  std::string kind;
  std::string name;
};

// The ReplicaSets looked up so far, by "namespace/name": each one's own owner (nullopt when it
// has none); `missing` holds those a lookup did not find.
struct ReplicaSetIndex {
  std::map<std::string, std::optional<OwnerRef>> owners;
  std::set<std::string> missing;

  bool knows(const std::string& key) const { return owners.count(key) || missing.count(key); }
  // Records a ReplicaSet object (its first owner reference).
  void add(const nlohmann::json& replica_set);
};

struct Workload {
  std::string ns;
  std::string kind;  // Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController,
                     // Job, Pod, or another owner kind
  std::string name;
  bool manual = false;  // the restart command cannot restart it
  std::string reason;   // why, when manual
  bool operator<(const Workload& other) const;
};

// The first owner reference of an object, if any.
std::optional<OwnerRef> first_owner(const nlohmann::json& object);

// The ReplicaSet ("namespace/name") whose owner decides the pod's workload and that `index` does
// not know yet; nullopt when none is needed.
std::optional<std::string> replica_set_to_look_up(const nlohmann::json& pod,
                                                  const ReplicaSetIndex& index);

// The workload of a pod. A ReplicaSet the index does not know reads as not found.
Workload owning_workload(const nlohmann::json& pod, const ReplicaSetIndex& index);

}  // namespace kyma::status
