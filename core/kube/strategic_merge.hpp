#pragma once
// Strategic merge patch (apimachinery's strategicpatch) for the built-in kinds the product and
// the test API server handle. Maps merge and `null` deletes a key; a list that the Kubernetes API
// declares `patchStrategy: merge` merges item by item on its `patchMergeKey` (containers by
// name, ports by containerPort, ...), a primitive list with that strategy merges as a set, and
// every other list is replaced. Directives: `$patch: replace | delete | merge`, `$retainKeys`,
// `$setElementOrder/<list>` and `$deleteFromPrimitiveList/<list>`.
//
// The same list rules drive server-side apply's merge (listType=map keys), so the schema is
// exposed for walking an object.
#include <string>

#include <nlohmann/json.hpp>

namespace kyma::kube {

enum class ListStrategy {
  kReplace,     // atomic: the patch's list replaces the original
  kMergeByKey,  // items are maps merged on merge_key()
  kMergeSet,    // primitive items, merged as a set (finalizers)
};

struct MergeType;  // a node of the built-in schema (internal)

// A position in an object of some kind: which lists below it merge, and how.
class MergeSchema {
 public:
  // The root of an object of `kind` (any API version). A kind without a schema (custom
  // resources) yields a schema where every list is replaced.
  static MergeSchema for_kind(const std::string& kind);
  // True for the built-in kinds that accept strategic merge patches; false for custom resources
  // (the API server answers 415 Unsupported Media Type there).
  static bool supports(const std::string& kind);

  // The schema of map field `name` below this position.
  MergeSchema field(const std::string& name) const;
  // How the list held by field `name` merges, and its key.
  ListStrategy list_strategy(const std::string& name) const;
  std::string merge_key(const std::string& name) const;

 private:
  explicit MergeSchema(const MergeType* type) : type_(type) {}
  const MergeType* type_ = nullptr;
};

// Applies `patch` to `original` (an object of `kind`). Throws kyma::Error, naming the field, on
// a malformed patch (a list item without its merge key, an unknown `$patch` value, ...).
nlohmann::json strategic_merge(const nlohmann::json& original, const nlohmann::json& patch,
                               const std::string& kind);

// Same, from a position in the schema (used to patch a part of an object).
nlohmann::json strategic_merge_at(const nlohmann::json& original, const nlohmann::json& patch,
                                  const MergeSchema& schema);

}  // namespace kyma::kube
