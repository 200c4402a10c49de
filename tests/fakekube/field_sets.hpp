#pragma once
// Sets of field paths, the unit of ownership in server-side apply and what
// metadata.managedFields[].fieldsV1 stores. A path is a list of tokens in the fieldsV1
// spelling: "f:<field>", "k:<key object>" (an item of a list merged by key), "v:<value>" (an
// item of a set) and "." (the list item itself). Lists merge as MergeSchema says; custom
// resources' lists are atomic.
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/kube/strategic_merge.hpp"

namespace fakekube {

using FieldPath = std::vector<std::string>;

class FieldSet {
 public:
  FieldSet() = default;
  // Every leaf field of `object` (apiVersion, kind, identity and server-owned metadata are not
  // owned by anyone and left out; so is status unless `status_only`, which keeps only status).
  static FieldSet of_object(const nlohmann::json& object, const kyma::kube::MergeSchema& schema,
                            bool status_only = false);
  static FieldSet from_fields_v1(const nlohmann::json& fields);
  nlohmann::json to_fields_v1() const;

  bool empty() const { return paths_.empty(); }
  bool contains(const FieldPath& path) const { return paths_.count(path) > 0; }
  const std::set<FieldPath>& paths() const { return paths_; }
  void insert(const FieldPath& path) { paths_.insert(path); }
  FieldSet minus(const FieldSet& other) const;
  FieldSet intersect(const FieldSet& other) const;
  FieldSet merged(const FieldSet& other) const;

 private:
  std::set<FieldPath> paths_;
};

// The value a path points at ("." gives the list item), or nullptr when absent.
const nlohmann::json* value_at(const nlohmann::json& object, const FieldPath& path);
// Removes what a path points at; maps left empty by the removal are removed too.
void remove_at(nlohmann::json& object, const FieldPath& path);
// ".spec.replicas", ".spec.template.spec.containers[name=\"c\"].image": how conflicts name a field.
std::string describe(const FieldPath& path);

}  // namespace fakekube
