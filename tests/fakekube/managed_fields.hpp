#pragma once
// metadata.managedFields: who owns which fields. Updates (create, PUT, non-apply PATCH) give
// their manager the fields they changed and take them from everyone else; server-side apply
// (apply.hpp) gives its manager exactly the applied fields.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/fakekube/field_sets.hpp"

namespace fakekube {

struct ManagerEntry {
  std::string manager;
  std::string operation;  // "Apply" or "Update"
  std::string api_version;
  std::string time;
  std::string subresource;  // "" or "status"
  FieldSet fields;
};

std::vector<ManagerEntry> read_managed_fields(const nlohmann::json& object);
// Writes the entries that own something (or removes managedFields when none does).
void write_managed_fields(nlohmann::json& object, const std::vector<ManagerEntry>& entries);

// Records an Update by `manager` that turned `old_object` (null for a create) into
// `new_object`; `new_object`'s managedFields are rewritten from `old_object`'s.
void record_update(nlohmann::json& new_object, const nlohmann::json* old_object,
                   const std::string& manager, const std::string& api_version,
                   const std::string& subresource, const std::string& kind);

}  // namespace fakekube
