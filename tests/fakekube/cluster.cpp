// The Cluster's plumbing: lookups, commits, reads (get, list, watch), the controllers' work
// queue, the kubelet thread and the test-control entry points. Writes are in cluster_write.cpp,
// deletion in cluster_delete.cpp, controllers in controllers/.
#include "tests/fakekube/cluster.hpp"

#include <iostream>

#include "tests/fakekube/api_error.hpp"
#include "tests/fakekube/controllers/controllers.hpp"
#include "tests/fakekube/crd.hpp"
#include "tests/fakekube/object_meta.hpp"
#include "tests/fakekube/paging.hpp"
#include "tests/fakekube/pod_status.hpp"

namespace fakekube {

using nlohmann::json;

OperationScope::OperationScope(const Cluster& cluster)
    : cluster_(const_cast<Cluster&>(cluster)), lock_(cluster.mutex_) {
  ++cluster_.depth_;
}

OperationScope::~OperationScope() {
  if (cluster_.depth_ == 1 && !cluster_.draining_) cluster_.drain();
  --cluster_.depth_;
}

Cluster::Cluster(ClusterOptions options) : options_(std::move(options)) {
  OperationScope op(*this);
  for (const char* ns : {"default", "kube-system", "kube-public", "kube-node-lease"}) {
    WriteContext ctx;
    ctx.internal = true;
    create_locked(*type_for_resource("", "v1", "namespaces"), "",
                  {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", ns}}}}, ctx,
                  false);
  }
  seed_nodes();
}

Cluster::~Cluster() {
  stop();
}

void Cluster::seed_nodes() {
  for (int i = 1; i <= options_.nodes; ++i) {
    std::string name = "fakekube-node-" + std::to_string(i);
    std::string ip = "10.0.0." + std::to_string(i + 1);
    json capacity = {{"cpu", options_.node_cpu},
                     {"memory", options_.node_memory},
                     {"pods", "110"},
                     {"ephemeral-storage", "100Gi"}};
    json node = {{"apiVersion", "v1"},
                 {"kind", "Node"},
                 {"metadata",
                  {{"name", name},
                   {"labels",
                    {{"kubernetes.io/hostname", name},
                     {"kubernetes.io/os", "linux"},
                     {"kubernetes.io/arch", "amd64"},
                     {"beta.kubernetes.io/os", "linux"},
                     {"beta.kubernetes.io/arch", "amd64"}}}}},
                 {"spec", json::object()},
                 {"status",
                  {{"capacity", capacity},
                   {"allocatable", capacity},
                   {"addresses", json::array({{{"type", "InternalIP"}, {"address", ip}},
                                              {{"type", "Hostname"}, {"address", name}}})},
                   {"conditions", json::array({{{"type", "Ready"},
                                                {"status", "True"},
                                                {"reason", "KubeletReady"},
                                                {"message", "kubelet is posting ready status"},
                                                {"lastHeartbeatTime", now_rfc3339()},
                                                {"lastTransitionTime", now_rfc3339()}}})},
                   {"nodeInfo",
                    {{"kubeletVersion", options_.kubelet_version},
                     {"kubeProxyVersion", options_.kubelet_version},
                     {"osImage", "fakekube"},
                     {"operatingSystem", "linux"},
                     {"architecture", "amd64"},
                     {"kernelVersion", "6.1.0"},
                     {"containerRuntimeVersion", "containerd://1.7.0"},
                     {"machineID", safe_hash(name)},
                     {"systemUUID", new_uid()},
                     {"bootID", new_uid()}}}}}};
    if (!options_.provider_id.empty()) node["spec"]["providerID"] = options_.provider_id;
    WriteContext ctx;
    ctx.internal = true;
    ctx.seed = true;
    create_locked(*type_for_resource("", "v1", "nodes"), "", node, ctx, false);
  }
}

void Cluster::start_kubelet() {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  if (kubelet_.joinable()) return;
  stopping_ = false;
  kubelet_ = std::thread([this] { kubelet_loop(); });
}

void Cluster::stop() {
  {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    stopping_ = true;
    kubelet_cv_.notify_all();
  }
  if (kubelet_.joinable()) kubelet_.join();
  hub_.close_all();
}

ResourceTypePtr Cluster::type_for_resource(const std::string& group, const std::string& version,
                                           const std::string& plural) const {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  return types_.by_resource(group, version, plural);
}

ResourceTypePtr Cluster::type_for_kind(const std::string& api_version,
                                       const std::string& kind) const {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  return types_.by_kind(api_version, kind);
}

ResourceTypePtr Cluster::storage_type(const std::string& storage_key) const {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  return types_.by_storage_key(storage_key);
}

std::vector<ResourceTypePtr> Cluster::types() const {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  return types_.all();
}

std::uint64_t Cluster::resource_version() const {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  return store_.resource_version();
}

std::size_t Cluster::object_count() const {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  return store_.size();
}

std::string Cluster::text_at(const ResourceType& type, const ObjectPtr& object) const {
  if (!type.custom || object->object.value("apiVersion", "") == type.api_version())
    return object->text;
  json copy = object->object;
  copy["apiVersion"] = type.api_version();
  return copy.dump();
}

ObjectPtr Cluster::commit(const ResourceType& type, json object, const std::string& event,
                          const ObjectPtr& previous) {
  std::uint64_t rv = store_.next_resource_version();
  object["metadata"]["resourceVersion"] = std::to_string(rv);
  auto stored = std::make_shared<const StoredObject>(std::move(object));
  std::string key = type.storage_key();
  if (event == "DELETED") {
    store_.erase(key, namespace_of(stored->object), name_of(stored->object));
  } else {
    store_.put(key, stored);
  }
  hub_.publish({event, key, stored, previous, rv});
  after_commit(type, event, stored);
  return stored;
}

void Cluster::enqueue(const std::string& work) {
  if (queued_.insert(work).second) queue_.push_back(work);
}

void Cluster::drain() {
  draining_ = true;
  std::size_t steps = 0;
  while (!queue_.empty()) {
    std::string work = queue_.front();
    queue_.pop_front();
    queued_.erase(work);
    try {
      run(work);
    } catch (const std::exception& e) {
      std::cerr << "fakekube: controller work " << work << " failed: " << e.what() << "\n";
    }
    if (++steps > 1000000) {
      std::cerr << "fakekube: controllers did not settle; dropping " << queue_.size()
                << " work items\n";
      queue_.clear();
      queued_.clear();
    }
  }
  draining_ = false;
}

void Cluster::run(const std::string& work) {
  auto bar = work.find('|');
  run_controller(*this, work.substr(0, bar), work.substr(bar + 1));
}

void Cluster::after_commit(const ResourceType& type, const std::string& event,
                           const ObjectPtr& object) {
  const json& o = object->object;
  std::string ns = namespace_of(o), name = name_of(o), key = ns + "/" + name;
  if (type.kind == "CustomResourceDefinition" && !type.custom) {
    if (event == "DELETED") {
      std::string storage_key = crd_storage_key(o);
      types_.remove_custom(storage_key);
      enqueue("crd-cleanup|" + storage_key);
    } else {
      types_.set_custom(crd_storage_key(o), crd_resource_types(o));
      enqueue("crd-status|" + name);
    }
  }
  if (!type.custom) {
    const std::string& kind = type.kind;
    if (kind == "Deployment" || kind == "ReplicaSet" || kind == "DaemonSet" ||
        kind == "StatefulSet") {
      std::string lower = kind == "Deployment"   ? "deployment"
                          : kind == "ReplicaSet" ? "replicaset"
                          : kind == "DaemonSet"  ? "daemonset"
                                                 : "statefulset";
      if (event != "DELETED") enqueue(lower + "|" + key);
    }
    if (kind == "ReplicaSet" || kind == "Pod") {
      json ref = controller_ref(o);
      if (ref.is_object()) {
        std::string owner_kind = ref.value("kind", "");
        std::string owner = ns + "/" + ref.value("name", "");
        if (owner_kind == "Deployment") enqueue("deployment|" + owner);
        if (owner_kind == "ReplicaSet") enqueue("replicaset|" + owner);
        if (owner_kind == "DaemonSet") enqueue("daemonset|" + owner);
        if (owner_kind == "StatefulSet") enqueue("statefulset|" + owner);
      }
    }
    if (kind == "Node" && event != "MODIFIED") {
      if (const auto* table = store_.table("apps/daemonsets"))
        for (const auto& [row, ds] : *table) enqueue("daemonset|" + row);
    }
    if (kind == "Namespace" && event == "MODIFIED" && is_deleting(o)) enqueue("namespace|" + name);
  }
  if (event != "DELETED") {
    // Owners that are all gone already (an object created or seeded so) make garbage too: the
    // real collector acts when it sees such an object, not only when an owner goes.
    std::vector<std::string> owners = owner_uids(o);
    bool owner_alive = false;
    for (const auto& owner : owners)
      if (store_.locate(owner)) owner_alive = true;
    if (!owner_alive)
      for (const auto& owner : owners) enqueue("gc|" + owner);
  }
  if (event == "DELETED") {
    enqueue("gc|" + uid_of(o));
    if (!ns.empty()) {
      ObjectPtr namespace_object = store_.get("/namespaces", "", ns);
      if (namespace_object && is_deleting(namespace_object->object)) enqueue("namespace|" + ns);
    }
    for (const auto& owner : owner_uids(o)) {
      if (auto where = store_.locate(owner)) {
        ObjectPtr owner_object = store_.get(where->storage_key, where->ns, where->name);
        if (owner_object && is_deleting(owner_object->object)) enqueue("foreground|" + owner);
      }
    }
  } else if (is_deleting(o)) {
    const json& finalizers = field(o, "/metadata/finalizers");
    if (finalizers.is_array()) {
      for (const auto& f : finalizers) {
        if (f == "foregroundDeletion") enqueue("foreground|" + uid_of(o));
        if (f == "orphan") enqueue("orphan|" + uid_of(o));
      }
    }
  }
}

json Cluster::get(const ResourceType& type, const std::string& ns, const std::string& name) const {
  OperationScope op(*this);
  ObjectPtr object = store_.get(type.storage_key(), type.namespaced ? ns : "", name);
  if (!object) throw not_found(type, name);
  if (type.custom && object->object.value("apiVersion", "") != type.api_version()) {
    json copy = object->object;
    copy["apiVersion"] = type.api_version();
    return copy;
  }
  return object->object;
}

ListPage Cluster::list(const ResourceType& type, const std::string& ns,
                       const ListQuery& query) const {
  LabelSelector labels = LabelSelector::parse(query.label_selector);
  FieldSelector fields = FieldSelector::parse(query.field_selector, type.kind);
  OperationScope op(*this);
  ListPage page;
  page.resource_version = store_.resource_version();
  std::string after;
  if (!query.continue_token.empty()) {
    ContinuePoint point = decode_continue(query.continue_token);
    if (point.generation < continue_generation_) {
      ApiError error = expired(expired_continue_message());
      throw error;
    }
    after = point.after;
    page.resource_version = point.rv;
  }
  const Store::Table* table = store_.table(type.storage_key());
  if (!table) return page;
  std::string scope = type.namespaced && !ns.empty() ? ns + "/" : "";
  auto it = after.empty() ? table->lower_bound(scope) : table->upper_bound(after);
  auto in_scope = [&](const std::string& row) {
    return scope.empty() || row.compare(0, scope.size(), scope) == 0;
  };
  bool plain = labels.empty() && fields.empty();
  for (; it != table->end() && in_scope(it->first); ++it) {
    const json& o = it->second->object;
    if (!plain && !(labels.matches(field(o, "/metadata/labels")) && fields.matches(o))) continue;
    if (query.limit > 0 && static_cast<std::int64_t>(page.items.size()) == query.limit) {
      // At least one more matches: the token continues after the last item returned.
      const json& last = page.items.back()->object;
      page.continue_token =
          encode_continue({page.resource_version, Store::row_key(namespace_of(last), name_of(last)),
                           continue_generation_});
      if (plain) {
        std::int64_t remaining = 0;
        for (auto rest = it; rest != table->end() && in_scope(rest->first); ++rest) ++remaining;
        page.remaining = remaining;
      }
      break;
    }
    page.items.push_back(it->second);
  }
  return page;
}

std::shared_ptr<WatchStream> Cluster::watch(const ResourceType& type, const std::string& ns,
                                            const WatchQuery& query) {
  WatchFilter filter;
  filter.storage_key = type.storage_key();
  filter.ns = type.namespaced ? ns : "";
  filter.labels = LabelSelector::parse(query.label_selector);
  filter.fields = FieldSelector::parse(query.field_selector, type.kind);
  OperationScope op(*this);
  std::optional<std::uint64_t> from;
  std::vector<ObjectPtr> initial;
  if (query.resource_version.empty() || query.resource_version == "0") {
    from = store_.resource_version();
    if (const Store::Table* table = store_.table(filter.storage_key)) {
      std::string scope = filter.ns.empty() ? "" : filter.ns + "/";
      for (auto it = table->lower_bound(scope);
           it != table->end() && (scope.empty() || it->first.compare(0, scope.size(), scope) == 0);
           ++it)
        initial.push_back(it->second);
    }
  } else {
    try {
      size_t used = 0;
      from = std::stoull(query.resource_version, &used);
      if (used != query.resource_version.size()) throw std::invalid_argument("rv");
    } catch (const std::exception&) {
      throw bad_request("invalid resource version: " + query.resource_version);
    }
  }
  return hub_.subscribe(std::move(filter), from, initial);
}

void Cluster::unwatch(const std::shared_ptr<WatchStream>& stream) {
  hub_.unsubscribe(stream);
}

void Cluster::write_status(const ResourceType& type, const json& object, const json& status) {
  OperationScope op(*this);
  ObjectPtr current = store_.get(type.storage_key(), namespace_of(object), name_of(object));
  if (!current || current->object.value("status", json()) == status) return;
  json next = current->object;
  next["status"] = status;
  commit(type, std::move(next), "MODIFIED", current);
}

void Cluster::write_object(const ResourceType& type, json object) {
  OperationScope op(*this);
  ObjectPtr current = store_.get(type.storage_key(), namespace_of(object), name_of(object));
  if (!current) return;
  if (current->object.contains("status")) object["status"] = current->object["status"];
  object["metadata"]["resourceVersion"] = current->object["metadata"]["resourceVersion"];
  if (object == current->object) return;
  if (is_deleting(object)) {
    const json& finalizers = field(object, "/metadata/finalizers");
    if (!finalizers.is_array() || finalizers.empty()) {
      commit(type, std::move(object), "DELETED", current);
      return;
    }
  }
  commit(type, std::move(object), "MODIFIED", current);
}

void Cluster::delete_now(const ResourceType& type, const std::string& ns, const std::string& name) {
  OperationScope op(*this);
  ObjectPtr current = store_.get(type.storage_key(), ns, name);
  if (current) commit(type, current->object, "DELETED", current);
}

void Cluster::schedule_ready(const std::string& ns, const std::string& name,
                             std::chrono::steady_clock::time_point when) {
  ready_timers_.emplace(when, std::make_pair(ns, name));
  kubelet_cv_.notify_all();
}

void Cluster::kubelet_loop() {
  std::unique_lock<std::recursive_mutex> lock(mutex_);
  std::uint64_t ip_sequence = 0;
  while (!stopping_) {
    if (ready_timers_.empty()) {
      kubelet_cv_.wait(lock);
      continue;
    }
    auto due = ready_timers_.begin()->first;
    if (std::chrono::steady_clock::now() < due) {
      kubelet_cv_.wait_until(lock, due);
      continue;
    }
    OperationScope op(*this);
    auto pod_type = types_.by_resource("", "v1", "pods");
    while (!ready_timers_.empty() &&
           ready_timers_.begin()->first <= std::chrono::steady_clock::now()) {
      auto [ns, name] = ready_timers_.begin()->second;
      ready_timers_.erase(ready_timers_.begin());
      ObjectPtr pod = store_.get("/pods", ns, name);
      if (!pod || is_deleting(pod->object) || string_at(pod->object, "/status/phase") != "Pending")
        continue;
      if (!failing_reason(*this, pod->object).empty()) continue;
      write_status(*pod_type, pod->object, running_pod_status(pod->object, ++ip_sequence));
    }
  }
}

json Cluster::seed(const json& object) {
  if (!object.is_object()) throw bad_request("fakekube: seed needs an object");
  OperationScope op(*this);
  auto type = types_.by_kind(object.value("apiVersion", ""), object.value("kind", ""));
  if (!type)
    throw bad_request("fakekube: seed: no kind " + object.value("kind", "") + " in " +
                      object.value("apiVersion", ""));
  WriteContext ctx;
  ctx.seed = true;
  ctx.internal = true;
  std::string ns = namespace_of(object);
  if (type->namespaced && ns.empty()) ns = "default";
  if (store_.get(type->storage_key(), type->namespaced ? ns : "", name_of(object)))
    return update_locked(*type, ns, name_of(object), object, ctx, "", false);
  return create_locked(*type, ns, object, ctx, false);
}

std::optional<json> Cluster::find(const std::string& api_version, const std::string& kind,
                                  const std::string& ns, const std::string& name) const {
  OperationScope op(*this);
  auto type = types_.by_kind(api_version, kind);
  if (!type) return std::nullopt;
  ObjectPtr object = store_.get(type->storage_key(), type->namespaced ? ns : "", name);
  if (!object) return std::nullopt;
  return json::parse(text_at(*type, object));
}

std::vector<json> Cluster::find_all(const std::string& api_version, const std::string& kind,
                                    const std::string& ns) const {
  OperationScope op(*this);
  std::vector<json> out;
  auto type = types_.by_kind(api_version, kind);
  if (!type) return out;
  const Store::Table* table = store_.table(type->storage_key());
  if (!table) return out;
  for (const auto& [row, object] : *table)
    if (ns.empty() || !type->namespaced || namespace_of(object->object) == ns)
      out.push_back(json::parse(text_at(*type, object)));
  return out;
}

void Cluster::expire_continue_tokens() {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  ++continue_generation_;
}

void Cluster::compact_watch_history() {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  hub_.compact(store_.resource_version());
}

void Cluster::fail_pods(const FailRule& rule) {
  OperationScope op(*this);
  fail_rules_.push_back(rule);
  auto pod_type = types_.by_resource("", "v1", "pods");
  const Store::Table* table = store_.table("/pods");
  if (!table) return;
  std::vector<ObjectPtr> pods;
  for (const auto& [row, pod] : *table) pods.push_back(pod);
  for (const auto& pod : pods) {
    std::string reason = failing_reason(*this, pod->object);
    if (!reason.empty() && !is_deleting(pod->object))
      write_status(*pod_type, pod->object, failing_pod_status(pod->object, reason));
  }
}

}  // namespace fakekube
