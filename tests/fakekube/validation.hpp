#pragma once
// The validation the real server does that clients notice: object names, required workload
// fields (selector, template labels, containers with name and image), non-negative replicas,
// immutable selectors, and CRD naming. Throws ApiError 422 Invalid with the real server's texts.
// Before that, the real server decodes the body into Go types: a field of the wrong JSON type
// (a string for replicas, a number for a label value) is a 400 BadRequest.
#include <string>

#include <nlohmann/json.hpp>

#include "tests/fakekube/resource_types.hpp"

namespace fakekube {

// The decoding step: the type checks clients notice (labels are strings, replicas an int32).
void validate_decoding(const ResourceType& type, const nlohmann::json& body);
void validate_name(const ResourceType& type, const std::string& name);
// `old` is null for a create.
void validate_object(const ResourceType& type, const nlohmann::json& object,
                     const nlohmann::json* old);

}  // namespace fakekube
