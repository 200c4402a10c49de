#include "tests/fakekube/authentication.hpp"

#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace fakekube {

namespace {

std::vector<std::string> name_entries(X509_NAME* name, int nid) {
  std::vector<std::string> out;
  int index = -1;
  while ((index = X509_NAME_get_index_by_NID(name, nid, index)) >= 0) {
    X509_NAME_ENTRY* entry = X509_NAME_get_entry(name, index);
    ASN1_STRING* data = X509_NAME_ENTRY_get_data(entry);
    unsigned char* utf8 = nullptr;
    int length = ASN1_STRING_to_UTF8(&utf8, data);
    if (length >= 0) {
      out.emplace_back(reinterpret_cast<char*>(utf8), static_cast<size_t>(length));
      OPENSSL_free(utf8);
    }
  }
  return out;
}

}  // namespace

void Authenticator::add_token(const std::string& token, const UserInfo& user) {
  std::lock_guard<std::mutex> lock(mutex_);
  tokens_[token] = user;
}

std::optional<UserInfo> Authenticator::authenticate(const httplib::Request& request) const {
  std::string authorization = request.get_header_value("Authorization");
  const std::string bearer = "Bearer ";
  if (authorization.compare(0, bearer.size(), bearer) == 0) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = tokens_.find(authorization.substr(bearer.size()));
    if (it != tokens_.end()) return it->second;
    return std::nullopt;  // a wrong token is not rescued by a certificate
  }
  if (request.ssl) {
    X509* cert = SSL_get1_peer_certificate(request.ssl);
    if (!cert) return std::nullopt;
    std::optional<UserInfo> user;
    if (SSL_get_verify_result(request.ssl) == X509_V_OK) {
      X509_NAME* subject = X509_get_subject_name(cert);
      auto names = name_entries(subject, NID_commonName);
      if (!names.empty())
        user = UserInfo{names.front(), name_entries(subject, NID_organizationName)};
    }
    X509_free(cert);
    return user;
  }
  return std::nullopt;
}

}  // namespace fakekube
