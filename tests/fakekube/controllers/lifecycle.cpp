// Garbage collection, orphaning, foreground deletion, namespace termination and CRD
// establishment/cleanup.
#include "tests/fakekube/cluster.hpp"
#include "tests/fakekube/controllers/controllers.hpp"
#include "tests/fakekube/crd.hpp"
#include "tests/fakekube/object_meta.hpp"

namespace fakekube {

using nlohmann::json;

namespace {

WriteContext controller_context() {
  WriteContext ctx;
  ctx.internal = true;
  ctx.user = "system:serviceaccount:kube-system:generic-garbage-collector";
  return ctx;
}

struct Located {
  ResourceTypePtr type;
  ObjectPtr object;
};

Located locate(Cluster& cluster, const std::string& uid) {
  auto where = cluster.store().locate(uid);
  if (!where) return {};
  ObjectPtr object = cluster.store().get(where->storage_key, where->ns, where->name);
  auto type = cluster.storage_type(where->storage_key);
  if (!object || !type) return {};
  return {type, object};
}

void delete_object(Cluster& cluster, const Located& item, const std::string& propagation) {
  DeleteOptions options;
  options.propagation = propagation;
  try {
    cluster.remove(*item.type, namespace_of(item.object->object), name_of(item.object->object),
                   options, controller_context());
  } catch (const std::exception&) {
    // Gone already: nothing to do.
  }
}

json without_owner(json object, const std::string& owner_uid) {
  json refs = json::array();
  for (const auto& ref : object["metadata"]["ownerReferences"])
    if (ref.value("uid", "") != owner_uid) refs.push_back(ref);
  if (refs.empty())
    object["metadata"].erase("ownerReferences");
  else
    object["metadata"]["ownerReferences"] = refs;
  return object;
}

void drop_finalizer(Cluster& cluster, const Located& item, const std::string& finalizer) {
  json object = item.object->object;
  json kept = json::array();
  for (const auto& f : object["metadata"]["finalizers"])
    if (f != finalizer) kept.push_back(f);
  object["metadata"]["finalizers"] = kept;
  if (kept.empty()) object["metadata"].erase("finalizers");
  cluster.write_object(*item.type, object);
}

}  // namespace

void collect_garbage(Cluster& cluster, const std::string& owner_uid) {
  if (locate(cluster, owner_uid).object) return;  // the owner is back (seeded again)
  for (const auto& dependent_uid : cluster.store().dependents(owner_uid)) {
    Located dependent = locate(cluster, dependent_uid);
    if (!dependent.object) continue;
    bool other_owner_alive = false;
    for (const auto& uid : owner_uids(dependent.object->object))
      if (uid != owner_uid && cluster.store().locate(uid)) other_owner_alive = true;
    if (other_owner_alive) {
      cluster.write_object(*dependent.type, without_owner(dependent.object->object, owner_uid));
    } else if (!is_deleting(dependent.object->object)) {
      delete_object(cluster, dependent, "Background");
    }
  }
}

void orphan_dependents(Cluster& cluster, const std::string& owner_uid) {
  Located owner = locate(cluster, owner_uid);
  for (const auto& dependent_uid : cluster.store().dependents(owner_uid)) {
    Located dependent = locate(cluster, dependent_uid);
    if (dependent.object)
      cluster.write_object(*dependent.type, without_owner(dependent.object->object, owner_uid));
  }
  if (owner.object) drop_finalizer(cluster, owner, "orphan");
}

void delete_foreground(Cluster& cluster, const std::string& owner_uid) {
  Located owner = locate(cluster, owner_uid);
  if (!owner.object || !is_deleting(owner.object->object)) return;
  bool remaining = false;
  for (const auto& dependent_uid : cluster.store().dependents(owner_uid)) {
    Located dependent = locate(cluster, dependent_uid);
    if (!dependent.object) continue;
    if (!is_deleting(dependent.object->object)) delete_object(cluster, dependent, "Foreground");
    if (locate(cluster, dependent_uid).object) remaining = true;
  }
  if (!remaining) {
    owner = locate(cluster, owner_uid);
    if (owner.object) drop_finalizer(cluster, owner, "foregroundDeletion");
  }
}

void finish_namespace(Cluster& cluster, const std::string& name) {
  auto ns_type = cluster.storage_type("/namespaces");
  ObjectPtr ns = cluster.store().get("/namespaces", "", name);
  if (!ns || !is_deleting(ns->object)) return;
  std::vector<Located> content;
  for (const auto& key : cluster.store().storage_keys()) {
    const Store::Table* table = cluster.store().table(key);
    auto type = cluster.storage_type(key);
    if (!table || !type || !type->namespaced) continue;
    std::string scope = name + "/";
    for (auto it = table->lower_bound(scope);
         it != table->end() && it->first.compare(0, scope.size(), scope) == 0; ++it)
      content.push_back({type, it->second});
  }
  for (const auto& item : content)
    if (!is_deleting(item.object->object)) delete_object(cluster, item, "Background");
  for (const auto& key : cluster.store().storage_keys()) {
    const Store::Table* table = cluster.store().table(key);
    auto type = cluster.storage_type(key);
    if (!table || !type || !type->namespaced) continue;
    auto it = table->lower_bound(name + "/");
    if (it != table->end() && it->first.compare(0, name.size() + 1, name + "/") == 0) return;
  }
  cluster.delete_now(*ns_type, "", name);
}

void establish_crd(Cluster& cluster, const std::string& name) {
  auto crd_type = cluster.storage_type("apiextensions.k8s.io/customresourcedefinitions");
  ObjectPtr crd = cluster.store().get(crd_type->storage_key(), "", name);
  if (!crd || is_deleting(crd->object)) return;
  cluster.write_status(*crd_type, crd->object, crd_status(crd->object));
}

void remove_custom_objects(Cluster& cluster, const std::string& storage_key) {
  const Store::Table* table = cluster.store().table(storage_key);
  if (!table) return;
  std::vector<ObjectPtr> objects;
  for (const auto& [row, object] : *table) objects.push_back(object);
  // The kind is no longer served: the objects go under a type made from the storage key.
  ResourceType gone;
  auto slash = storage_key.find('/');
  gone.group = storage_key.substr(0, slash);
  gone.plural = storage_key.substr(slash + 1);
  gone.custom = true;
  for (const auto& object : objects) {
    gone.kind = object->object.value("kind", "");
    gone.namespaced = !namespace_of(object->object).empty();
    cluster.delete_now(gone, namespace_of(object->object), name_of(object->object));
  }
}

}  // namespace fakekube
