#include "tests/fakekube/crd.hpp"

#include <algorithm>

#include "tests/fakekube/object_meta.hpp"

namespace fakekube {

using nlohmann::json;

namespace {

std::vector<std::string> strings(const json& list) {
  std::vector<std::string> out;
  if (list.is_array())
    for (const auto& s : list)
      if (s.is_string()) out.push_back(s.get<std::string>());
  return out;
}

std::string storage_version(const json& crd) {
  for (const auto& v : field(crd, "/spec/versions"))
    if (v.is_object() && v.value("storage", false)) return v.value("name", "");
  return "";
}

}  // namespace

std::string crd_storage_key(const json& crd) {
  return string_at(crd, "/spec/group") + "/" + string_at(crd, "/spec/names/plural");
}

std::vector<ResourceType> crd_resource_types(const json& crd) {
  std::vector<ResourceType> out;
  const json& names = field(crd, "/spec/names");
  std::string kind = names.value("kind", "");
  std::string singular = names.value("singular", "");
  if (singular.empty()) {
    singular = kind;
    std::transform(singular.begin(), singular.end(), singular.begin(),
                   [](unsigned char c) { return std::tolower(c); });
  }
  for (const auto& v : field(crd, "/spec/versions")) {
    if (!v.is_object() || !v.value("served", false)) continue;
    ResourceType t;
    t.group = string_at(crd, "/spec/group");
    t.version = v.value("name", "");
    t.kind = kind;
    t.plural = names.value("plural", "");
    t.singular = singular;
    t.namespaced = string_at(crd, "/spec/scope") != "Cluster";
    t.verbs = {"delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"};
    t.short_names = strings(names.value("shortNames", json()));
    t.categories = strings(names.value("categories", json()));
    t.status_subresource = v.contains("subresources") && v["subresources"].is_object() &&
                           v["subresources"].contains("status");
    t.custom = true;
    t.storage_version = storage_version(crd);
    t.printer_columns = v.value("additionalPrinterColumns", json());
    out.push_back(std::move(t));
  }
  return out;
}

json crd_status(const json& crd) {
  std::string now = now_rfc3339();
  json status = crd.value("status", json::object());
  if (!status.is_object()) status = json::object();
  json names = field(crd, "/spec/names");
  if (names.is_object() && !names.contains("singular")) {
    std::string singular = names.value("kind", "");
    std::transform(singular.begin(), singular.end(), singular.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    names["singular"] = singular;
  }
  if (names.is_object() && !names.contains("listKind"))
    names["listKind"] = names.value("kind", "") + "List";
  status["acceptedNames"] = names;
  auto keep_time = [&](const std::string& type) {
    for (const auto& c : field(crd, "/status/conditions"))
      if (c.is_object() && c.value("type", "") == type && c.value("status", "") == "True")
        return c.value("lastTransitionTime", now);
    return now;
  };
  status["conditions"] = json::array({{{"type", "NamesAccepted"},
                                       {"status", "True"},
                                       {"reason", "NoConflicts"},
                                       {"message", "no conflicts found"},
                                       {"lastTransitionTime", keep_time("NamesAccepted")}},
                                      {{"type", "Established"},
                                       {"status", "True"},
                                       {"reason", "InitialNamesAccepted"},
                                       {"message", "the initial names have been accepted"},
                                       {"lastTransitionTime", keep_time("Established")}}});
  json stored = status.value("storedVersions", json::array());
  std::string storage = storage_version(crd);
  if (!storage.empty() && std::find(stored.begin(), stored.end(), storage) == stored.end())
    stored.push_back(storage);
  status["storedVersions"] = stored;
  return status;
}

}  // namespace fakekube
