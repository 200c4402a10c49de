#pragma once
// The server's PKI, made at start: a CA (or the one given), a serving certificate for
// 127.0.0.1 / localhost / ::1, and the admin client certificate (CN=admin, O=system:masters).
// EC P-256 keys keep generation in the milliseconds.
#include <optional>
#include <string>
#include <vector>

namespace fakekube {

struct CertifiedKey {
  std::string cert_pem;
  std::string key_pem;
};

struct Pki {
  CertifiedKey ca;
  CertifiedKey serving;
  CertifiedKey admin_client;
};

// Throws std::runtime_error if the given CA does not load or OpenSSL fails.
Pki make_pki(const std::optional<std::string>& ca_cert_pem,
             const std::optional<std::string>& ca_key_pem,
             const std::vector<std::string>& extra_ip_sans = {});

// Issues a client certificate from the CA (tests use it to make other users).
CertifiedKey issue_client_certificate(const CertifiedKey& ca, const std::string& user,
                                      const std::vector<std::string>& groups);

std::string base64_encode(const std::string& data);
std::string base64_decode(const std::string& text);  // throws std::invalid_argument

}  // namespace fakekube
