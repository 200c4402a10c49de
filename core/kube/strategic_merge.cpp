// The strategic merge algorithm over JSON values; the list rules come from MergeSchema.
#include "core/kube/strategic_merge.hpp"

#include <optional>
#include <string>

#include "core/ui/error.hpp"

namespace kyma::kube {
namespace {

using nlohmann::json;

constexpr const char* kPatch = "$patch";
constexpr const char* kRetainKeys = "$retainKeys";
constexpr std::string_view kSetElementOrder = "$setElementOrder/";
constexpr std::string_view kDeleteFromPrimitiveList = "$deleteFromPrimitiveList/";

bool starts_with(const std::string& s, std::string_view prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

std::string child_path(const std::string& path, const std::string& name) {
  return path.empty() ? name : path + "." + name;
}

std::string directive_of(const json& map, const std::string& path) {
  auto it = map.find(kPatch);
  if (it == map.end()) return "";
  if (!it->is_string()) throw Error(path + ": $patch must be a string");
  const std::string& value = it->get_ref<const std::string&>();
  if (value != "replace" && value != "delete" && value != "merge") {
    throw Error(path + ": unknown patch directive $patch: " + value);
  }
  return value;
}

// A patch value placed where nothing is merged into still must not carry directives.
json without_directives(const json& value) {
  if (value.is_array()) {
    json out = json::array();
    for (const auto& item : value) {
      if (item.is_object() && item.contains(kPatch)) {
        if (item[kPatch] == "delete" || item[kPatch] == "replace") continue;
      }
      out.push_back(without_directives(item));
    }
    return out;
  }
  if (!value.is_object()) return value;
  json out = json::object();
  for (auto it = value.begin(); it != value.end(); ++it) {
    const std::string& key = it.key();
    if (key == kPatch || key == kRetainKeys || starts_with(key, kSetElementOrder) ||
        starts_with(key, kDeleteFromPrimitiveList)) {
      continue;
    }
    if (it->is_null()) continue;
    out[key] = without_directives(*it);
  }
  return out;
}

std::optional<json> merge_map(const json& original, const json& patch, const MergeSchema& schema,
                              const std::string& path);

json merge_keyed_list(const json& original, const json& patch, const std::string& key,
                      const MergeSchema& item_schema, const std::string& path) {
  for (const auto& item : patch) {
    if (item.is_object() && item.value(kPatch, "") == "replace") {
      return without_directives(patch);
    }
  }
  json result = original.is_array() ? original : json::array();
  for (const auto& item : patch) {
    if (!item.is_object()) {
      throw Error(path + ": a list merged by \"" + key + "\" must hold objects, found " +
                  item.dump());
    }
    std::string directive = directive_of(item, path);
    auto id = item.find(key);
    if (id == item.end()) {
      throw Error(path + ": an item does not contain the merge key \"" + key + "\"");
    }
    size_t found = result.size();
    for (size_t i = 0; i < result.size(); ++i) {
      if (result[i].is_object() && result[i].contains(key) && result[i][key] == *id) {
        found = i;
        break;
      }
    }
    if (directive == "delete") {
      if (found < result.size()) result.erase(found);
      continue;
    }
    const json& base = found < result.size() ? result[found] : json();
    std::optional<json> merged = merge_map(base, item, item_schema, path);
    if (!merged) {
      if (found < result.size()) result.erase(found);
    } else if (found < result.size()) {
      result[found] = std::move(*merged);
    } else {
      result.push_back(std::move(*merged));
    }
  }
  return result;
}

json merge_set(const json& original, const json& patch) {
  json result = original.is_array() ? original : json::array();
  for (const auto& value : patch) {
    bool present = false;
    for (const auto& existing : result) present = present || existing == value;
    if (!present) result.push_back(value);
  }
  return result;
}

// $setElementOrder/<list>: the items named first, in that order, then the others.
void reorder(json& list, const json& order, const std::string& key) {
  if (!list.is_array() || !order.is_array()) return;
  json ordered = json::array();
  std::vector<bool> taken(list.size(), false);
  for (const auto& wanted : order) {
    for (size_t i = 0; i < list.size(); ++i) {
      if (taken[i]) continue;
      bool same = key.empty() ? list[i] == wanted
                              : (list[i].is_object() && wanted.is_object() &&
                                 list[i].value(key, json()) == wanted.value(key, json()));
      if (same) {
        ordered.push_back(list[i]);
        taken[i] = true;
        break;
      }
    }
  }
  for (size_t i = 0; i < list.size(); ++i) {
    if (!taken[i]) ordered.push_back(list[i]);
  }
  list = std::move(ordered);
}

std::optional<json> merge_map(const json& original, const json& patch, const MergeSchema& schema,
                              const std::string& path) {
  std::string directive = directive_of(patch, path);
  if (directive == "delete") return std::nullopt;
  if (directive == "replace") return without_directives(patch);

  json result = original.is_object() ? original : json::object();
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    const std::string& name = it.key();
    if (name == kPatch || name == kRetainKeys || starts_with(name, kSetElementOrder) ||
        starts_with(name, kDeleteFromPrimitiveList)) {
      continue;
    }
    const json& value = *it;
    if (value.is_null()) {
      result.erase(name);
      continue;
    }
    std::string where = child_path(path, name);
    if (value.is_object()) {
      auto existing = result.find(name);
      std::optional<json> merged = merge_map(existing == result.end() ? json() : *existing, value,
                                             schema.field(name), where);
      if (merged) {
        result[name] = std::move(*merged);
      } else {
        result.erase(name);
      }
      continue;
    }
    if (value.is_array()) {
      auto existing = result.find(name);
      const json& base = existing == result.end() ? json() : *existing;
      switch (schema.list_strategy(name)) {
        case ListStrategy::kMergeByKey:
          result[name] =
              merge_keyed_list(base, value, schema.merge_key(name), schema.field(name), where);
          continue;
        case ListStrategy::kMergeSet:
          result[name] = merge_set(base, value);
          continue;
        case ListStrategy::kReplace:
          break;
      }
    }
    result[name] = without_directives(value);
  }

  for (auto it = patch.begin(); it != patch.end(); ++it) {
    const std::string& name = it.key();
    if (starts_with(name, kDeleteFromPrimitiveList)) {
      std::string list = name.substr(kDeleteFromPrimitiveList.size());
      auto target = result.find(list);
      if (target == result.end() || !target->is_array() || !it->is_array()) continue;
      json kept = json::array();
      for (const auto& v : *target) {
        bool drop = false;
        for (const auto& d : *it) drop = drop || d == v;
        if (!drop) kept.push_back(v);
      }
      *target = std::move(kept);
    } else if (starts_with(name, kSetElementOrder)) {
      std::string list = name.substr(kSetElementOrder.size());
      auto target = result.find(list);
      if (target != result.end()) reorder(*target, *it, schema.merge_key(list));
    }
  }

  auto retain = patch.find(kRetainKeys);
  if (retain != patch.end()) {
    if (!retain->is_array()) throw Error(path + ": $retainKeys must be a list");
    json kept = json::object();
    for (const auto& key : *retain) {
      if (key.is_string() && result.contains(key.get<std::string>())) {
        kept[key.get<std::string>()] = result[key.get<std::string>()];
      }
    }
    result = std::move(kept);
  }
  return result;
}

}  // namespace

json strategic_merge_at(const json& original, const json& patch, const MergeSchema& schema) {
  if (!patch.is_object()) throw Error("a strategic merge patch must be a JSON object");
  std::optional<json> merged = merge_map(original, patch, schema, "");
  return merged ? std::move(*merged) : json::object();
}

json strategic_merge(const json& original, const json& patch, const std::string& kind) {
  return strategic_merge_at(original, patch, MergeSchema::for_kind(kind));
}

}  // namespace kyma::kube
