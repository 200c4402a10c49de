#pragma once
// The merges build the IstioOperator key by key, over values the profile or the CR may have left
// as null or as another type; a key that must hold an object is made one before use.
#include <nlohmann/json.hpp>

namespace kyma::istio {

// parent[key], replaced by an empty object unless it already is one.
inline nlohmann::json& object_at(nlohmann::json& parent, const char* key) {
  nlohmann::json& child = parent[key];
  if (!child.is_object()) child = nlohmann::json::object();
  return child;
}

}  // namespace kyma::istio
