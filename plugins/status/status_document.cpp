#include "plugins/status/status_document.hpp"

#include "plugins/status/proxy_pods.hpp"

namespace kyma::status {

using nlohmann::ordered_json;

namespace {

ordered_json text_or_null(const std::string& text) {
  return text.empty() ? ordered_json(nullptr) : ordered_json(text);
}

ordered_json counts(const std::vector<VersionCount>& versions) {
  ordered_json out = ordered_json::array();
  for (const auto& v : versions) out.push_back({{"version", v.version}, {"pods", v.pods}});
  return out;
}

ordered_json cr_document(const CrSummary& cr) {
  ordered_json doc;
  doc["crdInstalled"] = cr.crd_installed;
  if (!cr.found) {
    doc["cr"] = nullptr;
  } else {
    ordered_json c;
    c["namespace"] = cr.ns;
    c["name"] = cr.name;
    c["state"] = cr.state ? ordered_json(*cr.state) : ordered_json(nullptr);
    c["description"] = cr.description;
    c["conditions"] = ordered_json::array();
    for (const auto& condition : cr.conditions) {
      c["conditions"].push_back(
          {{"type", condition.type},
           {"status", condition.status},
           {"reason", condition.reason},
           {"message", condition.message},
           {"lastTransitionTime", text_or_null(condition.last_transition_time)}});
    }
    if (cr.last_applied) {
      c["lastApplied"] = {{"istioTag", text_or_null(cr.last_applied->istio_tag)},
                          {"specChanged", cr.last_applied->spec_changed}};
    } else {
      c["lastApplied"] = nullptr;
    }
    c["lastAppliedError"] = text_or_null(cr.last_applied_error);
    doc["cr"] = c;
  }
  doc["ignoredCrs"] = cr.ignored;
  return doc;
}

ordered_json control_plane_document(const ControlPlane& plane) {
  ordered_json doc;
  doc["versions"] = plane.versions;
  doc["mixedVersions"] = plane.mixed();
  doc["components"] = ordered_json::array();
  for (const auto& c : plane.components) {
    ordered_json component;
    component["name"] = c.name;
    component["kind"] = c.kind;
    component["namespace"] = kControlPlaneNamespace;
    component["found"] = c.found;
    component["image"] = text_or_null(c.image);
    component["version"] = text_or_null(c.version);
    component["readyReplicas"] = c.ready;
    component["desiredReplicas"] = c.desired;
    component["podVersions"] = counts(c.pod_versions);
    doc["components"].push_back(component);
  }
  return doc;
}

ordered_json outdated_document(const DataPlane& plane) {
  ordered_json doc;
  doc["injectorImage"] = text_or_null(plane.injector.image);
  doc["injectorVersion"] = plane.injector.image.empty()
                               ? ordered_json(nullptr)
                               : ordered_json(image_istio_version(plane.injector.image));
  doc["detail"] = text_or_null(plane.injector.problem);
  doc["pods"] = plane.outdated_pods;
  doc["workloads"] = ordered_json::array();
  for (const auto& w : plane.outdated) {
    ordered_json workload;
    workload["namespace"] = w.workload.ns;
    workload["kind"] = w.workload.kind;
    workload["name"] = w.workload.name;
    workload["pods"] = w.pods;
    workload["proxyVersions"] = w.versions;
    workload["restart"] = w.workload.manual ? "manual" : "automatic";
    workload["reason"] = text_or_null(w.workload.reason);
    doc["workloads"].push_back(workload);
  }
  return doc;
}

}  // namespace

ordered_json status_document(const MeshStatus& status) {
  ordered_json doc;
  doc["healthy"] = status.healthy();
  doc["problems"] = status.problems;
  doc["istio"] = cr_document(status.cr);
  doc["controlPlane"] = control_plane_document(status.control_plane);
  doc["dataPlane"] = {{"pods", status.data_plane.pods},
                      {"versions", counts(status.data_plane.versions)},
                      {"customProxyImagePods", status.data_plane.custom_image_pods}};
  doc["outdated"] = outdated_document(status.data_plane);
  return doc;
}

}  // namespace kyma::status
