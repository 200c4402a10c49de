// ReplicaSet: keeps spec.replicas pods from its template, and reports them in its status.
#include <algorithm>

#include "tests/fakekube/controllers/controllers.hpp"
#include "tests/fakekube/controllers/workloads.hpp"
#include "tests/fakekube/object_meta.hpp"
#include "tests/fakekube/pod_status.hpp"

namespace fakekube {

using nlohmann::json;

void reconcile_replicaset(Cluster& cluster, const std::string& ns, const std::string& name) {
  auto rs_type = cluster.storage_type("apps/replicasets");
  auto pod_type = cluster.storage_type("/pods");
  ObjectPtr rs = cluster.store().get("apps/replicasets", ns, name);
  if (!rs || is_deleting(rs->object)) return;
  const json& object = rs->object;
  std::int64_t desired = desired_replicas(object);
  auto active = [&] {
    std::vector<ObjectPtr> pods;
    for (const auto& pod : controlled(cluster, uid_of(object), "/pods"))
      if (!is_deleting(pod->object)) pods.push_back(pod);
    return pods;
  };
  std::vector<ObjectPtr> pods = active();
  auto count = static_cast<std::int64_t>(pods.size());
  WriteContext ctx = controller_context("replicaset-controller");
  if (count < desired) {
    for (std::int64_t i = count; i < desired; ++i) {
      json pod = pod_from_template(object, field(object, "/spec/template"), json::object());
      pod["metadata"]["generateName"] = name + "-";
      cluster.create(*pod_type, ns, pod, ctx);
    }
  } else if (count > desired) {
    // Not-ready pods go first, then the newest.
    std::stable_sort(pods.begin(), pods.end(), [](const ObjectPtr& a, const ObjectPtr& b) {
      bool ra = pod_ready(a->object), rb = pod_ready(b->object);
      if (ra != rb) return !ra;
      return std::stoull(string_at(a->object, "/metadata/resourceVersion")) >
             std::stoull(string_at(b->object, "/metadata/resourceVersion"));
    });
    // Bounded by the pods there are, whatever `desired` says.
    auto excess = static_cast<size_t>(count - std::max<std::int64_t>(0, desired));
    for (size_t i = 0; i < excess && i < pods.size(); ++i)
      cluster.remove(*pod_type, ns, name_of(pods[i]->object), {}, ctx);
  }
  pods = active();
  std::int64_t ready = 0;
  for (const auto& pod : pods)
    if (pod_ready(pod->object)) ++ready;
  auto total = static_cast<std::int64_t>(pods.size());
  json status = {{"replicas", total},
                 {"fullyLabeledReplicas", total},
                 {"readyReplicas", ready},
                 {"availableReplicas", ready},
                 {"observedGeneration", field(object, "/metadata/generation")}};
  status = without_zero_counts(status);
  if (status.value("replicas", 0) == 0) status["replicas"] = 0;  // always reported
  rs = cluster.store().get("apps/replicasets", ns, name);
  if (rs) cluster.write_status(*rs_type, rs->object, status);
}

}  // namespace fakekube
