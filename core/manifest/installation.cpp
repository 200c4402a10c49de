#include "core/manifest/installation.hpp"

#include "core/manifest/yaml.hpp"

namespace kyma::manifest {

using nlohmann::json;

std::vector<json> RenderedInstallation::all_objects() const {
  std::vector<json> out(prerequisites);
  for (const auto& component : components) {
    out.insert(out.end(), component.objects.begin(), component.objects.end());
  }
  out.insert(out.end(), tag_webhooks.begin(), tag_webhooks.end());
  out.insert(out.end(), kyma_resources.begin(), kyma_resources.end());
  return out;
}

std::string to_yaml_manifest(const RenderedInstallation& installation) {
  std::string out;
  bool first = true;
  auto add = [&](const json& object) {
    if (!first) out += "---\n";
    first = false;
    append_yaml(out, object);
  };
  for (const auto& object : installation.prerequisites) add(object);
  for (const auto& component : installation.components) {
    for (const auto& object : component.objects) add(object);
  }
  for (const auto& object : installation.tag_webhooks) add(object);
  for (const auto& object : installation.kyma_resources) add(object);
  return out;
}

std::string to_json_list(const RenderedInstallation& installation) {
  json list = {{"apiVersion", "v1"},
               {"kind", "List"},
               {"metadata", {{"resourceVersion", ""}}},
               {"items", installation.all_objects()}};
  return list.dump(4) + "\n";
}

}  // namespace kyma::manifest
