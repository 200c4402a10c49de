#pragma once
// The simulated cluster: object semantics of the API server (create, update, patch, apply,
// delete, get, list, watch) over the Store, plus the controllers that react to changes
// (Deployments -> ReplicaSets -> Pods, DaemonSets, StatefulSets, namespace deletion, garbage
// collection, CRD registration) and a kubelet that turns pods Running and Ready after a delay.
//
// One recursive lock guards everything. A write commits, then the controllers' work queue is
// drained before the outermost operation returns, so a test that writes and then reads sees the
// controllers' effect (except pod readiness, which follows `pod_ready_delay`).
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/fakekube/resource_types.hpp"
#include "tests/fakekube/store.hpp"
#include "tests/fakekube/watch_hub.hpp"

namespace fakekube {

struct ClusterOptions {
  int nodes = 1;
  std::string node_cpu = "8";
  std::string node_memory = "32Gi";
  std::string kubelet_version = "v1.30.0";
  std::string provider_id;
  std::chrono::milliseconds pod_ready_delay{100};
};

struct WriteContext {
  std::string user = "admin";
  std::string manager;  // the field manager (fieldManager, or from the User-Agent)
  bool dry_run = false;
  bool force = false;     // server-side apply: take conflicting fields
  bool internal = false;  // a controller's write: no managed fields
  bool seed = false;      // test seeding: status kept as given, replaces an existing object
};

struct DeleteOptions {
  std::string propagation;  // "", "Orphan", "Background", "Foreground"
  std::optional<std::string> precondition_uid;
  std::optional<std::string> precondition_rv;
  bool dry_run = false;
};

struct ListQuery {
  std::string label_selector;
  std::string field_selector;
  std::int64_t limit = 0;
  std::string continue_token;
};

struct ListPage {
  std::vector<ObjectPtr> items;
  std::uint64_t resource_version = 0;
  std::string continue_token;
  std::optional<std::int64_t> remaining;
};

struct WatchQuery {
  std::string label_selector;
  std::string field_selector;
  std::string resource_version;  // "" or "0": start with the current state
};

enum class PatchType { kJson, kMerge, kStrategic, kApply };

// What deleting did: the object as it is now (with deletionTimestamp if it stays).
struct DeleteResult {
  nlohmann::json object;
  bool gone = false;
};

// Which pods the kubelet keeps failing (Server::fail_pods).
struct FailRule {
  std::string ns;
  std::string name_prefix;
  std::string reason;
};

class Cluster {
 public:
  explicit Cluster(ClusterOptions options);
  ~Cluster();
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  void start_kubelet();
  void stop();  // stops the kubelet and closes every watch

  // --- types ---
  ResourceTypePtr type_for_resource(const std::string& group, const std::string& version,
                                    const std::string& plural) const;
  ResourceTypePtr type_for_kind(const std::string& api_version, const std::string& kind) const;
  std::vector<ResourceTypePtr> types() const;

  // --- API operations (throw ApiError) ---
  nlohmann::json create(const ResourceType& type, const std::string& ns, nlohmann::json body,
                        const WriteContext& ctx);
  nlohmann::json update(const ResourceType& type, const std::string& ns, const std::string& name,
                        nlohmann::json body, const WriteContext& ctx,
                        const std::string& subresource = "");
  nlohmann::json patch(const ResourceType& type, const std::string& ns, const std::string& name,
                       PatchType patch_type, const std::string& body, const WriteContext& ctx,
                       const std::string& subresource = "");
  DeleteResult remove(const ResourceType& type, const std::string& ns, const std::string& name,
                      const DeleteOptions& options, const WriteContext& ctx);
  nlohmann::json get(const ResourceType& type, const std::string& ns,
                     const std::string& name) const;
  ListPage list(const ResourceType& type, const std::string& ns, const ListQuery& query) const;
  // nullptr when the resourceVersion is too old (the caller sends a 410 ERROR event).
  std::shared_ptr<WatchStream> watch(const ResourceType& type, const std::string& ns,
                                     const WatchQuery& query);
  void unwatch(const std::shared_ptr<WatchStream>& stream);
  std::uint64_t resource_version() const;
  // The object's JSON text at the version of `type` (custom resources may be stored at another).
  std::string text_at(const ResourceType& type, const ObjectPtr& object) const;

  // --- test control ---
  nlohmann::json seed(const nlohmann::json& object);
  std::optional<nlohmann::json> find(const std::string& api_version, const std::string& kind,
                                     const std::string& ns, const std::string& name) const;
  std::vector<nlohmann::json> find_all(const std::string& api_version, const std::string& kind,
                                       const std::string& ns) const;
  void expire_continue_tokens();
  void compact_watch_history();
  void close_watches() { hub_.close_all(); }
  void fail_pods(const FailRule& rule);
  std::size_t object_count() const;

  // --- for controllers (the lock is held by the caller's operation) ---
  Store& store() { return store_; }
  const ClusterOptions& options() const { return options_; }
  std::recursive_mutex& mutex() const { return mutex_; }
  void enqueue(const std::string& work);  // "<controller>|<key>", deduplicated
  const std::vector<FailRule>& fail_rules() const { return fail_rules_; }
  void schedule_ready(const std::string& ns, const std::string& name,
                      std::chrono::steady_clock::time_point when);
  // Writes status as the controllers do (no managed fields, no status subresource rules).
  void write_status(const ResourceType& type, const nlohmann::json& object,
                    const nlohmann::json& status);
  // Replaces an object as a controller (metadata or spec changes), keeping its status.
  void write_object(const ResourceType& type, nlohmann::json object);
  // Removes an object now, whatever its finalizers (namespace and CRD cleanup).
  void delete_now(const ResourceType& type, const std::string& ns, const std::string& name);
  ResourceTypePtr storage_type(const std::string& storage_key) const;

 private:
  friend class OperationScope;

  ObjectPtr commit(const ResourceType& type, nlohmann::json object, const std::string& event,
                   const ObjectPtr& previous);
  void finalize_deletion(const ResourceType& type, const ObjectPtr& current);
  nlohmann::json create_locked(const ResourceType& type, const std::string& ns, nlohmann::json body,
                               const WriteContext& ctx, bool managed_fields_done);
  nlohmann::json update_locked(const ResourceType& type, const std::string& ns,
                               const std::string& name, nlohmann::json body,
                               const WriteContext& ctx, const std::string& subresource,
                               bool managed_fields_done);
  nlohmann::json apply_locked(const ResourceType& type, const std::string& ns,
                              const std::string& name, const std::string& body,
                              const WriteContext& ctx, const std::string& subresource);
  void check_namespace(const ResourceType& type, const std::string& ns, const std::string& name,
                       bool creating) const;
  void after_commit(const ResourceType& type, const std::string& event, const ObjectPtr& object);
  void drain();
  void run(const std::string& work);
  void kubelet_loop();
  void seed_nodes();

  ClusterOptions options_;
  mutable std::recursive_mutex mutex_;
  int depth_ = 0;  // nesting of operations; the outermost drains the work queue
  bool draining_ = false;
  ResourceTypes types_;
  Store store_;
  WatchHub hub_;
  std::deque<std::string> queue_;
  std::set<std::string> queued_;
  std::uint64_t continue_generation_ = 0;
  std::vector<FailRule> fail_rules_;

  std::multimap<std::chrono::steady_clock::time_point, std::pair<std::string, std::string>>
      ready_timers_;
  std::condition_variable_any kubelet_cv_;
  std::thread kubelet_;
  bool stopping_ = false;
};

// Holds the cluster lock for one operation; the outermost one drains the controllers' queue.
class OperationScope {
 public:
  explicit OperationScope(const Cluster& cluster);
  ~OperationScope();
  OperationScope(const OperationScope&) = delete;
  OperationScope& operator=(const OperationScope&) = delete;

 private:
  Cluster& cluster_;
  std::unique_lock<std::recursive_mutex> lock_;
};

}  // namespace fakekube
