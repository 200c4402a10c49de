#include "core/kube/rollout_judgement.hpp"

#include <algorithm>

namespace kyma::kube {

namespace {

using nlohmann::json;

const json* at(const json& object, std::initializer_list<const char*> path) {
  const json* node = &object;
  for (const char* key : path) {
    if (!node->is_object()) return nullptr;
    auto it = node->find(key);
    if (it == node->end()) return nullptr;
    node = &*it;
  }
  return node;
}

long long number(const json& object, std::initializer_list<const char*> path,
                 long long fallback = 0) {
  const json* node = at(object, path);
  return node && node->is_number() ? node->get<long long>() : fallback;
}

std::string text(const json& object, std::initializer_list<const char*> path) {
  const json* node = at(object, path);
  return node && node->is_string() ? node->get<std::string>() : "";
}

std::string name_of(const json& object) {
  return text(object, {"metadata", "name"});
}

std::string q(const std::string& s) {
  return "\"" + s + "\"";
}

const json* condition(const json& object, const std::string& type) {
  const json* conditions = at(object, {"status", "conditions"});
  if (!conditions || !conditions->is_array()) return nullptr;
  for (const auto& c : *conditions)
    if (c.is_object() && c.value("type", "") == type) return &c;
  return nullptr;
}

bool generation_observed(const json& object) {
  return number(object, {"metadata", "generation"}) <=
         number(object, {"status", "observedGeneration"});
}

// The pod template without the pod-template-hash label, to compare a ReplicaSet's template with
// its Deployment's (kubectl's EqualIgnoreHash).
json template_without_hash(json tmpl) {
  if (auto meta = tmpl.find("metadata"); meta != tmpl.end() && meta->contains("labels")) {
    (*meta)["labels"].erase("pod-template-hash");
    if ((*meta)["labels"].empty()) meta->erase("labels");
  }
  return tmpl;
}

bool owned_by(const json& rs, const json& deployment) {
  const json* refs = at(rs, {"metadata", "ownerReferences"});
  if (!refs || !refs->is_array()) return false;
  const std::string uid = text(deployment, {"metadata", "uid"});
  for (const auto& ref : *refs) {
    if (ref.value("kind", "") != "Deployment") continue;
    if (uid.empty() ? ref.value("name", "") == name_of(deployment) : ref.value("uid", "") == uid)
      return true;
  }
  return false;
}

// The Deployment's new ReplicaSet: the owned one whose template equals the Deployment's; the
// oldest such one if there are several, as the deployment controller picks it.
const json* new_replica_set(const json& deployment, const std::vector<json>& replica_sets) {
  const json* tmpl = at(deployment, {"spec", "template"});
  if (!tmpl) return nullptr;
  const json wanted = template_without_hash(*tmpl);
  const json* found = nullptr;
  for (const auto& rs : replica_sets) {
    if (!owned_by(rs, deployment)) continue;
    const json* rs_template = at(rs, {"spec", "template"});
    if (!rs_template || template_without_hash(*rs_template) != wanted) continue;
    if (!found || text(rs, {"metadata", "creationTimestamp"}) <
                      text(*found, {"metadata", "creationTimestamp"}))
      found = &rs;
  }
  return found;
}

// `kubectl rollout status` for a Deployment whose ReplicaSets are unknown.
Readiness deployment_by_counts(const json& d, const std::string& prefix) {
  const std::string name = name_of(d);
  long long replicas = number(d, {"spec", "replicas"}, 1);
  long long updated = number(d, {"status", "updatedReplicas"});
  long long status_replicas = number(d, {"status", "replicas"});
  long long available = number(d, {"status", "availableReplicas"});
  if (updated < replicas)
    return {false, prefix + std::to_string(updated) + " out of " + std::to_string(replicas) +
                       " new replicas have been updated..."};
  if (status_replicas > updated)
    return {false, prefix + std::to_string(status_replicas - updated) +
                       " old replicas are pending termination..."};
  if (available < updated)
    return {false, prefix + std::to_string(available) + " of " + std::to_string(updated) +
                       " updated replicas are available..."};
  return {true, "deployment " + q(name) + " successfully rolled out"};
}

std::string selector_values(const json& values) {
  std::vector<std::string> sorted;
  if (values.is_array())
    for (const auto& v : values)
      if (v.is_string()) sorted.push_back(v.get<std::string>());
  std::sort(sorted.begin(), sorted.end());
  std::string out;
  for (const auto& v : sorted) out += (out.empty() ? "" : ",") + v;
  return "(" + out + ")";
}

// What one container status says, or "".
std::string container_problem(const json& status) {
  const std::string name = status.value("name", "");
  if (const json* waiting = at(status, {"state", "waiting"}); waiting && waiting->is_object()) {
    std::string reason = waiting->value("reason", "");
    std::string message = waiting->value("message", "");
    return "container " + q(name) + " is waiting" + (reason.empty() ? "" : ": " + reason) +
           (message.empty() ? "" : ": " + message);
  }
  if (const json* done = at(status, {"state", "terminated"}); done && done->is_object()) {
    long long exit_code = number(*done, {"exitCode"});
    if (exit_code == 0) return "";
    std::string reason = done->value("reason", "");
    std::string message = done->value("message", "");
    return "container " + q(name) + " terminated" + (reason.empty() ? "" : ": " + reason) +
           " (exit code " + std::to_string(exit_code) + ")" +
           (message.empty() ? "" : ": " + message);
  }
  return "";
}

std::string pod_problem(const json& pod) {
  for (const char* list : {"initContainerStatuses", "containerStatuses"}) {
    const json* statuses = at(pod, {"status", list});
    if (!statuses || !statuses->is_array()) continue;
    for (const auto& status : *statuses) {
      if (status.value("ready", false)) continue;
      if (auto problem = container_problem(status); !problem.empty()) return problem;
    }
  }
  if (const json* scheduled = condition(pod, "PodScheduled");
      scheduled && scheduled->value("status", "") == "False") {
    std::string why = scheduled->value("message", scheduled->value("reason", ""));
    return "not scheduled" + (why.empty() ? "" : ": " + why);
  }
  if (const json* ready = condition(pod, "Ready"); ready && ready->value("status", "") == "False") {
    std::string why = ready->value("message", ready->value("reason", ""));
    return "not ready" + (why.empty() ? "" : ": " + why);
  }
  return "";
}

}  // namespace

Readiness crd_established(const json& crd) {
  std::string name = name_of(crd);
  if (const auto* names = condition(crd, "NamesAccepted");
      names && names->value("status", "") == "False") {
    return {false, "CRD " + q(name) + " names not accepted: " + names->value("message", "")};
  }
  const auto* established = condition(crd, "Established");
  if (established && established->value("status", "") == "True")
    return {true, "CRD " + q(name) + " established"};
  return {false, "CRD " + q(name) + " is not Established yet"};
}

Readiness deployment_rolled_out(const json& d, const std::vector<json>& replica_sets) {
  const std::string name = name_of(d);
  const std::string prefix = "Waiting for deployment " + q(name) + " rollout to finish: ";
  if (!generation_observed(d))
    return {false, "Waiting for deployment spec update to be observed..."};
  Readiness result;
  if (const json* rs = new_replica_set(d, replica_sets); !rs) {
    result = {false, prefix + "waiting for the new ReplicaSet to be created..."};
  } else {
    long long replicas = number(d, {"spec", "replicas"}, 1);
    long long ready = number(*rs, {"status", "readyReplicas"});
    if (ready >= replicas) return {true, "deployment " + q(name) + " successfully rolled out"};
    result = {false, prefix + std::to_string(ready) + " of " + std::to_string(replicas) +
                         " pods of the new ReplicaSet " + q(name_of(*rs)) + " are ready..."};
  }
  if (const auto* progressing = condition(d, "Progressing");
      progressing && progressing->value("reason", "") == "ProgressDeadlineExceeded") {
    result.message = "deployment " + q(name) + " exceeded its progress deadline";
  }
  return result;
}

Readiness deployment_rolled_out(const json& d) {
  const std::string name = name_of(d);
  const std::string prefix = "Waiting for deployment " + q(name) + " rollout to finish: ";
  if (!generation_observed(d))
    return {false, "Waiting for deployment spec update to be observed..."};
  if (const auto* progressing = condition(d, "Progressing");
      progressing && progressing->value("reason", "") == "ProgressDeadlineExceeded") {
    return {false, "deployment " + q(name) + " exceeded its progress deadline"};
  }
  return deployment_by_counts(d, prefix);
}

Readiness daemonset_rolled_out(const json& ds) {
  const std::string name = name_of(ds);
  if (!generation_observed(ds))
    return {false, "Waiting for daemon set spec update to be observed..."};
  const std::string prefix = "Waiting for daemon set " + q(name) + " rollout to finish: ";
  long long desired = number(ds, {"status", "desiredNumberScheduled"});
  long long updated = number(ds, {"status", "updatedNumberScheduled"});
  long long ready = number(ds, {"status", "numberReady"});
  const bool on_delete = text(ds, {"spec", "updateStrategy", "type"}) == "OnDelete";
  // istioctl: a rolling update needs at least one scheduled pod, every one ready and updated;
  // OnDelete only that the updated pods are scheduled.
  if (!on_delete && desired <= 0)
    return {false, prefix + "no pods are scheduled yet (desiredNumberScheduled is 0)..."};
  if (!on_delete && ready < desired)
    return {false, prefix + std::to_string(ready) + " of " + std::to_string(desired) +
                       " pods are ready..."};
  if (updated != desired)
    return {false, prefix + std::to_string(updated) + " out of " + std::to_string(desired) +
                       " new pods have been updated..."};
  return {true, "daemon set " + q(name) + " successfully rolled out"};
}

Readiness statefulset_rolled_out(const json& sts) {
  const std::string name = name_of(sts);
  if (number(sts, {"status", "observedGeneration"}) == 0 || !generation_observed(sts))
    return {false, "Waiting for statefulset spec update to be observed..."};
  long long replicas = number(sts, {"spec", "replicas"}, 1);
  long long updated = number(sts, {"status", "updatedReplicas"});
  if (text(sts, {"spec", "updateStrategy", "type"}) == "OnDelete") {
    // istioctl: every pod the set has is of the new revision.
    long long current = number(sts, {"status", "replicas"});
    if (updated != current)
      return {false, "Waiting for statefulset " + q(name) +
                         " pods to be replaced: " + std::to_string(updated) + " of " +
                         std::to_string(current) + " pods are at the new revision..."};
    return {true, "statefulset " + q(name) + " uses OnDelete updates: all pods are updated"};
  }
  long long ready = number(sts, {"status", "readyReplicas"});
  if (ready < replicas)
    return {false, "Waiting for " + std::to_string(replicas - ready) + " pods to be ready..."};
  long long partition = number(sts, {"spec", "updateStrategy", "rollingUpdate", "partition"});
  if (partition > 0) {
    if (updated < replicas - partition)
      return {false, "Waiting for partitioned roll out to finish: " + std::to_string(updated) +
                         " out of " + std::to_string(replicas - partition) +
                         " new pods have been updated..."};
    return {true, "partitioned roll out complete: " + std::to_string(updated) +
                      " new pods have been updated..."};
  }
  std::string update_revision = text(sts, {"status", "updateRevision"});
  std::string current_revision = text(sts, {"status", "currentRevision"});
  if (update_revision != current_revision)
    return {false, "waiting for statefulset rolling update to complete " + std::to_string(updated) +
                       " pods at revision " + update_revision + "..."};
  return {true, "statefulset rolling update complete " + std::to_string(replicas) +
                    " pods at revision " + current_revision + "..."};
}

std::string label_selector_string(const json& selector) {
  std::vector<std::string> parts;
  if (const json* labels = at(selector, {"matchLabels"}); labels && labels->is_object())
    for (const auto& [key, value] : labels->items())
      parts.push_back(key + "=" + (value.is_string() ? value.get<std::string>() : value.dump()));
  if (const json* expressions = at(selector, {"matchExpressions"});
      expressions && expressions->is_array()) {
    for (const auto& e : *expressions) {
      const std::string key = e.value("key", "");
      const std::string op = e.value("operator", "");
      const json values = e.value("values", json::array());
      if (op == "In") parts.push_back(key + " in " + selector_values(values));
      if (op == "NotIn") parts.push_back(key + " notin " + selector_values(values));
      if (op == "Exists") parts.push_back(key);
      if (op == "DoesNotExist") parts.push_back("!" + key);
    }
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ",") + p;
  return out;
}

std::string pod_failure_reason(const std::vector<json>& pods) {
  std::vector<const json*> newest_first;
  for (const auto& pod : pods)
    if (!at(pod, {"metadata", "deletionTimestamp"})) newest_first.push_back(&pod);
  // RFC 3339 times in UTC sort as text.
  std::stable_sort(newest_first.begin(), newest_first.end(), [](const json* a, const json* b) {
    return text(*a, {"metadata", "creationTimestamp"}) >
           text(*b, {"metadata", "creationTimestamp"});
  });
  for (const json* pod : newest_first)
    if (auto problem = pod_problem(*pod); !problem.empty())
      return "pod " + q(name_of(*pod)) + ": " + problem;
  return "";
}

}  // namespace kyma::kube
