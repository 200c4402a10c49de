#include "kubectl-kyma-istio/connection_flag_set.hpp"

#include "core/kube/duration.hpp"

namespace kyma::cli {

using plugin::FlagKind;
using plugin::FlagSpec;

const std::vector<FlagSpec>& connection_flag_specs() {
  static const std::vector<FlagSpec> specs = {
      {"kubeconfig",
       "",
       "Path to the kubeconfig file to use for CLI requests.",
       FlagKind::kString,
       "",
       {},
       "string"},
      {"context",
       "",
       "The name of the kubeconfig context to use",
       FlagKind::kString,
       "",
       {},
       "string"},
      {"cluster",
       "",
       "The name of the kubeconfig cluster to use",
       FlagKind::kString,
       "",
       {},
       "string"},
      {"user", "", "The name of the kubeconfig user to use", FlagKind::kString, "", {}, "string"},
      {"namespace",
       "n",
       "If present, the namespace scope for this CLI request",
       FlagKind::kString,
       "",
       {},
       "string"},
      {"server",
       "s",
       "The address and port of the Kubernetes API server",
       FlagKind::kString,
       "",
       {},
       "string"},
      {"token",
       "",
       "Bearer token for authentication to the API server",
       FlagKind::kString,
       "",
       {},
       "string"},
      {"as", "", "Username to impersonate for the operation", FlagKind::kString, "", {}, "string"},
      {"as-uid", "", "UID to impersonate for the operation", FlagKind::kString, "", {}, "string"},
      {"as-group",
       "",
       "Group to impersonate for the operation (repeatable)",
       FlagKind::kStringList,
       "",
       {},
       "stringArray"},
      {"as-user-extra",
       "",
       "User extras to impersonate for the operation, key=value (repeatable)",
       FlagKind::kStringList,
       "",
       {},
       "stringArray"},
      {"username",
       "",
       "Username for basic authentication to the API server",
       FlagKind::kString,
       "",
       {},
       "string"},
      {"password",
       "",
       "Password for basic authentication to the API server",
       FlagKind::kString,
       "",
       {},
       "string"},
      {"certificate-authority",
       "",
       "Path to a cert file for the certificate authority",
       FlagKind::kString,
       "",
       {},
       "string"},
      {"client-certificate",
       "",
       "Path to a client certificate file for TLS",
       FlagKind::kString,
       "",
       {},
       "string"},
      {"client-key", "", "Path to a client key file for TLS", FlagKind::kString, "", {}, "string"},
      {"insecure-skip-tls-verify",
       "",
       "If true, the server's certificate will not be checked for validity",
       FlagKind::kBool,
       "false",
       {},
       ""},
      {"tls-server-name",
       "",
       "Server name to use for server certificate validation",
       FlagKind::kString,
       "",
       {},
       "string"},
      {"request-timeout",
       "",
       "The length of time to wait before giving up on a single server request (e.g. 1s, 2m, 3h; "
       "0 means no timeout)",
       FlagKind::kString,
       "0",
       {},
       "string"},
      {"cache-dir",
       "",
       "Default cache directory",
       FlagKind::kString,
       "$HOME/.kube/cache",
       {},
       "string"},
      {"disable-compression",
       "",
       "If true, opt-out of response compression for all requests",
       FlagKind::kBool,
       "false",
       {},
       ""},
  };
  return specs;
}

kube::ConnectionFlags connection_flags_from(const plugin::Arguments& args) {
  kube::ConnectionFlags flags;
  flags.kubeconfig = args.get("kubeconfig");
  flags.context = args.get("context");
  flags.cluster = args.get("cluster");
  flags.user = args.get("user");
  flags.namespace_ = args.get("namespace");
  flags.server = args.get("server");
  flags.token = args.get("token");
  flags.as = args.get("as");
  flags.as_uid = args.get("as-uid");
  flags.as_groups = args.all("as-group");
  flags.as_user_extra = args.all("as-user-extra");
  flags.username = args.get("username");
  flags.password = args.get("password");
  flags.certificate_authority = args.get("certificate-authority");
  flags.client_certificate = args.get("client-certificate");
  flags.client_key = args.get("client-key");
  if (args.has("insecure-skip-tls-verify")) {
    flags.insecure_skip_tls_verify = args.enabled("insecure-skip-tls-verify");
  }
  flags.tls_server_name = args.get("tls-server-name");
  flags.request_timeout = args.get("request-timeout");
  // A bad value is a usage error of the command line, whatever the command does with the cluster
  // (version would otherwise report it as an unreachable cluster).
  if (flags.request_timeout && !flags.request_timeout->empty()) {
    kube::parse_request_timeout(*flags.request_timeout);
  }
  flags.cache_dir = args.get("cache-dir");
  if (args.has("disable-compression")) {
    flags.disable_compression = args.enabled("disable-compression");
  }
  return flags;
}

}  // namespace kyma::cli
