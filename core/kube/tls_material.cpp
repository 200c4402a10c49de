#include "core/kube/tls_material.hpp"
#include "core/kube/text.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <fstream>
#include <sstream>

#include "core/ui/error.hpp"

namespace kyma::kube {

namespace {

// The file's content, or the inline data when no file is named.
std::string file_or_data(const std::string& file, const std::string& data, const std::string& what,
                         const std::string& owner) {
  if (!data.empty() || file.empty()) return data;
  std::string content;
  if (!read_file(file, content))
    throw Error("unable to read " + what + " " + file + " for " + owner);
  return content;
}

}  // namespace

bool is_pem_certificate(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  if (!bio) return false;
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  bool ok = cert != nullptr;
  X509_free(cert);
  BIO_free(bio);
  ERR_clear_error();
  return ok;
}

bool is_pem_private_key(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  if (!bio) return false;
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  bool ok = key != nullptr;
  EVP_PKEY_free(key);
  BIO_free(bio);
  ERR_clear_error();
  return ok;
}

TlsMaterial load_tls_material(const RestConfig& config) {
  const std::string cluster = "cluster \"" + config.cluster_name + "\"";
  const std::string user = "user \"" + config.user_name + "\"";
  TlsMaterial tls;
  tls.ca_pem = file_or_data(config.ca_file, config.ca_data, "certificate-authority", cluster);
  if (!tls.ca_pem.empty() && !is_pem_certificate(tls.ca_pem)) {
    throw Error("the certificate-authority " +
                (config.ca_data.empty() ? config.ca_file : std::string("data")) + " of " + cluster +
                " is not a PEM certificate");
  }
  tls.cert_pem = file_or_data(config.client_certificate_file, config.client_certificate_data,
                              "client-cert", user);
  tls.key_pem = file_or_data(config.client_key_file, config.client_key_data, "client-key", user);
  if (!tls.cert_pem.empty() && !is_pem_certificate(tls.cert_pem)) {
    throw Error("the client certificate " +
                (config.client_certificate_data.empty() ? config.client_certificate_file
                                                        : std::string("data")) +
                " of " + user + " is not a PEM certificate");
  }
  if (!tls.key_pem.empty() && !is_pem_private_key(tls.key_pem)) {
    throw Error("the client key " +
                (config.client_key_data.empty() ? config.client_key_file : std::string("data")) +
                " of " + user + " is not a PEM private key");
  }
  if (tls.cert_pem.empty() != tls.key_pem.empty())
    throw Error(user + " has a client certificate without a key or a key without a certificate");
  return tls;
}

}  // namespace kyma::kube
