#pragma once
// Plain types shared by discovery, the resource client, watch and the waiting helpers.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kyma::kube {

// One served resource (an entry of an APIResourceList).
struct ResourceInfo {
  std::string group{};     // "" for the core group
  std::string version{};   // "v1"
  std::string resource{};  // plural: "deployments"
  std::string kind{};      // "Deployment"
  bool namespaced = true;
  std::vector<std::string> verbs{};

  std::string api_version() const { return group.empty() ? version : group + "/" + version; }
  // "deployments.apps", "pods": as kubectl names a resource in messages.
  std::string group_resource() const { return group.empty() ? resource : resource + "." + group; }
};

struct ListOptions {
  std::string label_selector{};
  std::string field_selector{};
  int limit = 500;                 // page size; 0 = no paging (one request)
  std::string resource_version{};  // "" = most recent
};

// One of several lists made at once (Client::list_all).
struct ListRequest {
  std::string api_version;
  std::string kind;
  std::string ns{};  // "" = all namespaces
  ListOptions options{};
};

struct WriteOptions {
  std::string field_manager{};  // "" = server default
  bool dry_run = false;         // dryRun=All
};

struct ApplyOptions {
  std::string field_manager = "kubectl-kyma-istio";  // required by the API for apply
  bool force = false;
  bool dry_run = false;
};

enum class PatchType {
  kMerge,           // application/merge-patch+json
  kJson,            // application/json-patch+json
  kStrategicMerge,  // application/strategic-merge-patch+json (built-in kinds only)
  kApply,           // application/apply-patch+yaml
};

struct DeleteOptions {
  std::string propagation_policy{};  // "" | Foreground | Background | Orphan
  std::optional<std::string> precondition_uid{};
  std::optional<std::string> precondition_resource_version{};
  std::optional<int> grace_period_seconds{};
  bool dry_run = false;
};

struct WatchOptions {
  std::string label_selector{};
  std::string field_selector{};
  std::string resource_version{};  // start after this version; "" = current state first
  std::chrono::milliseconds timeout{std::chrono::minutes(5)};  // the deadline for the watch
  // timeoutSeconds of each watch request: the server ends the stream then and the watch goes on
  // with a new one from the last seen resourceVersion (as client-go's reflectors do).
  // 0: one request for the whole deadline.
  std::chrono::seconds server_timeout{0};
  bool allow_bookmarks = true;
  // Asked about once a second while the stream is idle and before each new request; when it
  // returns true the watch ends (-> false). Lets a caller stop watches that wait on other threads.
  std::function<bool()> stop_requested{};
};

struct WatchEvent {
  std::string type{};  // ADDED, MODIFIED, DELETED, BOOKMARK
  nlohmann::json object{};
};

}  // namespace kyma::kube
