#pragma once
// Just enough OpenAPI v3 for kubectl: the /openapi/v3 index and one document per group
// version whose PATCH operations (one per kind, even a create-only one) carry
// x-kubernetes-group-version-kind and the fieldValidation query parameter. That tells kubectl the
// server validates fields itself, so `--validate` (strict by default) needs no schemas. Strategic
// merge is not announced: kubectl then builds client-side apply patches from its compiled-in types.
// /openapi/v2 is a 404, which kubectl tolerates.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/fakekube/resource_types.hpp"

namespace fakekube {

nlohmann::json openapi_v3_index(const std::vector<ResourceTypePtr>& types);
// `path` is what follows /openapi/v3/ ("api/v1", "apis/apps/v1").
std::optional<nlohmann::json> openapi_v3_document(const std::vector<ResourceTypePtr>& types,
                                                  const std::string& path);

}  // namespace fakekube
