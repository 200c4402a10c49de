#pragma once
// istioctl's `k8s.overlays` path patches (operator/pkg/patch), applied to rendered objects.
//
// A path is dot-separated (`\.` escapes a dot inside a key) and may select list items:
//   [N]           the N-th item (past the end: a new item is appended)
//   [key:value]   the map item whose `key` reads `value` (`\:` escapes a colon)
//   [value]       the scalar item matching the regular expression `value`
// Missing map keys on the way are created. A null value deletes the selected key or list item; a
// value on a list appends to it (a list value replaces it); any other value replaces the
// selection. A string value that holds a YAML map is set as that map.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kyma::manifest {

struct OverlayPathElement {
  enum class Type { kKey, kIndex, kKeyValue, kValueMatch };
  Type type = Type::kKey;
  std::string key;    // kKey: the map key; kKeyValue: the item's field
  std::string value;  // kKeyValue: the field's value; kValueMatch: the pattern
  size_t index = 0;   // kIndex
};

// Throws kyma::Error naming `path` when it is malformed.
std::vector<OverlayPathElement> parse_overlay_path(const std::string& path);

// Applies one patch to `object`. Throws kyma::Error naming the path when it cannot be followed.
void apply_overlay_patch(nlohmann::json& object, const std::string& path,
                         const nlohmann::json& value);

// Applies a component's `k8s.overlays` list to its objects. Each overlay must select exactly one
// object (by kind and name, in `component_namespace` or cluster-scoped); `field` names the list
// in errors ("spec.components.pilot.k8s.overlays").
void apply_overlays(std::vector<nlohmann::json>& objects, const nlohmann::json& overlays,
                    const std::string& component_namespace, const std::string& field);

}  // namespace kyma::manifest
