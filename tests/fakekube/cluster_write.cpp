// Create, update (PUT), patch and server-side apply: the write path with its checks,
// defaulting, validation, admission (scheduling, sidecar injection, service IPs), generation and
// managed-fields bookkeeping, in the order the real server applies them.
#include <atomic>

#include "core/kube/strategic_merge.hpp"
#include "core/manifest/yaml.hpp"
#include "core/ui/error.hpp"
#include "tests/fakekube/api_error.hpp"
#include "tests/fakekube/apply.hpp"
#include "tests/fakekube/cluster.hpp"
#include "tests/fakekube/controllers/controllers.hpp"
#include "tests/fakekube/defaults.hpp"
#include "tests/fakekube/injection.hpp"
#include "tests/fakekube/managed_fields.hpp"
#include "tests/fakekube/object_meta.hpp"
#include "tests/fakekube/pod_status.hpp"
#include "tests/fakekube/validation.hpp"

namespace fakekube {

using nlohmann::json;

namespace {

bool has_generation(const ResourceType& type) {
  if (type.custom) return true;
  static const std::set<std::string> kinds = {"Deployment",
                                              "ReplicaSet",
                                              "DaemonSet",
                                              "StatefulSet",
                                              "Job",
                                              "CronJob",
                                              "PodDisruptionBudget",
                                              "HorizontalPodAutoscaler",
                                              "CustomResourceDefinition",
                                              "MutatingWebhookConfiguration",
                                              "ValidatingWebhookConfiguration",
                                              "NetworkPolicy"};
  return kinds.count(type.kind) > 0;
}

// Everything but metadata and status: what a generation counts changes of.
json spec_part(const json& object) {
  json out = object;
  out.erase("metadata");
  out.erase("status");
  out.erase("apiVersion");
  out.erase("kind");
  return out;
}

json without_times(json object) {
  json& entries = object["metadata"]["managedFields"];
  if (entries.is_array())
    for (auto& e : entries) e.erase("time");
  return object;
}

void check_type(const ResourceType& type, json& body) {
  if (!body.is_object()) throw bad_request("the request body must be a JSON or YAML object");
  std::string api_version = body.value("apiVersion", "");
  std::string kind = body.value("kind", "");
  if (!kind.empty() && kind != type.kind)
    throw bad_request("the kind in the data (" + kind + ") does not match the expected kind (" +
                      type.kind + ")");
  if (!api_version.empty() && api_version != type.api_version())
    throw bad_request("the API version in the data (" + api_version +
                      ") does not match the expected API version (" + type.api_version() + ")");
  body["apiVersion"] = type.api_version();
  body["kind"] = type.kind;
  if (!body.contains("metadata") || !body["metadata"].is_object())
    body["metadata"] = json::object();
}

void check_namespace_field(const ResourceType& type, json& body, const std::string& ns) {
  json& meta = body["metadata"];
  if (!type.namespaced) {
    meta.erase("namespace");
    return;
  }
  std::string given = meta.value("namespace", "");
  if (!given.empty() && given != ns)
    throw bad_request(
        "the namespace of the provided object does not match the namespace sent on the request");
  meta["namespace"] = ns;
}

std::string ip_of(const json& node) {
  for (const auto& a : field(node, "/status/addresses"))
    if (a.is_object() && a.value("type", "") == "InternalIP") return a.value("address", "");
  return "";
}

std::atomic<std::uint64_t> service_sequence{0};
std::atomic<std::uint64_t> schedule_sequence{0};

}  // namespace

void Cluster::check_namespace(const ResourceType& type, const std::string& ns,
                              const std::string& name, bool creating) const {
  if (!type.namespaced) return;
  ObjectPtr namespace_object = store_.get("/namespaces", "", ns);
  if (!namespace_object) throw namespace_not_found(ns);
  if (creating && is_deleting(namespace_object->object))
    throw namespace_terminating(type, name, ns);
}

json Cluster::create(const ResourceType& type, const std::string& ns, json body,
                     const WriteContext& ctx) {
  OperationScope op(*this);
  return create_locked(type, ns, std::move(body), ctx, false);
}

json Cluster::create_locked(const ResourceType& type, const std::string& ns, json body,
                            const WriteContext& ctx, bool managed_fields_done) {
  check_type(type, body);
  validate_decoding(type, body);
  check_namespace_field(type, body, ns);
  json& meta = body["metadata"];
  std::string name = meta.value("name", "");
  if (name.empty()) {
    std::string generate = meta.value("generateName", "");
    if (generate.empty())
      throw invalid(type.kind, type.group, "",
                    {{"FieldValueRequired", "metadata.name",
                      "Required value: name or generateName is required"}});
    name = generate + random_suffix();
    for (int attempt = 0; store_.get(type.storage_key(), ns, name) && attempt < 10; ++attempt)
      name = generate + random_suffix();
    meta["name"] = name;
  }
  validate_name(type, name);
  std::string row_ns = type.namespaced ? ns : "";
  check_namespace(type, row_ns, name, true);
  if (store_.get(type.storage_key(), row_ns, name)) {
    if (ctx.seed) return update_locked(type, ns, name, body, ctx, "", managed_fields_done);
    throw already_exists(type, name);
  }

  for (const char* key : {"resourceVersion", "selfLink", "deletionGracePeriodSeconds"})
    meta.erase(key);
  if (!ctx.seed)
    for (const char* key : {"uid", "creationTimestamp", "generation", "deletionTimestamp"})
      meta.erase(key);
  if (!managed_fields_done) meta.erase("managedFields");
  if (type.status_subresource && !ctx.seed) body.erase("status");
  if (!type.custom) apply_defaults(body, type.kind);
  validate_object(type, body, nullptr);

  if (type.kind == "Pod" && !type.custom) {
    bool seeded_status = ctx.seed && field(body, "/status/phase").is_string();
    if (!seeded_status) {
      std::string host_ip;
      const Store::Table* nodes = store_.table("/nodes");
      std::string node_name = string_at(body, "/spec/nodeName");
      if (node_name.empty() && nodes && !nodes->empty()) {
        auto it = nodes->begin();
        std::advance(it, static_cast<long>(schedule_sequence++ % nodes->size()));
        node_name = name_of(it->second->object);
        body["spec"]["nodeName"] = node_name;
      }
      if (ObjectPtr node = store_.get("/nodes", "", node_name)) host_ip = ip_of(node->object);
      InjectionContext injection;
      ObjectPtr namespace_object = store_.get("/namespaces", "", ns);
      injection.namespace_labels = labels_of(namespace_object->object);
      ObjectPtr injector = store_.get("/configmaps", "istio-system", "istio-sidecar-injector");
      ObjectPtr mesh = store_.get("/configmaps", "istio-system", "istio");
      if (injector) injection.injector_config_map = &injector->object;
      if (mesh) injection.mesh_config_map = &mesh->object;
      inject_sidecar(body, injection);
      std::string reason = failing_reason(*this, body);
      if (!reason.empty()) {
        body["status"] = failing_pod_status(body, reason);
      } else {
        body["status"] = pending_pod_status(body, host_ip);
        if (!host_ip.empty() && !ctx.dry_run)
          schedule_ready(ns, name, std::chrono::steady_clock::now() + options_.pod_ready_delay);
      }
    }
  }
  if (type.kind == "Service" && !type.custom) {
    json& spec = body["spec"];
    if (spec.value("type", "") != "ExternalName" && !spec.contains("clusterIP")) {
      std::string ip = service_ip(++service_sequence);
      spec["clusterIP"] = ip;
      spec["clusterIPs"] = json::array({ip});
    }
    if (spec.value("type", "") == "LoadBalancer" && !ctx.seed)
      body["status"] = {
          {"loadBalancer",
           {{"ingress", json::array({{{"ip", "172.18.255." +
                                                 std::to_string(service_sequence % 250 + 1)}}})}}}};
  }
  if (type.kind == "Namespace" && !type.custom && !ctx.seed) body["status"] = {{"phase", "Active"}};

  if (!meta.contains("uid")) meta["uid"] = new_uid();
  if (!meta.contains("creationTimestamp")) meta["creationTimestamp"] = now_rfc3339();
  if (has_generation(type) && !meta.contains("generation")) meta["generation"] = 1;
  if (!ctx.internal && !managed_fields_done)
    record_update(body, nullptr, ctx.manager, type.api_version(), "", type.kind);
  if (ctx.dry_run) return body;
  if (type.custom) body["apiVersion"] = type.group + "/" + type.storage_version;
  ObjectPtr stored = commit(type, std::move(body), "ADDED", nullptr);
  return json::parse(text_at(type, stored));
}

json Cluster::update(const ResourceType& type, const std::string& ns, const std::string& name,
                     json body, const WriteContext& ctx, const std::string& subresource) {
  OperationScope op(*this);
  return update_locked(type, ns, name, std::move(body), ctx, subresource, false);
}

json Cluster::update_locked(const ResourceType& type, const std::string& ns,
                            const std::string& name, json body, const WriteContext& ctx,
                            const std::string& subresource, bool managed_fields_done) {
  check_type(type, body);
  validate_decoding(type, body);
  check_namespace_field(type, body, ns);
  json& meta = body["metadata"];
  std::string given_name = meta.value("name", "");
  if (!given_name.empty() && given_name != name)
    throw bad_request("the name of the object (" + given_name +
                      ") does not match the name on the URL (" + name + ")");
  meta["name"] = name;
  std::string row_ns = type.namespaced ? ns : "";
  ObjectPtr current = store_.get(type.storage_key(), row_ns, name);
  if (!current) {
    check_namespace(type, row_ns, name, false);
    throw not_found(type, name);
  }
  const json& old = current->object;
  const json& old_meta = old["metadata"];
  std::string given_rv = meta.value("resourceVersion", "");
  if (!ctx.seed && !given_rv.empty() && given_rv != old_meta.value("resourceVersion", ""))
    throw modified_conflict(type, name);
  std::string given_uid = meta.value("uid", "");
  if (!ctx.seed && !given_uid.empty() && given_uid != old_meta.value("uid", ""))
    throw conflict(type, name,
                   "Precondition failed: UID in precondition: " + given_uid +
                       ", UID in object meta: " + old_meta.value("uid", ""));

  json next;
  if (subresource == "status") {
    next = old;
    if (body.contains("status"))
      next["status"] = body["status"];
    else
      next.erase("status");
    if (managed_fields_done && meta.contains("managedFields"))
      next["metadata"]["managedFields"] = meta["managedFields"];
  } else {
    next = std::move(body);
    json& next_meta = next["metadata"];
    std::vector<const char*> kept = {"creationTimestamp", "deletionTimestamp",
                                     "deletionGracePeriodSeconds", "generation", "uid"};
    for (const char* key : kept) {
      if (ctx.seed && next_meta.contains(key) && std::string(key) != "deletionTimestamp") continue;
      if (old_meta.contains(key))
        next_meta[key] = old_meta[key];
      else
        next_meta.erase(key);
    }
    if (!managed_fields_done) {
      if (old_meta.contains("managedFields"))
        next_meta["managedFields"] = old_meta["managedFields"];
      else
        next_meta.erase("managedFields");
    }
    if (type.status_subresource && !ctx.seed) {
      if (old.contains("status"))
        next["status"] = old["status"];
      else
        next.erase("status");
    }
    if (!type.custom) apply_defaults(next, type.kind);
    if (type.kind == "Service" && !type.custom && old.contains("spec")) {
      for (const char* key : {"clusterIP", "clusterIPs"})
        if (!next["spec"].contains(key) && old["spec"].contains(key))
          next["spec"][key] = old["spec"][key];
    }
    validate_object(type, next, &old);
  }
  next["metadata"]["resourceVersion"] = old_meta.value("resourceVersion", "");
  if (has_generation(type) && subresource != "status") {
    std::int64_t generation = old_meta.value("generation", std::int64_t{1});
    json old_spec = spec_part(old), next_spec = spec_part(next);
    if (type.custom) {
      old_spec.erase("apiVersion");
      next_spec.erase("apiVersion");
    }
    if (old_spec != next_spec) ++generation;
    next["metadata"]["generation"] = generation;
  }
  if (!ctx.internal && !managed_fields_done)
    record_update(next, &old, ctx.manager, type.api_version(), subresource, type.kind);
  if (type.custom) next["apiVersion"] = type.group + "/" + type.storage_version;

  if (is_deleting(next)) {
    const json& finalizers = field(next, "/metadata/finalizers");
    if (!finalizers.is_array() || finalizers.empty()) {
      if (ctx.dry_run) return next;
      ObjectPtr last = commit(type, next, "DELETED", current);
      return json::parse(text_at(type, last));
    }
  }
  if (without_times(next) == without_times(old)) return json::parse(text_at(type, current));
  if (ctx.dry_run) return next;
  ObjectPtr stored = commit(type, std::move(next), "MODIFIED", current);
  return json::parse(text_at(type, stored));
}

json Cluster::patch(const ResourceType& type, const std::string& ns, const std::string& name,
                    PatchType patch_type, const std::string& body, const WriteContext& ctx,
                    const std::string& subresource) {
  OperationScope op(*this);
  if (patch_type == PatchType::kApply) return apply_locked(type, ns, name, body, ctx, subresource);
  if (patch_type == PatchType::kStrategic &&
      (type.custom || !kyma::kube::MergeSchema::supports(type.kind)))
    throw unsupported_media_type(
        "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
  std::string row_ns = type.namespaced ? ns : "";
  ObjectPtr current = store_.get(type.storage_key(), row_ns, name);
  if (!current) {
    check_namespace(type, row_ns, name, false);
    throw not_found(type, name);
  }
  json original = json::parse(text_at(type, current));
  json patch_json = json::parse(body, nullptr, false);
  if (patch_json.is_discarded()) throw bad_request("error decoding patch: invalid JSON");
  json patched;
  try {
    switch (patch_type) {
      case PatchType::kJson:
        if (!patch_json.is_array())
          throw bad_request("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        patched = original.patch(patch_json);
        break;
      case PatchType::kMerge:
        patched = original;
        patched.merge_patch(patch_json);
        break;
      case PatchType::kStrategic:
        patched = kyma::kube::strategic_merge(original, patch_json, type.kind);
        break;
      case PatchType::kApply:
        break;
    }
  } catch (const ApiError&) {
    throw;
  } catch (const kyma::Error& e) {
    throw bad_request(e.what());
  } catch (const json::exception& e) {
    throw ApiError(422, "Invalid",
                   "the server rejected our request due to an error in our request");
  }
  if (!patched.is_object()) throw bad_request("the patch did not result in an object");
  if (!patched.contains("metadata") || !patched["metadata"].is_object())
    patched["metadata"] = json::object();
  // Without a resourceVersion in the patch itself, a patch is unconditional.
  bool pinned = field(patch_json, "/metadata/resourceVersion").is_string();
  if (!pinned)
    patched["metadata"]["resourceVersion"] = string_at(original, "/metadata/resourceVersion");
  return update_locked(type, ns, name, std::move(patched), ctx, subresource, false);
}

json Cluster::apply_locked(const ResourceType& type, const std::string& ns, const std::string& name,
                           const std::string& body, const WriteContext& ctx,
                           const std::string& subresource) {
  if (ctx.manager.empty())
    throw invalid(
        "PatchOptions", "meta.k8s.io", "",
        {{"FieldValueRequired", "fieldManager", "Required value: is required for apply patch"}});
  json applied = json::parse(body, nullptr, false);
  if (applied.is_discarded()) {
    try {
      applied = kyma::manifest::parse_yaml(body, "apply patch");
    } catch (const std::exception& e) {
      throw bad_request(std::string("error decoding YAML: ") + e.what());
    }
  }
  if (!applied.is_object()) throw bad_request("the applied configuration must be an object");
  if (applied.value("apiVersion", "").empty() || applied.value("kind", "").empty())
    throw bad_request("invalid object type: /, Kind=");
  check_type(type, applied);
  validate_decoding(type, applied);
  std::string given_name = string_at(applied, "/metadata/name");
  if (given_name != name)
    throw bad_request("the name of the object (" + given_name +
                      ") does not match the name on the URL (" + name + ")");
  check_namespace_field(type, applied, ns);
  std::string row_ns = type.namespaced ? ns : "";
  ObjectPtr current = store_.get(type.storage_key(), row_ns, name);
  json& meta = applied["metadata"];
  std::string given_rv = meta.value("resourceVersion", "");
  if (current && !given_rv.empty() &&
      given_rv != string_at(current->object, "/metadata/resourceVersion"))
    throw modified_conflict(type, name);
  for (const char* key : {"managedFields", "resourceVersion", "uid", "creationTimestamp",
                          "generation", "deletionTimestamp", "selfLink"})
    meta.erase(key);

  json live;
  if (current) live = json::parse(text_at(type, current));
  ApplyInput input;
  input.live = current ? &live : nullptr;
  input.applied = applied;
  input.manager = ctx.manager;
  input.force = ctx.force;
  input.kind = type.kind;
  input.api_version = type.api_version();
  input.subresource = subresource;
  input.ignore_status = type.status_subresource;
  json merged = server_side_apply(input);
  if (!current) {
    if (!subresource.empty()) throw not_found(type, name);
    return create_locked(type, ns, std::move(merged), ctx, true);
  }
  return update_locked(type, ns, name, std::move(merged), ctx, subresource, true);
}

}  // namespace fakekube
