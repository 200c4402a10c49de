#pragma once
// The PEM material a connection needs (CA, client certificate, client key), read once from the
// RestConfig's files or inline data and checked, so that a bad file is named before any request.
#include <string>

#include "core/kube/rest_config.hpp"

namespace kyma::kube {

struct TlsMaterial {
  std::string ca_pem;    // empty: the system's trust store
  std::string cert_pem;  // empty: no client certificate
  std::string key_pem;
};

// Throws kyma::Error naming the cluster or user and the file when something cannot be read or is
// not PEM. Never puts the key's content in a message.
TlsMaterial load_tls_material(const RestConfig& config);

bool is_pem_certificate(const std::string& pem);
bool is_pem_private_key(const std::string& pem);

}  // namespace kyma::kube
