#pragma once
// The kinds the server serves: the built-in ones the product uses, plus one entry per served
// version of every CustomResourceDefinition. An entry answers discovery and routing questions
// (plural, namespaced, verbs, short names, subresources); objects of all versions of a
// resource share one storage table (`storage_key`), so a version is just an apiVersion rewrite.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fakekube {

struct ResourceType {
  std::string group;  // "" for the core group
  std::string version;
  std::string kind;
  std::string plural;
  std::string singular;
  bool namespaced = true;
  std::vector<std::string> verbs;
  std::vector<std::string> short_names;
  std::vector<std::string> categories;
  bool status_subresource = false;
  bool scale_subresource = false;
  bool custom = false;             // defined by a CRD
  std::string storage_version;     // the version objects are stored at
  nlohmann::json printer_columns;  // CRD additionalPrinterColumns of this version, or null

  std::string api_version() const { return group.empty() ? version : group + "/" + version; }
  std::string storage_key() const { return group + "/" + plural; }
  std::string list_kind() const { return kind + "List"; }
  bool has_verb(const std::string& verb) const;
};

using ResourceTypePtr = std::shared_ptr<const ResourceType>;

class ResourceTypes {
 public:
  ResourceTypes();  // the built-in kinds

  ResourceTypePtr by_resource(const std::string& group, const std::string& version,
                              const std::string& plural) const;
  ResourceTypePtr by_kind(const std::string& api_version, const std::string& kind) const;
  // Any served version of the resource stored under `storage_key` (for internal lookups).
  ResourceTypePtr by_storage_key(const std::string& storage_key) const;
  // Every served entry, built-ins first, in registration order.
  const std::vector<ResourceTypePtr>& all() const { return types_; }
  // Group versions in discovery order ("v1" first for the core group).
  std::vector<std::pair<std::string, std::string>> group_versions() const;

  // Replaces the entries of one custom resource (all its served versions).
  void set_custom(const std::string& storage_key, const std::vector<ResourceType>& versions);
  void remove_custom(const std::string& storage_key);

 private:
  std::vector<ResourceTypePtr> types_;
};

std::pair<std::string, std::string> split_api_version(const std::string& api_version);

}  // namespace fakekube
