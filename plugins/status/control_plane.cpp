#include "plugins/status/control_plane.hpp"

#include "plugins/status/proxy_pods.hpp"

namespace kyma::status {

using nlohmann::json;

namespace {

struct ComponentKind {
  const char* name;
  const char* kind;
  const char* container;
  bool required;
};

// The components a Kyma Istio installation has, in the order they are shown.
const ComponentKind kComponents[] = {
    {"istiod", "Deployment", "discovery", true},
    {"istio-ingressgateway", "Deployment", "istio-proxy", true},
    {"istio-egressgateway", "Deployment", "istio-proxy", false},
    {"istio-cni-node", "DaemonSet", "install-cni", true},
};

int int_at(const json& object, const char* pointer, int fallback) {
  json::json_pointer ptr(pointer);
  if (!object.contains(ptr) || !object[ptr].is_number_integer()) return fallback;
  return object[ptr].get<int>();
}

std::string text_at(const json& object, const char* pointer) {
  json::json_pointer ptr(pointer);
  if (!object.contains(ptr) || !object[ptr].is_string()) return "";
  return object[ptr].get<std::string>();
}

const json* find_workload(const std::vector<json>& workloads, const ComponentKind& c) {
  for (const auto& w : workloads) {
    if (text_at(w, "/kind") == c.kind && text_at(w, "/metadata/name") == c.name &&
        text_at(w, "/metadata/namespace") == kControlPlaneNamespace)
      return &w;
  }
  return nullptr;
}

bool selects(const Component& component, const json& pod) {
  if (component.selector.empty()) return false;
  if (text_at(pod, "/metadata/namespace") != kControlPlaneNamespace) return false;
  json::json_pointer labels_ptr("/metadata/labels");
  if (!pod.contains(labels_ptr) || !pod[labels_ptr].is_object()) return false;
  const json& labels = pod[labels_ptr];
  for (const auto& [key, value] : component.selector) {
    auto it = labels.find(key);
    if (it == labels.end() || !it->is_string() || it->get<std::string>() != value) return false;
  }
  return true;
}

Component read_component(const ComponentKind& kind, const json* workload,
                         const std::vector<json>& pods) {
  Component c;
  c.name = kind.name;
  c.kind = kind.kind;
  c.container = kind.container;
  c.required = kind.required;
  if (!workload) return c;
  c.found = true;
  json::json_pointer labels("/spec/selector/matchLabels");
  if (workload->contains(labels) && (*workload)[labels].is_object()) {
    for (const auto& [key, value] : (*workload)[labels].items()) {
      if (value.is_string()) c.selector[key] = value.get<std::string>();
    }
  }
  json template_pod = {
      {"spec", workload->value("/spec/template/spec"_json_pointer, json::object())}};
  auto images = container_images(template_pod, kind.container);
  if (!images.empty()) {
    c.image = images.front();
    c.version = image_istio_version(c.image);
  }
  if (c.kind == "DaemonSet") {
    c.desired = int_at(*workload, "/status/desiredNumberScheduled", 0);
    c.ready = int_at(*workload, "/status/numberReady", 0);
  } else {
    c.desired = int_at(*workload, "/spec/replicas", 1);
    c.ready = int_at(*workload, "/status/readyReplicas", 0);
  }
  std::vector<std::string> versions;
  for (const auto& pod : pods) {
    if (!is_live(pod) || !selects(c, pod)) continue;
    auto pod_images = container_images(pod, kind.container);
    if (!pod_images.empty()) versions.push_back(image_istio_version(pod_images.front()));
  }
  c.pod_versions = count_versions(versions);
  return c;
}

}  // namespace

ControlPlane summarize_control_plane(const std::vector<json>& workloads,
                                     const std::vector<json>& pods) {
  ControlPlane plane;
  std::vector<std::string> seen;
  for (const auto& kind : kComponents) {
    Component c = read_component(kind, find_workload(workloads, kind), pods);
    if (!c.found && !c.required) continue;
    if (!c.version.empty()) seen.push_back(c.version);
    for (const auto& v : c.pod_versions) seen.push_back(v.version);
    plane.components.push_back(std::move(c));
  }
  for (const auto& v : count_versions(seen)) plane.versions.push_back(v.version);
  return plane;
}

bool is_component_pod(const ControlPlane& control_plane, const json& pod) {
  for (const auto& c : control_plane.components) {
    if (c.found && selects(c, pod)) return true;
  }
  return false;
}

}  // namespace kyma::status
