#include "tests/fakekube/discovery.hpp"

#include <algorithm>
#include <regex>

namespace fakekube {

using nlohmann::json;

const char* const kAggregatedDiscoveryType =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

namespace {

// Kubernetes version priority: v1 > v1beta1 > v1alpha1 > foo.
std::tuple<int, int, int, std::string> priority(const std::string& version) {
  static const std::regex re("v([0-9]+)(?:(alpha|beta)([0-9]+))?");
  std::smatch m;
  if (!std::regex_match(version, m, re)) return {3, 0, 0, version};
  int major = std::stoi(m[1]);
  int level = !m[2].matched ? 0 : m[2] == "beta" ? 1 : 2;
  int minor = m[3].matched ? std::stoi(m[3]) : 0;
  return {level, -major, -minor, version};
}

std::vector<std::string> groups_of(const std::vector<ResourceTypePtr>& types) {
  std::vector<std::string> groups;
  for (const auto& t : types)
    if (!t->group.empty() && std::find(groups.begin(), groups.end(), t->group) == groups.end())
      groups.push_back(t->group);
  return groups;
}

std::vector<std::string> versions_of(const std::vector<ResourceTypePtr>& types,
                                     const std::string& group) {
  std::vector<std::string> versions;
  for (const auto& t : types)
    if (t->group == group &&
        std::find(versions.begin(), versions.end(), t->version) == versions.end())
      versions.push_back(t->version);
  return sorted_versions(versions);
}

json group_document(const std::vector<ResourceTypePtr>& types, const std::string& group) {
  json versions = json::array();
  for (const auto& v : versions_of(types, group))
    versions.push_back({{"groupVersion", group + "/" + v}, {"version", v}});
  return {{"name", group}, {"versions", versions}, {"preferredVersion", versions.at(0)}};
}

json string_list(const std::vector<std::string>& values) {
  json out = json::array();
  for (const auto& v : values) out.push_back(v);
  return out;
}

}  // namespace

std::vector<std::string> sorted_versions(std::vector<std::string> versions) {
  std::sort(versions.begin(), versions.end(),
            [](const std::string& a, const std::string& b) { return priority(a) < priority(b); });
  return versions;
}

json version_info(const std::string& kubernetes_version) {
  static const std::regex re("v?([0-9]+)\\.([0-9]+).*");
  std::smatch m;
  std::string major = "1", minor = "30";
  if (std::regex_match(kubernetes_version, m, re)) {
    major = m[1];
    minor = m[2];
  }
  return {{"major", major},
          {"minor", minor},
          {"gitVersion", kubernetes_version},
          {"gitCommit", "0000000000000000000000000000000000000000"},
          {"gitTreeState", "clean"},
          {"buildDate", "2024-01-01T00:00:00Z"},
          {"goVersion", "go1.22.0"},
          {"compiler", "gc"},
          {"platform", "linux/amd64"}};
}

json core_versions(const std::string& server_address) {
  return {{"kind", "APIVersions"},
          {"versions", json::array({"v1"})},
          {"serverAddressByClientCIDRs",
           json::array({{{"clientCIDR", "0.0.0.0/0"}, {"serverAddress", server_address}}})}};
}

json api_group_list(const std::vector<ResourceTypePtr>& types) {
  json groups = json::array();
  for (const auto& g : groups_of(types)) groups.push_back(group_document(types, g));
  return {{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", groups}};
}

std::optional<json> api_group(const std::vector<ResourceTypePtr>& types, const std::string& group) {
  auto groups = groups_of(types);
  if (std::find(groups.begin(), groups.end(), group) == groups.end()) return std::nullopt;
  json doc = group_document(types, group);
  doc["kind"] = "APIGroup";
  doc["apiVersion"] = "v1";
  return doc;
}

std::optional<json> api_resource_list(const std::vector<ResourceTypePtr>& types,
                                      const std::string& group, const std::string& version) {
  json resources = json::array();
  bool found = false;
  for (const auto& t : types) {
    if (t->group != group || t->version != version) continue;
    found = true;
    json r = {{"name", t->plural},
              {"singularName", t->singular},
              {"namespaced", t->namespaced},
              {"kind", t->kind},
              {"verbs", string_list(t->verbs)}};
    if (!t->short_names.empty()) r["shortNames"] = string_list(t->short_names);
    if (!t->categories.empty()) r["categories"] = string_list(t->categories);
    resources.push_back(r);
    if (t->status_subresource)
      resources.push_back({{"name", t->plural + "/status"},
                           {"singularName", ""},
                           {"namespaced", t->namespaced},
                           {"kind", t->kind},
                           {"verbs", json::array({"get", "patch", "update"})}});
    if (t->scale_subresource)
      resources.push_back({{"name", t->plural + "/scale"},
                           {"singularName", ""},
                           {"namespaced", t->namespaced},
                           {"group", "autoscaling"},
                           {"version", "v1"},
                           {"kind", "Scale"},
                           {"verbs", json::array({"get", "patch", "update"})}});
  }
  if (!found) return std::nullopt;
  return json{{"kind", "APIResourceList"},
              {"apiVersion", "v1"},
              {"groupVersion", group.empty() ? version : group + "/" + version},
              {"resources", resources}};
}

json aggregated_discovery(const std::vector<ResourceTypePtr>& types, bool core) {
  std::vector<std::string> groups;
  if (core)
    groups.push_back("");
  else
    groups = groups_of(types);
  json items = json::array();
  for (const auto& group : groups) {
    json versions = json::array();
    for (const auto& version : versions_of(types, group)) {
      json resources = json::array();
      for (const auto& t : types) {
        if (t->group != group || t->version != version) continue;
        json kind = {{"group", group}, {"version", version}, {"kind", t->kind}};
        json r = {{"resource", t->plural},
                  {"responseKind", kind},
                  {"scope", t->namespaced ? "Namespaced" : "Cluster"},
                  {"singularResource", t->singular},
                  {"verbs", string_list(t->verbs)}};
        if (!t->short_names.empty()) r["shortNames"] = string_list(t->short_names);
        if (!t->categories.empty()) r["categories"] = string_list(t->categories);
        json subresources = json::array();
        if (t->status_subresource)
          subresources.push_back({{"subresource", "status"},
                                  {"responseKind", kind},
                                  {"verbs", json::array({"get", "patch", "update"})}});
        if (t->scale_subresource)
          subresources.push_back(
              {{"subresource", "scale"},
               {"responseKind", {{"group", "autoscaling"}, {"version", "v1"}, {"kind", "Scale"}}},
               {"verbs", json::array({"get", "patch", "update"})}});
        if (!subresources.empty()) r["subresources"] = subresources;
        resources.push_back(r);
      }
      versions.push_back(
          {{"version", version}, {"resources", resources}, {"freshness", "Current"}});
    }
    items.push_back(
        {{"metadata", {{"name", group}, {"creationTimestamp", nullptr}}}, {"versions", versions}});
  }
  return {{"kind", "APIGroupDiscoveryList"},
          {"apiVersion", "apidiscovery.k8s.io/v2"},
          {"metadata", json::object()},
          {"items", items}};
}

}  // namespace fakekube
