#pragma once
// One HTTP request being answered, and the helpers every handler uses to read query parameters
// and write JSON or Status answers.
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "tests/fakekube/api_error.hpp"
#include "tests/fakekube/authentication.hpp"

namespace fakekube {

struct Exchange {
  const httplib::Request& request;
  httplib::Response& response;
  UserInfo user;

  std::string param(const std::string& name) const {
    return request.has_param(name.c_str()) ? request.get_param_value(name.c_str()) : "";
  }
  bool flag(const std::string& name) const {
    std::string v = param(name);
    return v == "true" || v == "1";
  }
  void send(int status, const std::string& json_text,
            const std::string& content_type = "application/json") {
    response.status = status;
    response.set_content(json_text, content_type.c_str());
  }
  void send(int status, const nlohmann::json& body) { send(status, body.dump()); }
  void fail(const ApiError& error) { send(error.code(), error.status()); }
};

}  // namespace fakekube
