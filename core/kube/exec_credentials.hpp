#pragma once
// Exec credential plugins (client.authentication.k8s.io v1 and v1beta1): runs the configured
// command with KUBERNETES_EXEC_INFO, reads an ExecCredential from its stdout, and caches the
// result until its expirationTimestamp. The transport calls refresh() once after a 401.
#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "core/kube/rest_config.hpp"

namespace kyma::kube {

struct ExecCredential {
  std::string token;
  std::string client_certificate_data;  // PEM
  std::string client_key_data;          // PEM
  std::optional<std::chrono::system_clock::time_point> expiration;
};

// Parses a plugin's stdout. Throws kyma::Error (without echoing any secret) when it is not an
// ExecCredential of `api_version` with a token or a certificate and key.
ExecCredential parse_exec_credential(const std::string& output, const std::string& api_version);

// RFC 3339 ("2026-01-02T03:04:05Z", fractions and offsets allowed); nullopt when invalid.
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(const std::string& text);

class ExecCredentialProvider {
 public:
  // `config` supplies the exec section and, for provideClusterInfo, the cluster fields.
  explicit ExecCredentialProvider(const RestConfig& config);

  // The cached credential, or a fresh one when there is none or it has expired.
  ExecCredential get();
  // Runs the plugin again (after a 401).
  ExecCredential refresh();

  // For tests: whether stdin counts as a terminal (default: isatty(0)).
  void set_stdin_is_terminal(bool value) { stdin_terminal_ = value; }
  int runs() const { return runs_; }

 private:
  ExecCredential run();
  std::string exec_info_json(bool interactive) const;

  ExecConfig exec_;
  std::string user_;
  std::string server_, tls_server_name_, ca_data_, proxy_url_;
  bool insecure_ = false;
  std::optional<bool> stdin_terminal_;
  std::optional<ExecCredential> cached_;
  std::mutex mutex_;
  int runs_ = 0;
};

}  // namespace kyma::kube
