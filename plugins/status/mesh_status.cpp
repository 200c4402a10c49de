#include "plugins/status/mesh_status.hpp"

#include "plugins/status/proxy_pods.hpp"

namespace kyma::status {

using nlohmann::json;

namespace {

std::string plural(int n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

void cr_problems(const CrSummary& cr, std::vector<std::string>& problems) {
  if (!cr.crd_installed) {
    problems.push_back("the Istio CRD is not installed");
    return;
  }
  if (!cr.found) {
    problems.push_back("no Istio CR in kyma-system");
    return;
  }
  if (!cr.state) {
    problems.push_back("the Istio CR has not been reconciled yet");
  } else if (*cr.state != "Ready") {
    std::string line = "the Istio CR is in state " + *cr.state;
    if (!cr.description.empty()) line += ": " + cr.description;
    problems.push_back(line);
  }
  if (!cr.last_applied_error.empty()) problems.push_back(cr.last_applied_error);
  if (cr.last_applied && cr.last_applied->spec_changed) {
    problems.push_back("the Istio CR's spec changed since it was last applied");
  }
}

void control_plane_problems(const ControlPlane& plane, std::vector<std::string>& problems) {
  for (const auto& c : plane.components) {
    if (!c.found) {
      problems.push_back(c.name + ": " + c.kind + " not found");
    } else if (c.ready < c.desired || c.desired == 0) {
      problems.push_back(c.name + ": " + std::to_string(c.ready) + "/" + std::to_string(c.desired) +
                         " ready");
    }
  }
  if (plane.mixed()) {
    std::string line = "the control plane runs mixed versions:";
    for (const auto& c : plane.components) {
      if (!c.found) continue;
      line += " " + c.name + " " + (c.version.empty() ? "unknown" : c.version);
      bool pods_differ = c.pod_versions.size() > 1 ||
                         (c.pod_versions.size() == 1 && c.pod_versions[0].version != c.version);
      if (pods_differ) line += " (pods " + describe_counts(c.pod_versions) + ")";
      line += ",";
    }
    line.pop_back();
    problems.push_back(line);
  }
}

void data_plane_problems(const DataPlane& plane, std::vector<std::string>& problems) {
  if (plane.injector.image.empty()) {
    problems.push_back("outdated sidecars cannot be told: " + plane.injector.problem);
  }
  if (plane.outdated_pods > 0) {
    problems.push_back(plural(plane.outdated_pods, "pod") + " in " +
                       plural(static_cast<int>(plane.outdated.size()), "workload") +
                       (plane.outdated_pods == 1 ? " runs" : " run") + " an outdated sidecar");
  }
}

}  // namespace

MeshStatus build_status(const ClusterSnapshot& snapshot) {
  MeshStatus status;
  status.cr = summarize_cr(snapshot.crs, snapshot.crd_installed);
  std::vector<json> control_plane_pods;
  for (const auto& pod : snapshot.pods) {
    if (pod.value("/metadata/namespace"_json_pointer, std::string()) == kControlPlaneNamespace)
      control_plane_pods.push_back(pod);
  }
  status.control_plane = summarize_control_plane(snapshot.workloads, control_plane_pods);
  std::vector<const json*> data_plane_pods;
  for (const auto& pod : snapshot.pods) {
    if (!is_component_pod(status.control_plane, pod)) data_plane_pods.push_back(&pod);
  }
  status.data_plane =
      summarize_data_plane(data_plane_pods, snapshot.injector, snapshot.replica_sets);
  bool nothing_installed = !status.cr.found && snapshot.injector.is_null();
  for (const auto& c : status.control_plane.components) nothing_installed &= !c.found;
  if (nothing_installed) {
    // One line says it all; the component-by-component list would only repeat it.
    status.problems.push_back(
        "Istio is not installed: no Istio CR in kyma-system and no control plane in istio-system");
    return status;
  }
  cr_problems(status.cr, status.problems);
  control_plane_problems(status.control_plane, status.problems);
  data_plane_problems(status.data_plane, status.problems);
  return status;
}

}  // namespace kyma::status
