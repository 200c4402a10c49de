#include "plugins/status/workload_owner.hpp"

#include <tuple>

namespace kyma::status {

using nlohmann::json;

namespace {

std::string text_at(const json& object, const char* pointer) {
  json::json_pointer ptr(pointer);
  if (!object.contains(ptr)) return "";
  const json& v = object[ptr];
  return v.is_string() ? v.get<std::string>() : "";
}

std::string key_of(const std::string& ns, const std::string& name) {
  return ns + "/" + name;
}

// The kinds the operator rolls out by patching their pod template (operator-behaviour.md §6.6).
bool rollout_supported(const std::string& kind) {
  return kind == "Deployment" || kind == "StatefulSet" || kind == "DaemonSet" ||
         kind == "ReplicaSet";
}

Workload not_supported(const std::string& ns, const OwnerRef& owner) {
  return {ns, owner.kind, owner.name, true, "kind " + owner.kind + " is not supported for rollout"};
}

}  // namespace

void ReplicaSetIndex::add(const json& replica_set) {
  std::string key =
      key_of(text_at(replica_set, "/metadata/namespace"), text_at(replica_set, "/metadata/name"));
  owners[key] = first_owner(replica_set);
  missing.erase(key);
}

bool Workload::operator<(const Workload& other) const {
  return std::tie(ns, kind, name) < std::tie(other.ns, other.kind, other.name);
}

std::optional<OwnerRef> first_owner(const json& object) {
  json::json_pointer ptr("/metadata/ownerReferences");
  if (!object.contains(ptr) || !object[ptr].is_array() || object[ptr].empty()) return std::nullopt;
  const json& owner = object[ptr][0];
  if (!owner.is_object()) return std::nullopt;
  return OwnerRef{text_at(owner, "/kind"), text_at(owner, "/name")};
}

std::optional<std::string> replica_set_to_look_up(const json& pod, const ReplicaSetIndex& index) {
  auto owner = first_owner(pod);
  if (!owner || owner->kind != "ReplicaSet") return std::nullopt;
  std::string key = key_of(text_at(pod, "/metadata/namespace"), owner->name);
  if (index.knows(key)) return std::nullopt;
  return key;
}

Workload owning_workload(const json& pod, const ReplicaSetIndex& index) {
  const std::string ns = text_at(pod, "/metadata/namespace");
  const std::string pod_name = text_at(pod, "/metadata/name");
  auto owner = first_owner(pod);
  if (!owner) return {ns, "Pod", pod_name, true, "no owner"};
  if (owner->kind == "Job") return {ns, "Job", owner->name, true, "owned by a Job"};
  if (owner->kind == "ReplicaSet") {
    auto it = index.owners.find(key_of(ns, owner->name));
    if (it == index.owners.end()) {
      return {ns, "Pod", pod_name, true, "its ReplicaSet " + owner->name + " was not found"};
    }
    // A ReplicaSet without an owner: the restart deletes the pod and the ReplicaSet replaces it.
    if (!it->second) return {ns, "ReplicaSet", owner->name, false, ""};
    const OwnerRef& top = *it->second;
    if (rollout_supported(top.kind)) return {ns, top.kind, top.name, false, ""};
    return not_supported(ns, top);
  }
  // A ReplicationController's pod is deleted and replaced.
  if (rollout_supported(owner->kind) || owner->kind == "ReplicationController") {
    return {ns, owner->kind, owner->name, false, ""};
  }
  return not_supported(ns, *owner);
}

}  // namespace kyma::status
