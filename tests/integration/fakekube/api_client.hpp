#pragma once
// A plain HTTPS client for fakekube's tests: verifies the server against its CA, sends the
// admin token (or nothing, or a client certificate), and returns status, headers and JSON.
#include <map>
#include <optional>
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "tests/fakekube/server.hpp"

namespace fakekube::test {

// A started server: a base class for fixtures, so that members built from it see its port.
struct RunningServer {
  explicit RunningServer(ServerOptions options = {}) : server(std::move(options)) {
    server.start();
  }
  Server server;
};

struct Reply {
  int status = 0;  // 0: no answer (connection closed)
  std::string body;
  httplib::Headers headers;
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

class ApiClient {
 public:
  enum class Auth { kToken, kNone, kCertificate };
  explicit ApiClient(const Server& server, Auth auth = Auth::kToken);
  ~ApiClient();

  Reply get(const std::string& path, const httplib::Headers& headers = {});
  Reply post(const std::string& path, const nlohmann::json& body);
  Reply put(const std::string& path, const nlohmann::json& body);
  Reply patch(const std::string& path, const std::string& body, const std::string& content_type);
  Reply del(const std::string& path, const std::optional<nlohmann::json>& body = std::nullopt);
  Reply send(const std::string& method, const std::string& path, const std::string& body,
             const std::string& content_type, const httplib::Headers& headers = {});

  void set_token(const std::string& token) { token_ = token; }

 private:
  std::unique_ptr<httplib::SSLClient> client_;
  std::string token_;
  std::string cert_file_, key_file_, ca_file_;
};

// Reads a chunked watch response line by line until `done` returns true or the stream ends.
// Returns the events seen.
std::vector<nlohmann::json> read_watch(const Server& server, const std::string& path,
                                       const std::function<bool(const nlohmann::json&)>& done,
                                       int timeout_seconds = 10);

nlohmann::json namespace_object(const std::string& name);
nlohmann::json config_map(const std::string& name, const std::string& ns,
                          const nlohmann::json& data = {{"key", "value"}},
                          const nlohmann::json& labels = nlohmann::json::object());
nlohmann::json deployment(const std::string& name, const std::string& ns, int replicas,
                          const std::string& image = "example.com/app:1");

}  // namespace fakekube::test
