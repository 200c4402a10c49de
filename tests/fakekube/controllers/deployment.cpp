// Deployment: one ReplicaSet per pod template (named <deployment>-<template hash>, labelled
// pod-template-hash). A template change creates the new ReplicaSet at full scale and scales the
// old ones to zero (their pods go at once); the status carries what rollout status reads.
#include <cmath>

#include "tests/fakekube/controllers/controllers.hpp"
#include "tests/fakekube/controllers/workloads.hpp"
#include "tests/fakekube/object_meta.hpp"

namespace fakekube {

using nlohmann::json;

namespace {

const char* kRevision = "deployment.kubernetes.io/revision";

std::int64_t revision_of(const json& object) {
  const json& value = field(object, "/metadata/annotations/deployment.kubernetes.io~1revision");
  if (!value.is_string()) return 0;
  try {
    return std::stoll(value.get<std::string>());
  } catch (const std::exception&) {
    return 0;
  }
}

std::int64_t max_unavailable(const json& deployment, std::int64_t desired) {
  const json& value = field(deployment, "/spec/strategy/rollingUpdate/maxUnavailable");
  if (string_at(deployment, "/spec/strategy/type") == "Recreate") return desired;
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (value.is_string()) {
    std::string text = value.get<std::string>();
    try {
      if (!text.empty() && text.back() == '%')
        return static_cast<std::int64_t>(
            std::floor(static_cast<double>(desired) * std::stod(text) / 100.0));
      return std::stoll(text);
    } catch (const std::exception&) {
    }
  }
  return static_cast<std::int64_t>(std::floor(static_cast<double>(desired) * 0.25));
}

json replica_set_for(const json& deployment, const json& pod_template, const std::string& hash,
                     std::int64_t replicas, std::int64_t revision) {
  json tmpl = pod_template;
  tmpl["metadata"]["labels"]["pod-template-hash"] = hash;
  json selector = field(deployment, "/spec/selector");
  selector["matchLabels"]["pod-template-hash"] = hash;
  std::string desired = std::to_string(desired_replicas(deployment));
  return {{"apiVersion", "apps/v1"},
          {"kind", "ReplicaSet"},
          {"metadata",
           {{"name", name_of(deployment) + "-" + hash},
            {"namespace", namespace_of(deployment)},
            {"labels", tmpl["metadata"]["labels"]},
            {"annotations",
             {{kRevision, std::to_string(revision)},
              {"deployment.kubernetes.io/desired-replicas", desired},
              {"deployment.kubernetes.io/max-replicas", desired}}},
            {"ownerReferences", json::array({owner_reference(deployment, true)})}}},
          {"spec", {{"replicas", replicas}, {"selector", selector}, {"template", tmpl}}}};
}

}  // namespace

void reconcile_deployment(Cluster& cluster, const std::string& ns, const std::string& name) {
  auto deploy_type = cluster.storage_type("apps/deployments");
  auto rs_type = cluster.storage_type("apps/replicasets");
  ObjectPtr current = cluster.store().get("apps/deployments", ns, name);
  if (!current || is_deleting(current->object)) return;
  const json deployment = current->object;
  std::string uid = uid_of(deployment);
  std::int64_t desired = desired_replicas(deployment);
  json pod_template = field(deployment, "/spec/template");
  if (!pod_template.is_object()) return;
  if (!pod_template.contains("metadata") || !pod_template["metadata"].is_object())
    pod_template["metadata"] = json::object();
  std::string hash = template_hash(pod_template);
  WriteContext ctx = controller_context("deployment-controller");

  std::vector<ObjectPtr> sets = controlled(cluster, uid, "apps/replicasets");
  ObjectPtr newest;
  std::int64_t max_revision = 0;
  for (const auto& rs : sets) {
    max_revision = std::max(max_revision, revision_of(rs->object));
    if (string_at(rs->object, "/metadata/labels/pod-template-hash") == hash) newest = rs;
  }
  if (!newest) {
    json rs = replica_set_for(deployment, pod_template, hash, desired, max_revision + 1);
    if (cluster.store().get("apps/replicasets", ns, name_of(rs))) return;  // hash collision
    cluster.create(*rs_type, ns, rs, ctx);
    newest = cluster.store().get("apps/replicasets", ns, name_of(rs));
    if (!newest) return;
  } else {
    json rs = newest->object;
    bool changed = false;
    if (desired_replicas(rs) != desired) {
      rs["spec"]["replicas"] = desired;
      changed = true;
    }
    if (revision_of(rs) < max_revision) {  // rolled back to an older template
      rs["metadata"]["annotations"][kRevision] = std::to_string(max_revision + 1);
      changed = true;
    }
    if (changed) {
      rs["metadata"]["annotations"]["deployment.kubernetes.io/desired-replicas"] =
          std::to_string(desired);
      cluster.write_object(*rs_type, rs);
    }
  }
  for (const auto& rs : sets) {
    if (rs == newest || name_of(rs->object) == name_of(newest->object)) continue;
    ObjectPtr latest = cluster.store().get("apps/replicasets", ns, name_of(rs->object));
    if (latest && desired_replicas(latest->object) != 0) {
      json scaled = latest->object;
      scaled["spec"]["replicas"] = 0;
      cluster.write_object(*rs_type, scaled);
    }
  }

  newest = cluster.store().get("apps/replicasets", ns, name_of(newest->object));
  current = cluster.store().get("apps/deployments", ns, name);
  if (!newest || !current) return;
  std::string revision = std::to_string(revision_of(newest->object));
  if (string_at(current->object, "/metadata/annotations/deployment.kubernetes.io~1revision") !=
      revision) {
    json annotated = current->object;
    annotated["metadata"]["annotations"][kRevision] = revision;
    cluster.write_object(*deploy_type, annotated);
    current = cluster.store().get("apps/deployments", ns, name);
  }

  std::int64_t replicas = 0, ready = 0, available = 0;
  for (const auto& rs : controlled(cluster, uid, "apps/replicasets")) {
    replicas += count_at(rs->object, "/status/replicas");
    ready += count_at(rs->object, "/status/readyReplicas");
    available += count_at(rs->object, "/status/availableReplicas");
  }
  std::int64_t updated = count_at(newest->object, "/status/replicas");
  std::string now = now_rfc3339();
  std::string rs_name = name_of(newest->object);
  bool available_ok = available >= desired - max_unavailable(current->object, desired);
  bool complete = updated == desired && replicas == desired && available == desired;
  json conditions = json::array(
      {{{"type", "Available"},
        {"status", available_ok ? "True" : "False"},
        {"reason", available_ok ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable"},
        {"message", available_ok ? "Deployment has minimum availability."
                                 : "Deployment does not have minimum availability."},
        {"lastUpdateTime", now},
        {"lastTransitionTime", now}},
       {{"type", "Progressing"},
        {"status", "True"},
        {"reason", complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated"},
        {"message", complete ? "ReplicaSet \"" + rs_name + "\" has successfully progressed."
                             : "ReplicaSet \"" + rs_name + "\" is progressing."},
        {"lastUpdateTime", now},
        {"lastTransitionTime", now}}});
  conditions = keep_transition_times(conditions, field(current->object, "/status/conditions"));
  json status = {{"observedGeneration", field(current->object, "/metadata/generation")},
                 {"replicas", replicas},
                 {"updatedReplicas", updated},
                 {"readyReplicas", ready},
                 {"availableReplicas", available},
                 {"unavailableReplicas", std::max<std::int64_t>(0, desired - available)}};
  status = without_zero_counts(status);
  status["conditions"] = conditions;
  cluster.write_status(*deploy_type, current->object, status);
}

}  // namespace fakekube
