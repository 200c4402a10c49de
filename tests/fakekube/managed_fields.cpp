#include "tests/fakekube/managed_fields.hpp"

#include "tests/fakekube/object_meta.hpp"

namespace fakekube {

using kyma::kube::MergeSchema;
using nlohmann::json;

std::vector<ManagerEntry> read_managed_fields(const json& object) {
  std::vector<ManagerEntry> entries;
  const json& list = field(object, "/metadata/managedFields");
  if (!list.is_array()) return entries;
  for (const auto& e : list) {
    if (!e.is_object()) continue;
    entries.push_back({e.value("manager", ""), e.value("operation", ""), e.value("apiVersion", ""),
                       e.value("time", ""), e.value("subresource", ""),
                       FieldSet::from_fields_v1(e.value("fieldsV1", json::object()))});
  }
  return entries;
}

void write_managed_fields(json& object, const std::vector<ManagerEntry>& entries) {
  json list = json::array();
  for (const auto& e : entries) {
    if (e.fields.empty()) continue;
    json entry = {{"manager", e.manager},        {"operation", e.operation},
                  {"apiVersion", e.api_version}, {"time", e.time},
                  {"fieldsType", "FieldsV1"},    {"fieldsV1", e.fields.to_fields_v1()}};
    if (!e.subresource.empty()) entry["subresource"] = e.subresource;
    list.push_back(std::move(entry));
  }
  if (!object["metadata"].is_object()) object["metadata"] = json::object();
  if (list.empty()) {
    object["metadata"].erase("managedFields");
  } else {
    object["metadata"]["managedFields"] = std::move(list);
  }
}

void record_update(json& new_object, const json* old_object, const std::string& manager,
                   const std::string& api_version, const std::string& subresource,
                   const std::string& kind) {
  MergeSchema schema = MergeSchema::for_kind(kind);
  bool status_only = subresource == "status";
  FieldSet main_now = FieldSet::of_object(new_object, schema, false);
  FieldSet status_now = FieldSet::of_object(new_object, schema, true);
  const FieldSet& written = status_only ? status_now : main_now;

  FieldSet changed;
  for (const auto& path : written.paths()) {
    const json* before = old_object ? value_at(*old_object, path) : nullptr;
    const json* after = value_at(new_object, path);
    if (!before || !after || *before != *after) changed.insert(path);
  }

  std::vector<ManagerEntry> entries =
      old_object ? read_managed_fields(*old_object) : std::vector<ManagerEntry>{};
  bool found = false;
  for (auto& e : entries) {
    e.fields = e.fields.intersect(e.subresource == "status" ? status_now : main_now);
    bool self = e.manager == manager && e.operation == "Update" && e.subresource == subresource;
    if (self) {
      found = true;
      e.fields = e.fields.merged(changed);
      e.time = now_rfc3339();
      e.api_version = api_version;
    } else {
      e.fields = e.fields.minus(changed);
    }
  }
  if (!found && !changed.empty())
    entries.push_back({manager, "Update", api_version, now_rfc3339(), subresource, changed});
  write_managed_fields(new_object, entries);
}

}  // namespace fakekube
