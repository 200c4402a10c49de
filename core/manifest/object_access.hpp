#pragma once
// Small accessors for Kubernetes objects held as JSON: identity (kind, namespace, name) and the
// label/annotation maps, so the manifest code reads as what it does rather than as JSON plumbing.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kyma::manifest {

std::string kind_of(const nlohmann::json& object);
std::string name_of(const nlohmann::json& object);
std::string namespace_of(const nlohmann::json& object);  // "" for cluster-scoped objects
// "Kind namespace/name" or "Kind name": how objects are named in errors.
std::string describe(const nlohmann::json& object);

// metadata.labels / metadata.annotations, created when missing.
nlohmann::json& labels_of(nlohmann::json& object);
nlohmann::json& annotations_of(nlohmann::json& object);

// The first object of `kind` named `name` (any namespace), or nullptr.
nlohmann::json* find_object(std::vector<nlohmann::json>& objects, const std::string& kind,
                            const std::string& name);
const nlohmann::json* find_object(const std::vector<nlohmann::json>& objects,
                                  const std::string& kind, const std::string& name);

// The container named `name` in a workload's pod template, or nullptr.
nlohmann::json* find_container(nlohmann::json& workload, const std::string& name);

// The list item whose `key` field equals `value`, or nullptr.
nlohmann::json* find_item(nlohmann::json& list, const std::string& key, const std::string& value);

}  // namespace kyma::manifest
