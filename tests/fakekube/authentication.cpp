#include "tests/fakekube/authentication.hpp"

#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "tests/fakekube/api_error.hpp"

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

void Authenticator::add_basic_user(const std::string& name, const std::string& password) {
  std::lock_guard<std::mutex> lock(mutex_);
  passwords_[name] = password;
}

std::optional<UserInfo> Authenticator::authenticate(const httplib::Request& request) const {
  auto user = caller(request);
  if (!user || !request.has_header("Impersonate-User")) return user;
  bool master = false;
  for (const auto& g : user->groups) master = master || g == "system:masters";
  std::string target = request.get_header_value("Impersonate-User");
  if (!master) {
    throw ApiError(403, "Forbidden",
                   "users \"" + target + "\" is forbidden: User \"" + user->name +
                       "\" cannot impersonate resource \"users\" in API group \"\" at the cluster "
                       "scope");
  }
  UserInfo as{target, {}};
  size_t groups = request.get_header_value_count("Impersonate-Group");
  for (size_t i = 0; i < groups; ++i)
    as.groups.push_back(request.get_header_value("Impersonate-Group", i));
  as.groups.push_back("system:authenticated");
  return as;
}

std::optional<UserInfo> Authenticator::caller(const httplib::Request& request) const {
  std::string authorization = request.get_header_value("Authorization");
  const std::string basic = "Basic ";
  if (authorization.compare(0, basic.size(), basic) == 0) {
    std::string encoded = authorization.substr(basic.size());
    std::string decoded(encoded.size(), '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(decoded.data()),
                            reinterpret_cast<const unsigned char*>(encoded.data()),
                            static_cast<int>(encoded.size()));
    if (n < 0) return std::nullopt;
    decoded.resize(static_cast<size_t>(n));
    while (!decoded.empty() && decoded.back() == '\0') decoded.pop_back();  // base64 padding
    auto colon = decoded.find(':');
    if (colon == std::string::npos) return std::nullopt;
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = passwords_.find(decoded.substr(0, colon));
    if (it == passwords_.end() || it->second != decoded.substr(colon + 1)) return std::nullopt;
    return UserInfo{it->first, {"system:authenticated"}};
  }
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
