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
  std::string node_cpu = "8";         // capacity per node
  std::string node_memory = "32Gi";  // capacity per node
  std::string kubelet_version = "v1.30.0";
  std::string provider_id;  // e.g. "aws:///eu-central-1a/i-1": spec.providerID of every node
  // How long a new pod stays Pending/not Ready before it turns Running and Ready.
  std::chrono::milliseconds pod_ready_delay{100};
  // Optional: a CA (PEM cert + key) to issue the serving and client certificates from.
  std::optional<std::string> ca_cert_pem;
  std::optional<std::string> ca_key_pem;
};

// One request as the server saw it, for tests that count or inspect calls.
struct RequestRecord {
  std::string verb;          // HTTP method: GET, POST, PUT, PATCH, DELETE
  std::string path;          // without the query
  std::string query;         // raw query string
  std::string content_type;  // request Content-Type, empty if none
  std::string field_manager; // the fieldManager query parameter, empty if none
  std::string user;          // authenticated user name
  int status = 0;            // response status code
};

// A fault for matching requests: `count` times, then it is used up.
struct Fault {
  std::string verb;         // "" matches any
  std::string path_prefix;  // "" matches any
  int count = 1;
  int status = 500;                       // 0: no status, see close_connection
  std::optional<int> retry_after_seconds; // adds a Retry-After header
  std::chrono::milliseconds delay{0};     // sleep before answering
  bool close_connection = false;          // drop the connection without answering
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

  // Writes a kubeconfig for this server. auth: "token" (admin token) or "cert" (client cert).
  // Certificates are written inline (certificate-authority-data etc.).
  void write_kubeconfig(const std::filesystem::path& file, const std::string& auth = "token",
                        const std::string& context_name = "fakekube") const;

  // --- test control ---
  // Creates or replaces an object as if a client had created it (namespace must exist unless
  // the kind is cluster-scoped; CRDs register their kinds).
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

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fakekube
