#pragma once
// kubectl's connection flags, as given on the command line (cli-runtime ConfigFlags). Every
// command accepts them; an unset optional means "not given", so kubeconfig values apply.
#include <optional>
#include <string>
#include <vector>

namespace kyma::kube {

struct ConnectionFlags {
  std::optional<std::string> kubeconfig;
  std::optional<std::string> context;
  std::optional<std::string> cluster;
  std::optional<std::string> user;
  std::optional<std::string> namespace_;
  std::optional<std::string> server;
  std::optional<std::string> token;
  std::optional<std::string> as;
  std::optional<std::string> as_uid;
  std::vector<std::string> as_groups;
  std::vector<std::string> as_user_extra;  // --as-user-extra key=value (repeatable)
  std::optional<std::string> username;     // --username (basic auth)
  std::optional<std::string> password;     // --password
  std::optional<std::string> certificate_authority;
  std::optional<std::string> client_certificate;
  std::optional<std::string> client_key;
  std::optional<bool> insecure_skip_tls_verify;
  std::optional<std::string> tls_server_name;
  std::optional<std::string> request_timeout;  // kubectl form: "0", "30s", "1m"
  std::optional<std::string> cache_dir;
  std::optional<bool> disable_compression;
};

}  // namespace kyma::kube
