#pragma once
// fakekube: a Kubernetes API server for tests, in process or standalone (fakekube --port ...).
// It speaks the REST protocol over HTTPS well enough that the real kubectl works against it, and
// it simulates the controllers the product relies on (Deployments -> ReplicaSets -> Pods,
// DaemonSets, StatefulSets, garbage collection, sidecar injection).
//
// Test control lives under /_fakekube/ (outside the Kubernetes URL space) and through this class.
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fakekube {

struct ServerOptions {
  std::string bind_address = "127.0.0.1";
  int port = 0;  // 0: pick a free port
  int nodes = 1;
  std::string node_cpu = "8";        // capacity per node
  std::string node_memory = "32Gi";  // capacity per node
  std::string kubelet_version = "v1.30.0";
  // What GET /version reports. kubectl wrappers that pick the kubectl minor version from the
  // server (the gcloud dispatcher on PATH does) then run kubectl 1.32.
  std::string kubernetes_version = "v1.32.0";
  std::string provider_id;  // e.g. "aws:///eu-central-1a/i-1": spec.providerID of every node
  // How long a new pod stays Pending/not Ready before it turns Running and Ready.
  std::chrono::milliseconds pod_ready_delay{100};
  // Optional: a CA (PEM cert + key) to issue the serving and client certificates from.
  std::optional<std::string> ca_cert_pem;
  std::optional<std::string> ca_key_pem;
};

// One request as the server saw it, for tests that count or inspect calls.
struct RequestRecord {
  std::string verb;                 // HTTP method: GET, POST, PUT, PATCH, DELETE
  std::string path;                 // without the query
  std::string query;                // raw query string
  std::string content_type;         // request Content-Type, empty if none
  std::string field_manager;        // the fieldManager query parameter, empty if none
  std::string user;                 // authenticated user name (the impersonated one, if any)
  std::vector<std::string> groups;  // that user's groups
  int status = 0;                   // response status code
};

// A fault for matching requests: `count` times, then it is used up. After `delay`, a status of
// 300 or more is answered with a Status body of that code (and Retry-After if set); a status
// below 300 lets the request through to be served normally (a pure delay).
struct Fault {
  std::string verb;         // "" matches any
  std::string path_prefix;  // "" matches any
  int count = 1;
  int status = 500;                        // 0: no status, see close_connection
  std::optional<int> retry_after_seconds;  // adds a Retry-After header
  std::chrono::milliseconds delay{0};      // sleep before answering
  bool close_connection = false;           // drop the connection without answering
  std::string
      warning;  // adds `Warning: 299 - "<warning>"`, as the API server does for deprecations
};

// Shorthands for the usual faults on `verb` requests whose path starts with `path_prefix`:
// answered with `status` (`count` times), let through after `delay`, or cut off unanswered.
Fault failing(const std::string& verb, const std::string& path_prefix, int status, int count = 1);
Fault delayed(const std::string& verb, const std::string& path_prefix,
              std::chrono::milliseconds delay);
Fault dropped(const std::string& verb, const std::string& path_prefix, int count = 1);

// A SelfSubjectAccessReview rule: "*" matches anything. The first rule that matches a review
// decides it; a review no rule matches is allowed. Rules answer reviews only; they do not
// restrict the requests themselves.
struct AccessRule {
  std::string verb = "*";
  std::string group = "*";  // "" is the core group
  std::string resource = "*";
  std::string namespace_ = "*";
  bool allowed = false;
};

class Server {
 public:
  explicit Server(ServerOptions options = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Starts serving on a background thread; returns once the port accepts connections.
  void start();
  void stop();

  std::string url() const;  // https://127.0.0.1:<port>
  int port() const;
  std::string ca_pem() const;  // the CA that signed the serving certificate

  // Credentials the server accepts. The admin token and the admin client certificate map to a
  // user in group system:masters; every request without credentials gets 401.
  std::string admin_token() const;
  std::string client_cert_pem() const;  // CN=admin, O=system:masters
  std::string client_key_pem() const;
  // Adds a bearer token for `user`.
  void add_token(const std::string& token, const std::string& user);
  // Accepts basic auth for `user` with `password`.
  void add_basic_user(const std::string& user, const std::string& password);

  // Writes a kubeconfig for this server. auth: "token" (admin token) or "cert" (client cert).
  // Certificates are written inline (certificate-authority-data etc.).
  void write_kubeconfig(const std::filesystem::path& file, const std::string& auth = "token",
                        const std::string& context_name = "fakekube") const;

  // --- test control ---
  // Creates or replaces an object as if a client had created it (namespace must exist unless
  // the kind is cluster-scoped; CRDs register their kinds). A namespaced object without a
  // namespace goes to "default". Unlike a client, a seed keeps what it is given: status
  // (a pod with status.phase is taken as is: not scheduled, injected or made Ready), uid,
  // creationTimestamp; it records no managedFields. Throws ApiError (a std::runtime_error).
  nlohmann::json seed(const nlohmann::json& object);
  // Reads an object; nullopt if absent. `api_version` as in the object ("apps/v1", "v1").
  std::optional<nlohmann::json> get(const std::string& api_version, const std::string& kind,
                                    const std::string& ns, const std::string& name) const;
  // Lists objects of a kind, in a namespace or everywhere ("" = all namespaces).
  std::vector<nlohmann::json> list(const std::string& api_version, const std::string& kind,
                                   const std::string& ns = "") const;

  std::vector<RequestRecord> requests() const;
  void clear_requests();
  void add_fault(const Fault& fault);
  void clear_faults();
  // Makes every continue token handed out so far expire (the next use gets 410 Expired).
  void expire_continue_tokens();
  // Pods in `ns` whose name starts with `name_prefix` (existing and future ones) stay not Ready,
  // with `reason` (e.g. "ImagePullBackOff") as their container's waiting reason.
  void fail_pods(const std::string& ns, const std::string& name_prefix, const std::string& reason);

  // Answers to SelfSubjectAccessReviews (kubectl auth can-i); see AccessRule.
  void set_access_rules(const std::vector<AccessRule>& rules);
  // Forgets the watch history: a watch from any resourceVersion issued so far gets 410 Expired.
  void compact_watch_history();
  // Ends every open watch (as an API server restart would); clients see the stream close.
  void close_watches();
  // Objects currently stored (all kinds).
  std::size_t object_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fakekube
