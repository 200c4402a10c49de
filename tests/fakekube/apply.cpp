#include "tests/fakekube/apply.hpp"

#include <map>

#include "tests/fakekube/api_error.hpp"
#include "tests/fakekube/managed_fields.hpp"
#include "tests/fakekube/object_meta.hpp"

namespace fakekube {

using kyma::kube::ListStrategy;
using kyma::kube::MergeSchema;
using nlohmann::json;

namespace {

json merge(const json& live, const json& applied, const MergeSchema& schema);

json merge_list(const json& live, const json& applied, const MergeSchema& parent,
                const std::string& name) {
  if (!live.is_array()) return applied;
  switch (parent.list_strategy(name)) {
    case ListStrategy::kMergeByKey: {
      std::string key = parent.merge_key(name);
      json result = live;
      for (const auto& item : applied) {
        if (!item.is_object() || !item.contains(key)) return applied;
        bool merged = false;
        for (auto& existing : result) {
          if (existing.is_object() && existing.contains(key) && existing[key] == item[key]) {
            existing = merge(existing, item, parent.field(name));
            merged = true;
            break;
          }
        }
        if (!merged) result.push_back(item);
      }
      return result;
    }
    case ListStrategy::kMergeSet: {
      json result = live;
      for (const auto& item : applied)
        if (std::find(result.begin(), result.end(), item) == result.end()) result.push_back(item);
      return result;
    }
    case ListStrategy::kReplace:
      break;
  }
  return applied;
}

json merge(const json& live, const json& applied, const MergeSchema& schema) {
  if (!live.is_object() || !applied.is_object()) return applied;
  json result = live;
  for (auto it = applied.begin(); it != applied.end(); ++it) {
    const std::string& key = it.key();
    auto existing = result.find(key);
    if (existing == result.end()) {
      result[key] = *it;
    } else if (it->is_object() && existing->is_object()) {
      result[key] = merge(*existing, *it, schema.field(key));
    } else if (it->is_array()) {
      result[key] = merge_list(*existing, *it, schema, key);
    } else {
      result[key] = *it;
    }
  }
  return result;
}

std::string conflict_message(const std::map<std::string, std::vector<FieldPath>>& by_manager,
                             const std::string& api_version, size_t total) {
  std::string message =
      "Apply failed with " + std::to_string(total) + " conflict" + (total == 1 ? "" : "s") + ": ";
  bool first = true;
  for (const auto& [manager, paths] : by_manager) {
    if (!first) message += "\n";
    first = false;
    if (paths.size() == 1) {
      message += "conflict with " + manager + " using " + api_version + ": " + describe(paths[0]);
    } else {
      message += "conflicts with " + manager + " using " + api_version + ":";
      for (const auto& p : paths) message += "\n- " + describe(p);
    }
  }
  return message;
}

}  // namespace

json server_side_apply(const ApplyInput& input) {
  MergeSchema schema = MergeSchema::for_kind(input.kind);
  bool status_only = input.subresource == "status";
  json applied = input.applied;
  if (status_only) {
    json only = {{"status", applied.value("status", json::object())}};
    applied = only;
  } else if (input.ignore_status) {
    applied.erase("status");
  }
  FieldSet applied_set = FieldSet::of_object(applied, schema, status_only);

  json live = input.live ? *input.live : json::object();
  std::vector<ManagerEntry> entries = read_managed_fields(live);
  auto is_self = [&](const ManagerEntry& e) {
    return e.manager == input.manager && e.operation == "Apply" &&
           e.subresource == input.subresource;
  };

  std::map<std::string, std::vector<FieldPath>> conflicts;
  size_t total = 0;
  for (auto& e : entries) {
    // Any other manager counts, whatever subresource it wrote through: fields set through
    // /scale conflict with an apply of the main resource, as on the real server.
    if (is_self(e)) continue;
    FieldSet taken;
    FieldSet shared = applied_set.intersect(e.fields);
    for (const auto& path : shared.paths()) {
      if (path.back() == ".") continue;
      const json* now = value_at(live, path);
      const json* wanted = value_at(applied, path);
      if (!now || !wanted || *now != *wanted) {
        std::string who = "\"" + e.manager + "\"";
        if (!e.subresource.empty()) who += " with subresource \"" + e.subresource + "\"";
        conflicts[who].push_back(path);
        taken.insert(path);
        ++total;
      }
    }
    if (input.force) e.fields = e.fields.minus(taken);
  }
  if (total > 0 && !input.force) {
    json causes = json::array();
    for (const auto& [manager, paths] : conflicts)
      for (const auto& p : paths)
        causes.push_back({{"reason", "FieldManagerConflict"},
                          {"message", "conflict with " + manager + " using " + input.api_version},
                          {"field", describe(p)}});
    json details = {{"name", name_of(applied)}, {"kind", input.kind}, {"causes", causes}};
    throw ApiError(409, "Conflict", conflict_message(conflicts, input.api_version, total), details);
  }

  FieldSet before, others;
  for (const auto& e : entries) {
    if (is_self(e))
      before = e.fields;
    else
      others = others.merged(e.fields);
  }
  json result = live;
  // Deepest paths first, so an item's fields go before the item.
  FieldSet stale = before.minus(applied_set).minus(others);
  for (auto it = stale.paths().rbegin(); it != stale.paths().rend(); ++it) remove_at(result, *it);
  result = merge(result, applied, schema);

  bool found = false;
  for (auto& e : entries) {
    if (!is_self(e)) continue;
    found = true;
    e.fields = applied_set;
    e.time = now_rfc3339();
    e.api_version = input.api_version;
  }
  if (!found)
    entries.push_back(
        {input.manager, "Apply", input.api_version, now_rfc3339(), input.subresource, applied_set});
  write_managed_fields(result, entries);
  return result;
}

}  // namespace fakekube
