#include "plugins/status/proxy_pods.hpp"

#include "core/istio/pod_versions.hpp"
#include "core/kube/image_reference.hpp"

namespace kyma::status {

using nlohmann::json;

namespace {

const char* const kContainerLists[] = {"containers", "initContainers"};
// The containers a control-plane component or a sidecar is recognised by.
const char* const kIstioContainers[] = {"istio-proxy", "discovery", "install-cni"};

const json& spec_list(const json& pod, const char* list) {
  static const json empty = json::array();
  auto spec = pod.find("spec");
  if (spec == pod.end() || !spec->is_object()) return empty;
  auto it = spec->find(list);
  return it != spec->end() && it->is_array() ? *it : empty;
}

std::string string_field(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

const json& metadata(const json& pod) {
  static const json empty = json::object();
  auto it = pod.find("metadata");
  return it != pod.end() && it->is_object() ? *it : empty;
}

bool is_istio_container(const std::string& name) {
  for (const char* known : kIstioContainers) {
    if (name == known) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> container_images(const json& pod, const std::string& container) {
  std::vector<std::string> images;
  for (const char* list : kContainerLists) {
    for (const auto& c : spec_list(pod, list)) {
      if (c.is_object() && string_field(c, "name") == container)
        images.push_back(string_field(c, "image"));
    }
  }
  return images;
}

bool has_proxy(const json& pod) {
  return !container_images(pod, kProxyContainer).empty();
}

bool is_live(const json& pod) {
  if (metadata(pod).contains("deletionTimestamp")) return false;
  auto status = pod.find("status");
  std::string phase =
      status != pod.end() && status->is_object() ? string_field(*status, "phase") : "";
  return phase != "Succeeded" && phase != "Failed";
}

bool has_custom_proxy_image(const json& pod) {
  auto annotations = metadata(pod).find("annotations");
  return annotations != metadata(pod).end() && annotations->is_object() &&
         annotations->contains(kProxyImageAnnotation);
}

std::string image_istio_version(const std::string& image) {
  if (auto version = istio::image_version(image)) return *version;
  std::string tag = kube::parse_image_reference(image).tag;
  return tag.empty() ? "unknown" : tag;
}

json slim_pod(const json& pod) {
  const json& meta = metadata(pod);
  const std::string ns = string_field(meta, "namespace");
  const bool control_plane = ns == kControlPlaneNamespace;
  if (!control_plane && !has_proxy(pod)) return nullptr;
  json slim_meta = {{"name", string_field(meta, "name")}, {"namespace", ns}};
  // Labels only tell which control-plane component a pod belongs to.
  if (control_plane && meta.contains("labels")) slim_meta["labels"] = meta["labels"];
  if (has_custom_proxy_image(pod)) {
    slim_meta["annotations"] = {
        {kProxyImageAnnotation, meta["annotations"][kProxyImageAnnotation]}};
  }
  if (meta.contains("deletionTimestamp"))
    slim_meta["deletionTimestamp"] = meta["deletionTimestamp"];
  if (meta.contains("ownerReferences") && meta["ownerReferences"].is_array()) {
    json owners = json::array();
    for (const auto& o : meta["ownerReferences"]) {
      if (!o.is_object()) continue;
      json owner = {{"kind", string_field(o, "kind")}, {"name", string_field(o, "name")}};
      if (o.contains("controller")) owner["controller"] = o["controller"];
      owners.push_back(owner);
    }
    slim_meta["ownerReferences"] = owners;
  }
  json slim = {{"metadata", slim_meta}, {"spec", json::object()}};
  for (const char* list : kContainerLists) {
    json containers = json::array();
    for (const auto& c : spec_list(pod, list)) {
      if (!c.is_object() || !is_istio_container(string_field(c, "name"))) continue;
      containers.push_back(
          {{"name", string_field(c, "name")}, {"image", string_field(c, "image")}});
    }
    if (!containers.empty()) slim["spec"][list] = containers;
  }
  auto status = pod.find("status");
  if (status != pod.end() && status->is_object() && status->contains("phase"))
    slim["status"] = {{"phase", (*status)["phase"]}};
  return slim;
}

}  // namespace kyma::status
