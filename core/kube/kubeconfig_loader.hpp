#pragma once
// Kubeconfig loading and resolution as client-go's clientcmd does it (conventions.md §4.6):
// --kubeconfig (must exist, no merge) or $KUBECONFIG (deduplicated, missing files skipped, the
// first file defining a name wins entirely, the first file setting current-context wins) or
// ~/.kube/config; relative paths resolved against the file holding them; flags on top; in-cluster
// config when no kubeconfig exists.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/kube/connection_flags.hpp"
#include "core/kube/rest_config.hpp"

namespace kyma::kube {

struct KubeconfigCluster {
  std::string server;
  std::string tls_server_name;
  bool insecure_skip_tls_verify = false;
  std::string certificate_authority;       // absolute path
  std::string certificate_authority_data;  // decoded PEM
  std::string proxy_url;
  bool disable_compression = false;
};

struct KubeconfigUser {
  std::string client_certificate;  // absolute path
  std::string client_certificate_data;
  std::string client_key;
  std::string client_key_data;
  std::string token;
  std::string token_file;  // absolute path
  std::string as;
  std::string as_uid;
  std::vector<std::string> as_groups;
  std::map<std::string, std::vector<std::string>> as_user_extra;
  std::string username;
  std::string password;
  std::optional<ExecConfig> exec;
  std::string auth_provider;
  std::map<std::string, std::string> auth_provider_config;
};

struct KubeconfigContext {
  std::string cluster;
  std::string user;
  std::string namespace_;
};

struct Kubeconfig {
  std::map<std::string, KubeconfigCluster> clusters;
  std::map<std::string, KubeconfigUser> users;
  std::map<std::string, KubeconfigContext> contexts;
  std::string current_context;
  std::vector<std::string> files;  // the files that were read, in precedence order
};

// Where the loader looks: the real process environment by default; tests substitute their own.
struct LoaderEnvironment {
  std::function<std::optional<std::string>(const std::string&)> getenv;
  std::string home;  // ~
  std::string service_account_dir = "/var/run/secrets/kubernetes.io/serviceaccount";
  static LoaderEnvironment process();
};

// Parses one kubeconfig file (paths resolved against its folder). Throws kyma::Error naming the
// file when it cannot be read or decoded.
Kubeconfig parse_kubeconfig_file(const std::string& path);
Kubeconfig parse_kubeconfig_text(const std::string& text, const std::string& base_dir,
                                 const std::string& source_name);

// Merges files in precedence order (first wins).
Kubeconfig merge_kubeconfigs(const std::vector<Kubeconfig>& configs);

// The kubeconfig files to read, in order: the explicit one, or $KUBECONFIG's list (deduplicated,
// missing ones dropped), or ~/.kube/config when it exists. Throws when an explicit file is missing.
std::vector<std::string> kubeconfig_files(const std::optional<std::string>& explicit_path,
                                          const LoaderEnvironment& env);

// The whole resolution: kubeconfig(s) or in-cluster, then flags. Throws kyma::Error (exit 1) for
// a bad kubeconfig or unknown context/cluster/user, UsageError for a bad --request-timeout.
RestConfig load_rest_config(const ConnectionFlags& flags,
                            const LoaderEnvironment& env = LoaderEnvironment::process());

// Decodes standard base64 (whitespace ignored); nullopt when invalid.
std::optional<std::string> base64_decode(const std::string& text);
std::string base64_encode(const std::string& data);

}  // namespace kyma::kube
