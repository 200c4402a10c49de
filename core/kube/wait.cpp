#include "core/kube/wait.hpp"

#include <thread>

#include "core/kube/api_error.hpp"
#include "core/kube/client.hpp"
#include "core/ui/error.hpp"

namespace kyma::kube {

namespace {

long long num(const nlohmann::json& object, const char* section, const char* field,
              long long fallback = 0) {
  auto s = object.find(section);
  if (s == object.end() || !s->is_object()) return fallback;
  auto f = s->find(field);
  if (f == s->end() || !f->is_number()) return fallback;
  return f->get<long long>();
}

std::string text(const nlohmann::json& object, std::initializer_list<const char*> path) {
  const nlohmann::json* node = &object;
  for (const char* key : path) {
    if (!node->is_object() || !node->contains(key)) return "";
    node = &(*node)[key];
  }
  return node->is_string() ? node->get<std::string>() : "";
}

std::string name_of(const nlohmann::json& object) {
  return text(object, {"metadata", "name"});
}

long long generation(const nlohmann::json& object) {
  return num(object, "metadata", "generation");
}

const nlohmann::json* condition(const nlohmann::json& object, const std::string& type) {
  if (!object.contains("status") || !object["status"].contains("conditions")) return nullptr;
  for (const auto& c : object["status"]["conditions"])
    if (c.value("type", "") == type) return &c;
  return nullptr;
}

std::string q(const std::string& s) {
  return "\"" + s + "\"";
}

// The pod template without the pod-template-hash label, for comparing a ReplicaSet's template
// with its Deployment's.
nlohmann::json template_without_hash(nlohmann::json tmpl) {
  if (tmpl.contains("metadata") && tmpl["metadata"].contains("labels")) {
    tmpl["metadata"]["labels"].erase("pod-template-hash");
    if (tmpl["metadata"]["labels"].empty()) tmpl["metadata"].erase("labels");
  }
  return tmpl;
}

const nlohmann::json* new_replica_set(const nlohmann::json& deployment,
                                      const std::vector<nlohmann::json>& replica_sets) {
  std::string uid = text(deployment, {"metadata", "uid"});
  std::string revision =
      text(deployment, {"metadata", "annotations", "deployment.kubernetes.io/revision"});
  std::vector<const nlohmann::json*> owned;
  for (const auto& rs : replica_sets) {
    bool mine = false;
    if (rs.contains("metadata") && rs["metadata"].contains("ownerReferences")) {
      for (const auto& ref : rs["metadata"]["ownerReferences"])
        if (ref.value("kind", "") == "Deployment" &&
            (uid.empty() ? ref.value("name", "") == name_of(deployment)
                         : ref.value("uid", "") == uid))
          mine = true;
    }
    if (mine) owned.push_back(&rs);
  }
  nlohmann::json wanted = deployment.contains("spec") && deployment["spec"].contains("template")
                              ? template_without_hash(deployment["spec"]["template"])
                              : nlohmann::json();
  for (const auto* rs : owned) {
    if (rs->contains("spec") && (*rs)["spec"].contains("template") &&
        template_without_hash((*rs)["spec"]["template"]) == wanted)
      return rs;
  }
  if (!revision.empty()) {
    for (const auto* rs : owned)
      if (text(*rs, {"metadata", "annotations", "deployment.kubernetes.io/revision"}) == revision)
        return rs;
  }
  return nullptr;
}

}  // namespace

Readiness crd_established(const nlohmann::json& crd) {
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

Readiness deployment_rolled_out(const nlohmann::json& d,
                                const std::vector<nlohmann::json>& replica_sets) {
  std::string name = name_of(d);
  const std::string prefix = "Waiting for deployment " + q(name) + " rollout to finish: ";
  if (generation(d) > num(d, "status", "observedGeneration"))
    return {false, "Waiting for deployment spec update to be observed..."};
  if (const auto* progressing = condition(d, "Progressing");
      progressing && progressing->value("reason", "") == "ProgressDeadlineExceeded") {
    return {false, "deployment " + q(name) + " exceeded its progress deadline"};
  }
  long long replicas = num(d, "spec", "replicas", 1);
  long long updated = num(d, "status", "updatedReplicas");
  long long status_replicas = num(d, "status", "replicas");
  long long available = num(d, "status", "availableReplicas");
  if (updated < replicas)
    return {false, prefix + std::to_string(updated) + " out of " + std::to_string(replicas) +
                       " new replicas have been updated..."};
  if (status_replicas > updated)
    return {false, prefix + std::to_string(status_replicas - updated) +
                       " old replicas are pending termination..."};
  if (available < updated)
    return {false, prefix + std::to_string(available) + " of " + std::to_string(updated) +
                       " updated replicas are available..."};
  if (!replica_sets.empty()) {
    // istioctl: the new ReplicaSet has at least spec.replicas ready pods.
    const auto* rs = new_replica_set(d, replica_sets);
    if (!rs) return {false, prefix + "waiting for the new ReplicaSet to be created..."};
    long long ready = num(*rs, "status", "readyReplicas");
    if (ready < replicas)
      return {false, prefix + std::to_string(ready) + " of " + std::to_string(replicas) +
                         " pods of the new ReplicaSet " + q(name_of(*rs)) + " are ready..."};
  }
  return {true, "deployment " + q(name) + " successfully rolled out"};
}

Readiness daemonset_rolled_out(const nlohmann::json& ds) {
  std::string name = name_of(ds);
  if (text(ds, {"spec", "updateStrategy", "type"}) == "OnDelete")
    return {true, "daemon set " + q(name) + " uses OnDelete updates: nothing to wait for"};
  if (generation(ds) > num(ds, "status", "observedGeneration"))
    return {false, "Waiting for daemon set spec update to be observed..."};
  long long desired = num(ds, "status", "desiredNumberScheduled");
  long long updated = num(ds, "status", "updatedNumberScheduled");
  long long available = num(ds, "status", "numberAvailable");
  const std::string prefix = "Waiting for daemon set " + q(name) + " rollout to finish: ";
  if (updated < desired)
    return {false, prefix + std::to_string(updated) + " out of " + std::to_string(desired) +
                       " new pods have been updated..."};
  if (available < desired)
    return {false, prefix + std::to_string(available) + " of " + std::to_string(desired) +
                       " updated pods are available..."};
  return {true, "daemon set " + q(name) + " successfully rolled out"};
}

Readiness statefulset_rolled_out(const nlohmann::json& sts) {
  std::string name = name_of(sts);
  if (text(sts, {"spec", "updateStrategy", "type"}) == "OnDelete")
    return {true, "statefulset " + q(name) + " uses OnDelete updates: nothing to wait for"};
  if (generation(sts) > num(sts, "status", "observedGeneration"))
    return {false, "Waiting for statefulset spec update to be observed..."};
  long long replicas = num(sts, "spec", "replicas", 1);
  long long ready = num(sts, "status", "readyReplicas");
  if (ready < replicas)
    return {false, "Waiting for " + std::to_string(replicas - ready) + " pods to be ready..."};
  long long partition = 0;
  if (sts.contains("spec") && sts["spec"].contains("updateStrategy"))
    partition = num(sts["spec"]["updateStrategy"], "rollingUpdate", "partition");
  if (partition > 0) {
    long long updated = num(sts, "status", "updatedReplicas");
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
    return {false, "waiting for statefulset rolling update to complete " +
                       std::to_string(num(sts, "status", "updatedReplicas")) +
                       " pods at revision " + update_revision + "..."};
  return {true, "statefulset rolling update complete " + std::to_string(replicas) +
                    " pods at revision " + current_revision + "..."};
}

void wait_until_ready(const std::function<Readiness()>& check, const std::string& what,
                      const WaitOptions& options) {
  auto deadline = std::chrono::steady_clock::now() + options.timeout;
  std::string last;
  for (;;) {
    Readiness r = check();
    if (r.message != last && options.on_progress) options.on_progress(r.message);
    last = r.message;
    if (r.ready) return;
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) throw TimeoutError("timed out waiting for " + what + ": " + r.message);
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(options.interval, deadline - now));
  }
}

Readiness check_target(Client& client, const WaitTarget& t) {
  auto object = client.try_get(t.api_version, t.kind, t.ns, t.name);
  std::string label = t.kind + " " + (t.ns.empty() ? "" : t.ns + "/") + t.name;
  if (t.gone) {
    if (!object) return {true, label + " is gone"};
    bool deleting =
        object->contains("metadata") && (*object)["metadata"].contains("deletionTimestamp");
    return {false, label + (deleting ? " is being deleted" : " still exists")};
  }
  if (!object) return {false, label + " does not exist yet"};
  if (t.kind == "CustomResourceDefinition") return crd_established(*object);
  if (t.kind == "Deployment") {
    auto sets =
        client.list("apps/v1", "ReplicaSet",
                    object->value("metadata", nlohmann::json::object()).value("namespace", t.ns));
    std::vector<nlohmann::json> items = sets["items"].get<std::vector<nlohmann::json>>();
    return deployment_rolled_out(*object, items);
  }
  if (t.kind == "DaemonSet") return daemonset_rolled_out(*object);
  if (t.kind == "StatefulSet") return statefulset_rolled_out(*object);
  return {true, label + " exists"};
}

void wait_for(Client& client, const std::vector<WaitTarget>& targets, const WaitOptions& options) {
  auto deadline = std::chrono::steady_clock::now() + options.timeout;
  std::vector<bool> done(targets.size(), false);
  std::vector<std::string> last(targets.size());
  for (;;) {
    std::vector<std::string> pending;
    for (std::size_t i = 0; i < targets.size(); ++i) {
      if (done[i]) continue;
      Readiness r = check_target(client, targets[i]);
      if (r.message != last[i] && options.on_progress) options.on_progress(r.message);
      last[i] = r.message;
      if (r.ready) {
        done[i] = true;
      } else {
        pending.push_back(r.message);
      }
    }
    if (pending.empty()) return;
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      std::string message = "timed out waiting for " + std::to_string(pending.size()) + " of " +
                            std::to_string(targets.size()) + " objects: ";
      for (std::size_t i = 0; i < pending.size(); ++i) message += (i ? "; " : "") + pending[i];
      throw TimeoutError(message);
    }
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(options.interval, deadline - now));
  }
}

void wait_for_crd_established(Client& client, const std::string& name, const WaitOptions& options) {
  wait_for(client, {{"apiextensions.k8s.io/v1", "CustomResourceDefinition", "", name, false}},
           options);
}

void wait_for_rollout(Client& client, const std::string& kind, const std::string& ns,
                      const std::string& name, const WaitOptions& options) {
  wait_for(client, {{"apps/v1", kind, ns, name, false}}, options);
}

void wait_for_deletion(Client& client, const std::string& api_version, const std::string& kind,
                       const std::string& ns, const std::string& name, const WaitOptions& options) {
  wait_for(client, {{api_version, kind, ns, name, true}}, options);
}

}  // namespace kyma::kube
