#include "core/manifest/object_access.hpp"

namespace kyma::manifest {

using nlohmann::json;

namespace {

std::string string_at(const json& object, const char* section, const char* field) {
  if (!object.is_object()) return "";
  auto s = object.find(section);
  if (s == object.end() || !s->is_object()) return "";
  auto f = s->find(field);
  return f != s->end() && f->is_string() ? f->get<std::string>() : "";
}

json& map_at(json& object, const char* field) {
  json& metadata = object["metadata"];
  if (!metadata.is_object()) metadata = json::object();
  json& map = metadata[field];
  if (!map.is_object()) map = json::object();
  return map;
}

}  // namespace

std::string kind_of(const json& object) {
  if (!object.is_object()) return "";
  auto it = object.find("kind");
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

std::string name_of(const json& object) {
  return string_at(object, "metadata", "name");
}

std::string namespace_of(const json& object) {
  return string_at(object, "metadata", "namespace");
}

std::string describe(const json& object) {
  std::string ns = namespace_of(object);
  return kind_of(object) + " " + (ns.empty() ? "" : ns + "/") + name_of(object);
}

json& labels_of(json& object) {
  return map_at(object, "labels");
}

json& annotations_of(json& object) {
  return map_at(object, "annotations");
}

json* find_object(std::vector<json>& objects, const std::string& kind, const std::string& name) {
  for (auto& object : objects) {
    if (kind_of(object) == kind && name_of(object) == name) return &object;
  }
  return nullptr;
}

const json* find_object(const std::vector<json>& objects, const std::string& kind,
                        const std::string& name) {
  for (const auto& object : objects) {
    if (kind_of(object) == kind && name_of(object) == name) return &object;
  }
  return nullptr;
}

json* find_item(json& list, const std::string& key, const std::string& value) {
  if (!list.is_array()) return nullptr;
  for (auto& item : list) {
    if (!item.is_object()) continue;
    auto it = item.find(key);
    if (it != item.end() && it->is_string() && it->get<std::string>() == value) return &item;
  }
  return nullptr;
}

json* find_container(json& workload, const std::string& name) {
  json* spec = &workload;
  for (const char* field : {"spec", "template", "spec"}) {
    if (!spec->is_object() || !spec->contains(field)) return nullptr;
    spec = &(*spec)[field];
  }
  if (!spec->contains("containers")) return nullptr;
  return find_item((*spec)["containers"], "name", name);
}

}  // namespace kyma::manifest
