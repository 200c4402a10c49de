#pragma once
// What to do with one pod whose sidecar is outdated (operator-behaviour.md §6.6): roll out its
// owner, delete it, or warn that it needs a manual restart. Only the first ownerReference counts.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kyma::kube {
class Client;
}

namespace kyma::istio {

enum class ActionKind {
  kRollout,    // patch target's pod template with the restartedAt annotation
  kDeletePod,  // delete the pod itself
  kWarn,       // cannot restart: the user must (message says why)
  kSkip,       // leave it for now (message says why)
  kError,      // an owner kind that cannot be rolled out
};

struct RestartAction {
  ActionKind kind = ActionKind::kSkip;
  std::string target_kind;  // Deployment, DaemonSet, StatefulSet, ReplicaSet, or Pod
  std::string ns;
  std::string name;
  std::string message;
};

// Reads the cluster for the ReplicaSet rules; supplied by the caller.
struct OwnerLookup {
  std::function<std::optional<nlohmann::json>(const std::string& ns, const std::string& name)>
      get_replicaset;
  std::function<std::vector<nlohmann::json>(const std::string& ns)> list_replicasets;
};

RestartAction decide_restart(const nlohmann::json& pod, const OwnerLookup& lookup);

// A lookup that reads the cluster, each namespace's ReplicaSets listed once.
OwnerLookup cluster_owner_lookup(kube::Client& client);

inline constexpr const char* kNoOwnerWarning =
    "pod sidecar could not be updated because OwnerReferences was not found.";
inline constexpr const char* kJobOwnerWarning =
    "pod sidecar could not be updated because it is owned by a Job.";

}  // namespace kyma::istio
