#pragma once
// Writes a kubeconfig for the server: one cluster (inline CA), one user (token or inline client
// certificate), one context, current. Mode 0600: it holds credentials.
#include <filesystem>
#include <string>

namespace fakekube {

struct KubeconfigUser {
  std::string token;
  std::string client_cert_pem;
  std::string client_key_pem;
};

void write_kubeconfig_file(const std::filesystem::path& file, const std::string& server_url,
                           const std::string& ca_pem, const KubeconfigUser& user,
                           const std::string& context_name);

}  // namespace fakekube
