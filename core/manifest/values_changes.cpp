#include "core/manifest/values_changes.hpp"

namespace kyma::manifest {

using nlohmann::json;

namespace {

void diff(const json& rendered_with, const json& wanted, std::vector<std::string>& path,
          std::vector<ValuesChange>& out) {
  for (const auto& [key, value] : wanted.items()) {
    path.push_back(key);
    auto old = rendered_with.is_object() ? rendered_with.find(key) : rendered_with.end();
    const bool had = rendered_with.is_object() && old != rendered_with.end();
    if (value.is_null()) {
      if (had) out.push_back({path, std::nullopt});
    } else if (had && old->is_object() && value.is_object()) {
      diff(*old, value, path, out);
    } else if (!had || *old != value) {
      out.push_back({path, value});
    }
    path.pop_back();
  }
}

// Keys the Kyma profile set that the merged values no longer have.
void dropped(const json& profile, const json& wanted, const json& rendered_with,
             std::vector<std::string>& path, std::vector<ValuesChange>& out) {
  for (const auto& [key, value] : profile.items()) {
    path.push_back(key);
    auto in_wanted = wanted.find(key);
    auto in_rendered = rendered_with.is_object() ? rendered_with.find(key) : rendered_with.end();
    const bool rendered = rendered_with.is_object() && in_rendered != rendered_with.end();
    if (in_wanted == wanted.end()) {
      if (rendered) out.push_back({path, std::nullopt});
    } else if (value.is_object() && in_wanted->is_object() && rendered) {
      dropped(value, *in_wanted, *in_rendered, path, out);
    }
    path.pop_back();
  }
}

}  // namespace

std::string ValuesChange::dotted() const {
  std::string out;
  for (const auto& key : path) out += (out.empty() ? "" : ".") + key;
  return out;
}

json helm_values_of(const json& iop) {
  const json spec = iop.is_object() && iop.contains("spec") ? iop["spec"] : json::object();
  json values =
      spec.contains("values") && spec["values"].is_object() ? spec["values"] : json::object();
  if (spec.contains("hub") && spec["hub"].is_string()) values["global"]["hub"] = spec["hub"];
  if (spec.contains("tag") && !spec["tag"].is_null()) values["global"]["tag"] = spec["tag"];
  if (spec.contains("meshConfig") && spec["meshConfig"].is_object()) {
    values["meshConfig"] = spec["meshConfig"];
  }
  if (spec.contains("components") && spec["components"].is_object()) {
    const json& components = spec["components"];
    if (components.contains("cni") && components["cni"].is_object() &&
        components["cni"].contains("enabled") && components["cni"]["enabled"].is_boolean()) {
      values["istio_cni"]["enabled"] = components["cni"]["enabled"];
    }
  }
  return values;
}

std::vector<ValuesChange> values_changes(const json& rendered_with, const json& wanted,
                                         const json& profile) {
  std::vector<ValuesChange> out;
  std::vector<std::string> path;
  if (wanted.is_object()) diff(rendered_with, wanted, path, out);
  if (profile.is_object() && wanted.is_object()) dropped(profile, wanted, rendered_with, path, out);
  return out;
}

const json* value_at(const json& root, const std::vector<std::string>& path) {
  const json* node = &root;
  for (const auto& key : path) {
    if (!node->is_object()) return nullptr;
    auto it = node->find(key);
    if (it == node->end()) return nullptr;
    node = &*it;
  }
  return node;
}

void set_value_at(json& root, const std::vector<std::string>& path,
                  const std::optional<json>& value) {
  if (path.empty()) return;
  json* node = &root;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    if (!node->is_object()) {
      if (!value) return;
      *node = json::object();
    }
    auto it = node->find(path[i]);
    if (it == node->end()) {
      if (!value) return;  // nothing to remove
      it = node->emplace(path[i], json::object()).first;
    }
    node = &*it;
  }
  if (!node->is_object()) {
    if (!value) return;
    *node = json::object();
  }
  if (value) {
    (*node)[path.back()] = *value;
  } else {
    node->erase(path.back());
  }
}

}  // namespace kyma::manifest
