#include "tests/fakekube/store.hpp"

#include "tests/fakekube/object_meta.hpp"

namespace fakekube {

ObjectPtr Store::get(const std::string& storage_key, const std::string& ns,
                     const std::string& name) const {
  auto t = tables_.find(storage_key);
  if (t == tables_.end()) return nullptr;
  auto it = t->second.find(row_key(ns, name));
  return it == t->second.end() ? nullptr : it->second;
}

const Store::Table* Store::table(const std::string& storage_key) const {
  auto t = tables_.find(storage_key);
  return t == tables_.end() ? nullptr : &t->second;
}

void Store::put(const std::string& storage_key, ObjectPtr object) {
  const auto& o = object->object;
  std::string ns = namespace_of(o), name = name_of(o);
  auto& slot = tables_[storage_key][row_key(ns, name)];
  if (slot) unindex(slot->object);
  std::string uid = uid_of(o);
  if (!uid.empty()) {
    uids_[uid] = {storage_key, ns, name};
    for (const auto& owner : owner_uids(o)) dependents_[owner].insert(uid);
  }
  slot = std::move(object);
}

void Store::erase(const std::string& storage_key, const std::string& ns, const std::string& name) {
  auto t = tables_.find(storage_key);
  if (t == tables_.end()) return;
  auto it = t->second.find(row_key(ns, name));
  if (it == t->second.end()) return;
  unindex(it->second->object);
  t->second.erase(it);
}

void Store::unindex(const nlohmann::json& object) {
  std::string uid = uid_of(object);
  if (uid.empty()) return;
  uids_.erase(uid);
  for (const auto& owner : owner_uids(object)) {
    auto d = dependents_.find(owner);
    if (d == dependents_.end()) continue;
    d->second.erase(uid);
    if (d->second.empty()) dependents_.erase(d);
  }
}

std::vector<std::string> Store::storage_keys() const {
  std::vector<std::string> out;
  for (const auto& [key, table] : tables_) out.push_back(key);
  return out;
}

std::optional<ObjectLocation> Store::locate(const std::string& uid) const {
  auto it = uids_.find(uid);
  if (it == uids_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> Store::dependents(const std::string& owner_uid) const {
  auto it = dependents_.find(owner_uid);
  if (it == dependents_.end()) return {};
  return {it->second.begin(), it->second.end()};
}

}  // namespace fakekube
