#pragma once
// A fully resolved client configuration (client-go's rest.Config): where the server is, how to
// trust it, how to authenticate, and the defaults (namespace, timeout, cache folder).
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kyma::kube {

// users[].user.exec of a kubeconfig (client.authentication.k8s.io ExecConfig).
struct ExecConfig {
  std::string command;  // resolved against the kubeconfig's folder when it holds a '/'
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> env;
  std::string api_version;   // client.authentication.k8s.io/v1 or /v1beta1
  std::string install_hint;  // printed when the command is missing
  bool provide_cluster_info = false;
  std::string interactive_mode;  // Never | IfAvailable | Always ("" = not set)
};

struct RestConfig {
  std::string server;  // https://host:port[/prefix]
  std::string context_name;
  std::string cluster_name;
  std::string user_name;
  std::string namespace_ = "default";
  bool in_cluster = false;

  // TLS
  bool insecure_skip_tls_verify = false;
  std::string tls_server_name;
  std::string ca_file;  // PEM file
  std::string ca_data;  // PEM (already base64-decoded)
  std::string client_certificate_file;
  std::string client_certificate_data;  // PEM
  std::string client_key_file;
  std::string client_key_data;  // PEM
  std::string proxy_url;        // "" = the standard environment variables apply
  bool disable_compression = false;

  // Authentication
  std::string bearer_token;
  std::string bearer_token_file;  // re-read on use; wins over bearer_token when readable
  std::string username;
  std::string password;
  std::optional<ExecConfig> exec;
  std::string auth_provider;  // name of users[].user.auth-provider ("oidc", ...)
  std::map<std::string, std::string> auth_provider_config;

  // Impersonation
  std::string impersonate_user;
  std::string impersonate_uid;
  std::vector<std::string> impersonate_groups;
  std::map<std::string, std::vector<std::string>> impersonate_extra;

  std::chrono::milliseconds timeout{0};  // 0: none (--request-timeout)
  std::string cache_dir;                 // --cache-dir, default $KUBECACHEDIR or ~/.kube/cache
  std::string user_agent = "kubectl-kyma-istio";
};

}  // namespace kyma::kube
