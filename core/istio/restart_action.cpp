#include "core/istio/restart_action.hpp"

#include <map>
#include <memory>

#include "core/kube/client.hpp"

namespace kyma::istio {

using nlohmann::json;

namespace {

RestartAction pod_action(ActionKind kind, const json& pod, std::string message = {}) {
  return {kind, "Pod", pod.value("/metadata/namespace"_json_pointer, std::string()),
          pod.value("/metadata/name"_json_pointer, std::string()), std::move(message)};
}

std::optional<json> first_owner(const json& object) {
  const auto& owners = object.value("/metadata/ownerReferences"_json_pointer, json::array());
  if (owners.empty()) return std::nullopt;
  return owners[0];
}

// Another ReplicaSet of the same owner is still rolling out: restarting now would start a
// second rollout on top of it.
bool sibling_not_ready(const json& rs, const json& owner, const OwnerLookup& lookup,
                       const std::string& ns) {
  const std::string rs_name = rs.value("/metadata/name"_json_pointer, std::string());
  for (const auto& other : lookup.list_replicasets(ns)) {
    if (other.value("/metadata/name"_json_pointer, std::string()) == rs_name) continue;
    auto other_owner = first_owner(other);
    if (!other_owner || other_owner->value("uid", "") != owner.value("uid", "")) continue;
    long replicas = other.value("/status/replicas"_json_pointer, 0L);
    long ready = other.value("/status/readyReplicas"_json_pointer, 0L);
    if (replicas != 0 && ready != replicas) return true;
  }
  return false;
}

}  // namespace

RestartAction decide_restart(const json& pod, const OwnerLookup& lookup) {
  const std::string ns = pod.value("/metadata/namespace"_json_pointer, std::string());
  auto owner = first_owner(pod);
  if (!owner) return pod_action(ActionKind::kWarn, pod, kNoOwnerWarning);
  const std::string kind = owner->value("kind", "");
  const std::string name = owner->value("name", "");
  if (kind == "Job") return pod_action(ActionKind::kWarn, pod, kJobOwnerWarning);
  if (kind == "ReplicationController") return pod_action(ActionKind::kDeletePod, pod);
  if (kind == "ReplicaSet") {
    auto rs = lookup.get_replicaset(ns, name);
    if (!rs) return pod_action(ActionKind::kWarn, pod, kNoOwnerWarning);
    auto rs_owner = first_owner(*rs);
    if (!rs_owner) return pod_action(ActionKind::kDeletePod, pod);
    if (sibling_not_ready(*rs, *rs_owner, lookup, ns)) {
      return {ActionKind::kSkip, rs_owner->value("kind", ""), ns, rs_owner->value("name", ""),
              "was not restarted because there exists another not ready ReplicaSet for the same "
              "object"};
    }
    std::string owner_kind = rs_owner->value("kind", "");
    if (owner_kind != "Deployment" && owner_kind != "DaemonSet" && owner_kind != "StatefulSet" &&
        owner_kind != "ReplicaSet") {
      return {ActionKind::kError, owner_kind, ns, rs_owner->value("name", ""),
              "kind " + owner_kind + " is not supported for rollout"};
    }
    return {ActionKind::kRollout, owner_kind, ns, rs_owner->value("name", ""), {}};
  }
  if (kind == "DaemonSet" || kind == "Deployment" || kind == "StatefulSet") {
    return {ActionKind::kRollout, kind, ns, name, {}};
  }
  return {ActionKind::kError, kind, ns, name, "kind " + kind + " is not supported for rollout"};
}

OwnerLookup cluster_owner_lookup(kube::Client& client) {
  auto cache = std::make_shared<std::map<std::string, std::vector<json>>>();
  auto namespace_sets = [&client, cache](const std::string& ns) -> const std::vector<json>& {
    auto it = cache->find(ns);
    if (it == cache->end()) {
      const json list = client.list("apps/v1", "ReplicaSet", ns);
      it = cache->emplace(ns, std::vector<json>(list["items"].begin(), list["items"].end())).first;
    }
    return it->second;
  };
  OwnerLookup lookup;
  // A pod's ReplicaSet is found in its namespace's list (one LIST, not a GET per pod); one that
  // is newer than the list is read on its own.
  lookup.get_replicaset = [&client, namespace_sets](const std::string& ns,
                                                    const std::string& name) {
    for (const auto& rs : namespace_sets(ns)) {
      if (rs.value("/metadata/name"_json_pointer, std::string()) == name) {
        return std::optional<json>(rs);
      }
    }
    return client.try_get("apps/v1", "ReplicaSet", ns, name);
  };
  lookup.list_replicasets = namespace_sets;
  return lookup;
}

}  // namespace kyma::istio
