// DELETE: preconditions, finalizers (the object stays with a deletionTimestamp while any
// remain), propagation policies (Orphan and Foreground become the finalizers the garbage
// collector works through), and namespace deletion (Terminating, then its content goes).
#include "tests/fakekube/api_error.hpp"
#include "tests/fakekube/cluster.hpp"
#include "tests/fakekube/object_meta.hpp"

namespace fakekube {

using nlohmann::json;

DeleteResult Cluster::remove(const ResourceType& type, const std::string& ns,
                             const std::string& name, const DeleteOptions& options,
                             const WriteContext& ctx) {
  OperationScope op(*this);
  std::string row_ns = type.namespaced ? ns : "";
  ObjectPtr current = store_.get(type.storage_key(), row_ns, name);
  if (!current) throw not_found(type, name);
  const json& object = current->object;
  if (options.precondition_uid && *options.precondition_uid != uid_of(object))
    throw conflict(type, name,
                   "Precondition failed: UID in precondition: " + *options.precondition_uid +
                       ", UID in object meta: " + uid_of(object));
  std::string rv = string_at(object, "/metadata/resourceVersion");
  if (options.precondition_rv && *options.precondition_rv != rv)
    throw conflict(type, name,
                   "Precondition failed: ResourceVersion in precondition: " +
                       *options.precondition_rv + ", ResourceVersion in object meta: " + rv);
  json shown = json::parse(text_at(type, current));
  if (ctx.dry_run) return {shown, false};
  if (is_deleting(object)) return {shown, false};

  json next = object;
  next["metadata"]["deletionTimestamp"] = now_rfc3339();
  next["metadata"]["deletionGracePeriodSeconds"] = 0;
  if (type.kind == "Namespace" && !type.custom) {
    next["status"]["phase"] = "Terminating";
    ObjectPtr stored = commit(type, std::move(next), "MODIFIED", current);
    return {json::parse(text_at(type, stored)), false};
  }
  json finalizers = field(object, "/metadata/finalizers");
  if (!finalizers.is_array()) finalizers = json::array();
  auto add = [&](const char* finalizer) {
    if (std::find(finalizers.begin(), finalizers.end(), finalizer) == finalizers.end())
      finalizers.push_back(finalizer);
  };
  bool has_dependents = !store_.dependents(uid_of(object)).empty();
  if (options.propagation == "Orphan" && has_dependents) add("orphan");
  if (options.propagation == "Foreground" && has_dependents) add("foregroundDeletion");
  if (!finalizers.empty()) {
    next["metadata"]["finalizers"] = finalizers;
    ObjectPtr stored = commit(type, std::move(next), "MODIFIED", current);
    return {json::parse(text_at(type, stored)), false};
  }
  commit(type, object, "DELETED", current);
  return {shown, true};
}

}  // namespace fakekube
