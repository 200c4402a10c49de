#pragma once
// Who is calling: a bearer token the server knows, or a client certificate issued by its CA
// (user = CN, groups = O). Requests with neither get 401.
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
  std::optional<UserInfo> authenticate(const httplib::Request& request) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, UserInfo> tokens_;
};

}  // namespace fakekube
