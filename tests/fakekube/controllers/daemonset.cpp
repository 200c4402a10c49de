// DaemonSet: one pod per eligible Node (nodeSelector), labelled with the template's
// controller-revision-hash; a template change replaces the pods.
#include "tests/fakekube/controllers/controllers.hpp"
#include "tests/fakekube/controllers/workloads.hpp"
#include "tests/fakekube/object_meta.hpp"
#include "tests/fakekube/pod_status.hpp"

namespace fakekube {

using nlohmann::json;

void reconcile_daemonset(Cluster& cluster, const std::string& ns, const std::string& name) {
  auto ds_type = cluster.storage_type("apps/daemonsets");
  auto pod_type = cluster.storage_type("/pods");
  ObjectPtr current = cluster.store().get("apps/daemonsets", ns, name);
  if (!current || is_deleting(current->object)) return;
  const json ds = current->object;
  const json pod_template = field(ds, "/spec/template");
  std::string hash = template_hash(pod_template);
  const json& node_selector = field(pod_template, "/spec/nodeSelector");
  std::vector<std::string> nodes;
  if (const Store::Table* table = cluster.store().table("/nodes")) {
    for (const auto& [row, node] : *table) {
      json labels = labels_of(node->object);
      bool eligible = true;
      if (node_selector.is_object())
        for (const auto& [k, v] : node_selector.items())
          if (!labels.contains(k) || labels[k] != v) eligible = false;
      if (eligible) nodes.push_back(name_of(node->object));
    }
  }
  WriteContext ctx = controller_context("daemon-set-controller");
  std::set<std::string> covered;
  for (const auto& pod : controlled(cluster, uid_of(ds), "/pods")) {
    if (is_deleting(pod->object)) continue;
    std::string node = string_at(pod->object, "/spec/nodeName");
    bool wanted = std::find(nodes.begin(), nodes.end(), node) != nodes.end() &&
                  !covered.count(node) &&
                  string_at(pod->object, "/metadata/labels/controller-revision-hash") == hash;
    if (wanted)
      covered.insert(node);
    else
      cluster.remove(*pod_type, ns, name_of(pod->object), {}, ctx);
  }
  for (const auto& node : nodes) {
    if (covered.count(node)) continue;
    json pod = pod_from_template(
        ds, pod_template,
        {{"controller-revision-hash", hash},
         {"pod-template-generation", std::to_string(count_at(ds, "/metadata/generation"))}});
    pod["metadata"]["generateName"] = name + "-";
    pod["spec"]["nodeName"] = node;
    cluster.create(*pod_type, ns, pod, ctx);
  }

  std::int64_t scheduled = 0, ready = 0, updated = 0;
  for (const auto& pod : controlled(cluster, uid_of(ds), "/pods")) {
    if (is_deleting(pod->object)) continue;
    ++scheduled;
    if (pod_ready(pod->object)) ++ready;
    if (string_at(pod->object, "/metadata/labels/controller-revision-hash") == hash) ++updated;
  }
  auto desired = static_cast<std::int64_t>(nodes.size());
  json status = {{"currentNumberScheduled", scheduled},
                 {"desiredNumberScheduled", desired},
                 {"numberMisscheduled", 0},
                 {"numberReady", ready},
                 {"numberAvailable", ready},
                 {"numberUnavailable", std::max<std::int64_t>(0, desired - ready)},
                 {"updatedNumberScheduled", updated},
                 {"observedGeneration", field(ds, "/metadata/generation")}};
  status = without_zero_counts(status);
  for (const char* always :
       {"currentNumberScheduled", "desiredNumberScheduled", "numberMisscheduled", "numberReady"})
    if (!status.contains(always)) status[always] = 0;
  current = cluster.store().get("apps/daemonsets", ns, name);
  if (current) cluster.write_status(*ds_type, current->object, status);
}

}  // namespace fakekube
