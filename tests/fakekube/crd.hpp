#pragma once
// CustomResourceDefinitions: the resource types a CRD serves (one per served version) and the
// status the real apiextensions server gives it (NamesAccepted, Established, acceptedNames,
// storedVersions).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/fakekube/resource_types.hpp"

namespace fakekube {

std::string crd_storage_key(const nlohmann::json& crd);  // "<group>/<plural>"
std::vector<ResourceType> crd_resource_types(const nlohmann::json& crd);
nlohmann::json crd_status(const nlohmann::json& crd);

}  // namespace fakekube
