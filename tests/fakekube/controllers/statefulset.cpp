// StatefulSet: pods <name>-0 .. <name>-(replicas-1), labelled with the revision
// (<name>-<template hash>); a template change replaces them. currentRevision catches up with
// updateRevision once every pod runs the new revision and is ready.
#include "tests/fakekube/controllers/controllers.hpp"
#include "tests/fakekube/controllers/workloads.hpp"
#include "tests/fakekube/object_meta.hpp"
#include "tests/fakekube/pod_status.hpp"

namespace fakekube {

using nlohmann::json;

void reconcile_statefulset(Cluster& cluster, const std::string& ns, const std::string& name) {
  auto sts_type = cluster.storage_type("apps/statefulsets");
  auto pod_type = cluster.storage_type("/pods");
  ObjectPtr current = cluster.store().get("apps/statefulsets", ns, name);
  if (!current || is_deleting(current->object)) return;
  const json sts = current->object;
  const json pod_template = field(sts, "/spec/template");
  std::string revision = name + "-" + template_hash(pod_template);
  std::int64_t desired = desired_replicas(sts);
  WriteContext ctx = controller_context("statefulset-controller");
  std::string uid = uid_of(sts);

  for (const auto& pod : controlled(cluster, uid, "/pods")) {
    std::string pod_name = name_of(pod->object);
    std::string ordinal = pod_name.substr(std::min(pod_name.size(), name.size() + 1));
    bool in_range = false;
    try {
      in_range = std::stoll(ordinal) < desired;
    } catch (const std::exception&) {
    }
    bool stale = string_at(pod->object, "/metadata/labels/controller-revision-hash") != revision;
    if ((!in_range || stale) && !is_deleting(pod->object))
      cluster.remove(*pod_type, ns, pod_name, {}, ctx);
  }
  for (std::int64_t i = 0; i < desired; ++i) {
    std::string pod_name = name + "-" + std::to_string(i);
    if (cluster.store().get("/pods", ns, pod_name)) continue;
    json pod = pod_from_template(sts, pod_template,
                                 {{"controller-revision-hash", revision},
                                  {"statefulset.kubernetes.io/pod-name", pod_name},
                                  {"apps.kubernetes.io/pod-index", std::to_string(i)}});
    pod["metadata"]["name"] = pod_name;
    pod["spec"]["hostname"] = pod_name;
    std::string service = string_at(sts, "/spec/serviceName");
    if (!service.empty()) pod["spec"]["subdomain"] = service;
    cluster.create(*pod_type, ns, pod, ctx);
  }

  std::int64_t replicas = 0, ready = 0, updated = 0;
  for (const auto& pod : controlled(cluster, uid, "/pods")) {
    if (is_deleting(pod->object)) continue;
    ++replicas;
    if (pod_ready(pod->object)) ++ready;
    if (string_at(pod->object, "/metadata/labels/controller-revision-hash") == revision) ++updated;
  }
  std::string current_revision = string_at(sts, "/status/currentRevision");
  if (current_revision.empty() || (updated == desired && ready == desired))
    current_revision = revision;
  json status = {{"observedGeneration", field(sts, "/metadata/generation")},
                 {"replicas", replicas},
                 {"readyReplicas", ready},
                 {"availableReplicas", ready},
                 {"currentReplicas", current_revision == revision ? updated : replicas - updated},
                 {"updatedReplicas", updated},
                 {"currentRevision", current_revision},
                 {"updateRevision", revision},
                 {"collisionCount", 0}};
  status = without_zero_counts(status);
  if (!status.contains("replicas")) status["replicas"] = 0;
  current = cluster.store().get("apps/statefulsets", ns, name);
  if (current) cluster.write_status(*sts_type, current->object, status);
}

}  // namespace fakekube
