#include "tests/fakekube/controllers/workloads.hpp"

#include <algorithm>

#include "tests/fakekube/object_meta.hpp"

namespace fakekube {

using nlohmann::json;

WriteContext controller_context(const std::string& controller) {
  WriteContext ctx;
  ctx.internal = true;
  ctx.user = "system:serviceaccount:kube-system:" + controller;
  ctx.manager = "kube-controller-manager";
  return ctx;
}

std::vector<ObjectPtr> controlled(Cluster& cluster, const std::string& owner_uid,
                                  const std::string& storage_key) {
  std::vector<ObjectPtr> out;
  for (const auto& uid : cluster.store().dependents(owner_uid)) {
    auto where = cluster.store().locate(uid);
    if (!where || where->storage_key != storage_key) continue;
    ObjectPtr object = cluster.store().get(where->storage_key, where->ns, where->name);
    if (!object) continue;
    json ref = controller_ref(object->object);
    if (ref.is_object() && ref.value("uid", "") == owner_uid) out.push_back(object);
  }
  return out;
}

namespace {

// Drops null-valued members at any depth. The real controller hashes the decoded Go struct, where
// `creationTimestamp: null` (what clients send back from a typed object, as rollout undo does)
// and an absent field are the same.
json without_nulls(const json& value) {
  if (value.is_array()) {
    json out = json::array();
    for (const auto& item : value) out.push_back(without_nulls(item));
    return out;
  }
  if (!value.is_object()) return value;
  json out = json::object();
  for (const auto& [key, member] : value.items())
    if (!member.is_null()) out[key] = without_nulls(member);
  return out;
}

}  // namespace

std::string template_hash(const json& pod_template) {
  json copy = without_nulls(pod_template);
  if (copy.contains("metadata") && copy["metadata"].contains("labels"))
    copy["metadata"]["labels"].erase("pod-template-hash");
  return safe_hash(copy.dump());
}

json pod_from_template(const json& owner, const json& pod_template, const json& labels) {
  json meta = {{"namespace", namespace_of(owner)},
               {"ownerReferences", json::array({owner_reference(owner, true)})}};
  json all_labels = field(pod_template, "/metadata/labels");
  if (!all_labels.is_object()) all_labels = json::object();
  for (const auto& [k, v] : labels.items()) all_labels[k] = v;
  meta["labels"] = all_labels;
  const json& annotations = field(pod_template, "/metadata/annotations");
  if (annotations.is_object() && !annotations.empty()) meta["annotations"] = annotations;
  const json& spec = field(pod_template, "/spec");
  return {{"apiVersion", "v1"},
          {"kind", "Pod"},
          {"metadata", meta},
          {"spec", spec.is_object() ? spec : json::object()}};
}

std::int64_t desired_replicas(const json& object) {
  const json& replicas = field(object, "/spec/replicas");
  if (!replicas.is_number_integer()) return 1;
  // Validation refuses negative counts; an object that has one anyway wants no pods.
  return std::max<std::int64_t>(0, replicas.get<std::int64_t>());
}

std::int64_t count_at(const json& object, const char* pointer) {
  const json& value = field(object, pointer);
  return value.is_number_integer() ? value.get<std::int64_t>() : 0;
}

json keep_transition_times(json conditions, const json& previous) {
  for (auto& c : conditions) {
    for (const auto& p : previous.is_array() ? previous : json::array()) {
      if (!p.is_object() || p.value("type", "") != c.value("type", "")) continue;
      if (p.value("status", "") == c.value("status", "") && p.contains("lastTransitionTime"))
        c["lastTransitionTime"] = p["lastTransitionTime"];
      if (p.value("reason", "") == c.value("reason", "") &&
          p.value("message", "") == c.value("message", "") && p.contains("lastUpdateTime") &&
          c.contains("lastUpdateTime"))
        c["lastUpdateTime"] = p["lastUpdateTime"];
    }
  }
  return conditions;
}

json without_zero_counts(json status) {
  for (auto it = status.begin(); it != status.end();) {
    if (it->is_number_integer() && it->get<std::int64_t>() == 0 && it.key() != "observedGeneration")
      it = status.erase(it);
    else
      ++it;
  }
  return status;
}

}  // namespace fakekube
