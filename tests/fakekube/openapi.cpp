#include "tests/fakekube/openapi.hpp"

#include "tests/fakekube/object_meta.hpp"

namespace fakekube {

using nlohmann::json;

namespace {

std::string path_of(const ResourceType& t) {
  return t.group.empty() ? "api/" + t.version : "apis/" + t.group + "/" + t.version;
}

json query_parameter(const std::string& name) {
  return {{"name", name}, {"in", "query"}, {"schema", {{"type", "string"}, {"uniqueItems", true}}}};
}

json build_document(const std::vector<ResourceTypePtr>& types, const std::string& path) {
  json paths = json::object();
  for (const auto& t : types) {
    // Every kind, create-only ones (SelfSubjectAccessReview) too: kubectl looks for the
    // fieldValidation parameter on a kind's PATCH operation only, and without one falls back to
    // /openapi/v2, which fakekube does not serve ("failed to download openapi"). A PATCH of a
    // kind without the verb is still refused with 405.
    if (path_of(*t) != path) continue;
    std::string item =
        "/" + path + (t->namespaced ? "/namespaces/{namespace}/" : "/") + t->plural + "/{name}";
    json body = {{"schema", {{"type", "object"}}}};
    paths[item]["patch"] = {
        {"operationId", "patch" + t->kind},
        {"parameters", json::array({query_parameter("dryRun"), query_parameter("fieldManager"),
                                    query_parameter("fieldValidation"), query_parameter("force")})},
        {"requestBody",
         {{"content",
           {{"application/apply-patch+yaml", body},
            {"application/json-patch+json", body},
            {"application/merge-patch+json", body}}},
          {"required", true}}},
        {"responses", {{"200", {{"description", "OK"}}}}},
        {"x-kubernetes-action", "patch"},
        {"x-kubernetes-group-version-kind",
         {{"group", t->group}, {"version", t->version}, {"kind", t->kind}}}};
  }
  return {{"openapi", "3.0.0"},
          {"info", {{"title", "Kubernetes"}, {"version", "fakekube"}}},
          {"paths", paths},
          {"components", {{"schemas", json::object()}}}};
}

}  // namespace

json openapi_v3_index(const std::vector<ResourceTypePtr>& types) {
  json paths = json::object();
  for (const auto& t : types) {
    std::string path = path_of(*t);
    if (paths.contains(path)) continue;
    std::string hash = safe_hash(build_document(types, path).dump());
    paths[path] = {{"serverRelativeURL", "/openapi/v3/" + path + "?hash=" + hash}};
  }
  return {{"paths", paths}};
}

std::optional<json> openapi_v3_document(const std::vector<ResourceTypePtr>& types,
                                        const std::string& path) {
  for (const auto& t : types)
    if (path_of(*t) == path) return build_document(types, path);
  return std::nullopt;
}

}  // namespace fakekube
