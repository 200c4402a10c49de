#pragma once
// Who is calling: a bearer token the server knows, basic auth of a known user, or a client
// certificate issued by its CA (user = CN, groups = O). Requests with none get 401. A caller in
// group system:masters may impersonate (Impersonate-User / -Group headers), as the real server
// allows an authorized caller to; anyone else asking to impersonate gets 403.
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <httplib.h>

namespace fakekube {

struct UserInfo {
  std::string name;
  std::vector<std::string> groups;
};

class Authenticator {
 public:
  void add_token(const std::string& token, const UserInfo& user);
  void add_basic_user(const std::string& name, const std::string& password);
  // The caller, or nullopt (401). Throws the 403 Status when impersonation is not allowed.
  std::optional<UserInfo> authenticate(const httplib::Request& request) const;

 private:
  std::optional<UserInfo> caller(const httplib::Request& request) const;

  mutable std::mutex mutex_;
  std::map<std::string, UserInfo> tokens_;
  std::map<std::string, std::string> passwords_;
};

}  // namespace fakekube
