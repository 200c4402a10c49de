#pragma once
// Object storage: one ordered table per resource (storage key "group/plural"), keyed
// "namespace/name" so that a namespace is a contiguous range and lists come out in the order
// the real server (etcd keys) gives. Objects are immutable once stored and shared (the watch
// history and in-flight responses keep them alive); each carries its JSON text, serialized
// once, so a LIST is a concatenation. Indexes: uid -> location, owner uid -> dependents.
// Not thread-safe: the Cluster's lock guards it.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

namespace fakekube {

struct StoredObject {
  explicit StoredObject(nlohmann::json o) : object(std::move(o)), text(object.dump()) {}
  nlohmann::json object;
  std::string text;
};
using ObjectPtr = std::shared_ptr<const StoredObject>;

struct ObjectLocation {
  std::string storage_key;
  std::string ns;
  std::string name;
};

class Store {
 public:
  using Table = std::map<std::string, ObjectPtr>;

  static std::string row_key(const std::string& ns, const std::string& name) {
    return ns + "/" + name;
  }

  ObjectPtr get(const std::string& storage_key, const std::string& ns,
                const std::string& name) const;
  const Table* table(const std::string& storage_key) const;
  // Inserts or replaces the object at its namespace/name.
  void put(const std::string& storage_key, ObjectPtr object);
  void erase(const std::string& storage_key, const std::string& ns, const std::string& name);
  std::vector<std::string> storage_keys() const;

  std::optional<ObjectLocation> locate(const std::string& uid) const;
  std::vector<std::string> dependents(const std::string& owner_uid) const;
  size_t size() const { return uids_.size(); }

  std::uint64_t resource_version() const { return rv_; }
  std::uint64_t next_resource_version() { return ++rv_; }

 private:
  void unindex(const nlohmann::json& object);
  std::map<std::string, Table> tables_;
  std::unordered_map<std::string, ObjectLocation> uids_;
  std::unordered_map<std::string, std::set<std::string>> dependents_;
  std::uint64_t rv_ = 1;
};

}  // namespace fakekube
