#pragma once
// The facade the features use: a client for one cluster built from kubectl's connection flags,
// with discovery and resource operations on any kind, objects as JSON.
//
//   auto client = kyma::kube::Client::from_flags(flags);
//   auto deploy = client.try_get("apps/v1", "Deployment", "istio-system", "istiod");
//   client.apply(object, {.field_manager = "istio-operator", .force = true});
//
// Namespaces: for get/create/update/patch/remove an empty namespace means the client's namespace
// (-n, the context's, or "default") when the kind is namespaced; for list and watch it means all
// namespaces. Cluster-scoped kinds ignore the namespace.
// Errors: ApiError subclasses (api_error.hpp), ConnectionError, NoKindMatchError; all kyma::Error.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/kube/connection_flags.hpp"
#include "core/kube/discovery.hpp"
#include "core/kube/http_transport.hpp"
#include "core/kube/resource_types.hpp"
#include "core/kube/rest_config.hpp"

namespace kyma::kube {

class Client {
 public:
  explicit Client(RestConfig config);
  // Loads the kubeconfig (or in-cluster config) and applies the flags (kubeconfig_loader.hpp).
  static Client from_flags(const ConnectionFlags& flags);

  const std::string& namespace_() const { return transport_->config().namespace_; }
  const std::string& server() const { return transport_->config().server; }
  const RestConfig& config() const { return transport_->config(); }
  HttpTransport& transport() { return *transport_; }
  Discovery& discovery() { return *discovery_; }

  // kind -> resource (throws NoKindMatchError).
  ResourceInfo resource(const std::string& api_version, const std::string& kind);

  // --- reads ---
  nlohmann::json get(const std::string& api_version, const std::string& kind, const std::string& ns,
                     const std::string& name);  // throws NotFoundError
  std::optional<nlohmann::json> try_get(const std::string& api_version, const std::string& kind,
                                        const std::string& ns, const std::string& name);
  // Every page, joined: {"kind": "<Kind>List", "metadata": {"resourceVersion"}, "items": [...]}.
  // A 410 Expired continue token restarts the list from the beginning (at most 3 times).
  nlohmann::json list(const std::string& api_version, const std::string& kind,
                      const std::string& ns = "", const ListOptions& options = {});
  // Several lists at once: their first pages go out together over the kept-alive connections
  // (libcurl multi), each retried as send() does. A list with more pages, or whose collection
  // is gone (404: discovery is asked again), is finished by list(); any other failure is the
  // typed error. A kind the server does not serve is nullopt.
  std::vector<std::optional<nlohmann::json>> list_all(const std::vector<ListRequest>& requests);
  // Page by page; `on_page` returns false to stop. On a 410 Expired continue token, `on_restart`
  // (when given) is called and the list starts over; without it the ExpiredError is thrown.
  void list_pages(const std::string& api_version, const std::string& kind, const std::string& ns,
                  const ListOptions& options,
                  const std::function<bool(const nlohmann::json& page)>& on_page,
                  const std::function<void()>& on_restart = {});

  // --- writes (objects carry apiVersion, kind, metadata.name and, if namespaced, namespace) ---
  nlohmann::json create(const nlohmann::json& object, const WriteOptions& options = {});
  nlohmann::json update(const nlohmann::json& object, const WriteOptions& options = {});  // PUT
  // Server-side apply (PATCH application/apply-patch+yaml with fieldManager, force, dryRun).
  nlohmann::json apply(const nlohmann::json& object, const ApplyOptions& options = {});
  nlohmann::json patch(const std::string& api_version, const std::string& kind,
                       const std::string& ns, const std::string& name, PatchType type,
                       const nlohmann::json& patch, const WriteOptions& options = {},
                       const std::string& subresource = "");
  // Returns false when the object did not exist.
  bool remove(const std::string& api_version, const std::string& kind, const std::string& ns,
              const std::string& name, const DeleteOptions& options = {});
  // PUT of the status subresource with the object as given.
  nlohmann::json replace_status(const nlohmann::json& object, const WriteOptions& options = {});
  // Reads the object, lets `mutate` change it (returning false means "nothing to write"), PUTs
  // the status subresource, and on 409 Conflict reads again and retries (max_tries in all).
  nlohmann::json update_status(const std::string& api_version, const std::string& kind,
                               const std::string& ns, const std::string& name,
                               const std::function<bool(nlohmann::json&)>& mutate,
                               int max_tries = 5);

  // Streams events until `on_event` returns false (-> true), or the timeout passes or
  // options.stop_requested says so (-> false).
  // A stream the server closes is resumed from the last seen resourceVersion. An expired
  // resourceVersion (410) throws ExpiredError: list again and watch from the list's version.
  bool watch(const std::string& api_version, const std::string& kind, const std::string& ns,
             const WatchOptions& options,
             const std::function<bool(const WatchEvent& event)>& on_event);

  // Any GET path (e.g. "/version", "/apis"), as JSON; throws the typed error on failure.
  nlohmann::json get_path(const std::string& path);

  // The URL path of a resource ("/apis/apps/v1/namespaces/x/deployments[/name[/sub]]").
  std::string path_for(const ResourceInfo& info, const std::string& ns, const std::string& name,
                       const std::string& subresource = "") const;

 private:
  nlohmann::json request_json(const HttpRequest& request, const std::string& what);
  // The collection path with the list's selectors and page size (no continue token).
  std::string list_path(const ResourceInfo& info, const std::string& ns,
                        const ListOptions& options) const;
  std::string namespace_for(const ResourceInfo& info, const std::string& ns) const;

  std::unique_ptr<HttpTransport> transport_;
  std::unique_ptr<Discovery> discovery_;
};

}  // namespace kyma::kube
