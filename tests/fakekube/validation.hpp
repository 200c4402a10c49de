#pragma once
// The validation the real server does that clients notice: object names, required workload
// fields (selector, template labels, containers with name and image), immutable selectors, and
// CRD naming. Throws ApiError 422 Invalid with the real server's texts.
#include <string>

#include <nlohmann/json.hpp>

#include "tests/fakekube/resource_types.hpp"

namespace fakekube {

void validate_name(const ResourceType& type, const std::string& name);
// `old` is null for a create.
void validate_object(const ResourceType& type, const nlohmann::json& object,
                     const nlohmann::json* old);

}  // namespace fakekube
