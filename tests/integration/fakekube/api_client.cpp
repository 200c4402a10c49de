#include "tests/integration/fakekube/api_client.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>

namespace fakekube::test {

using nlohmann::json;

namespace {

std::string temp_file(const std::string& content) {
  static std::atomic<int> counter{0};
  std::string path =
      "/tmp/fakekube-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".pem";
  std::ofstream(path) << content;
  return path;
}

Reply to_reply(const httplib::Result& result) {
  Reply reply;
  if (!result) return reply;
  reply.status = result->status;
  reply.body = result->body;
  reply.headers = result->headers;
  return reply;
}

}  // namespace

ApiClient::ApiClient(const Server& server, Auth auth) {
  ca_file_ = temp_file(server.ca_pem());
  if (auth == Auth::kCertificate) {
    cert_file_ = temp_file(server.client_cert_pem());
    key_file_ = temp_file(server.client_key_pem());
    client_ =
        std::make_unique<httplib::SSLClient>("127.0.0.1", server.port(), cert_file_, key_file_);
  } else {
    client_ = std::make_unique<httplib::SSLClient>("127.0.0.1", server.port());
  }
  client_->set_ca_cert_path(ca_file_.c_str());
  client_->enable_server_certificate_verification(true);
  client_->set_url_encode(false);  // tests write paths already encoded
  client_->set_read_timeout(30);
  if (auth == Auth::kToken) token_ = server.admin_token();
}

ApiClient::~ApiClient() {
  for (const auto& f : {ca_file_, cert_file_, key_file_})
    if (!f.empty()) std::remove(f.c_str());
}

Reply ApiClient::send(const std::string& method, const std::string& path, const std::string& body,
                      const std::string& content_type, const httplib::Headers& extra) {
  httplib::Headers headers = extra;
  if (!token_.empty()) headers.emplace("Authorization", "Bearer " + token_);
  if (method == "GET") return to_reply(client_->Get(path.c_str(), headers));
  if (method == "POST")
    return to_reply(client_->Post(path.c_str(), headers, body, content_type.c_str()));
  if (method == "PUT")
    return to_reply(client_->Put(path.c_str(), headers, body, content_type.c_str()));
  if (method == "PATCH")
    return to_reply(client_->Patch(path.c_str(), headers, body, content_type.c_str()));
  if (method == "DELETE")
    return to_reply(client_->Delete(path.c_str(), headers, body, content_type.c_str()));
  return {};
}

Reply ApiClient::get(const std::string& path, const httplib::Headers& headers) {
  return send("GET", path, "", "", headers);
}
Reply ApiClient::post(const std::string& path, const json& body) {
  return send("POST", path, body.dump(), "application/json");
}
Reply ApiClient::put(const std::string& path, const json& body) {
  return send("PUT", path, body.dump(), "application/json");
}
Reply ApiClient::patch(const std::string& path, const std::string& body,
                       const std::string& content_type) {
  return send("PATCH", path, body, content_type);
}
Reply ApiClient::del(const std::string& path, const std::optional<json>& body) {
  return send("DELETE", path, body ? body->dump() : "", "application/json");
}

std::vector<json> read_watch(const Server& server, const std::string& path,
                             const std::function<bool(const json&)>& done, int timeout_seconds) {
  std::string ca_file = temp_file(server.ca_pem());
  httplib::SSLClient client("127.0.0.1", server.port());
  client.set_ca_cert_path(ca_file.c_str());
  client.enable_server_certificate_verification(true);
  client.set_url_encode(false);
  client.set_read_timeout(timeout_seconds);
  std::vector<json> events;
  std::string buffer;
  bool finished = false;
  httplib::Headers headers{{"Authorization", "Bearer " + server.admin_token()}};
  client.Get(path.c_str(), headers, [&](const char* data, size_t length) {
    buffer.append(data, length);
    size_t newline;
    while ((newline = buffer.find('\n')) != std::string::npos) {
      json event = json::parse(buffer.substr(0, newline), nullptr, false);
      buffer.erase(0, newline + 1);
      events.push_back(event);
      if (done(event)) {
        finished = true;
        return false;  // stop reading: the client closes the watch
      }
    }
    return true;
  });
  std::remove(ca_file.c_str());
  (void)finished;
  return events;
}

json namespace_object(const std::string& name) {
  return {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", name}}}};
}

json config_map(const std::string& name, const std::string& ns, const json& data,
                const json& labels) {
  json meta = {{"name", name}, {"namespace", ns}};
  if (!labels.empty()) meta["labels"] = labels;
  return {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", meta}, {"data", data}};
}

json deployment(const std::string& name, const std::string& ns, int replicas,
                const std::string& image) {
  json labels = {{"app", name}};
  return {{"apiVersion", "apps/v1"},
          {"kind", "Deployment"},
          {"metadata", {{"name", name}, {"namespace", ns}}},
          {"spec",
           {{"replicas", replicas},
            {"selector", {{"matchLabels", labels}}},
            {"template",
             {{"metadata", {{"labels", labels}}},
              {"spec", {{"containers", json::array({{{"name", "app"}, {"image", image}}})}}}}}}}};
}

}  // namespace fakekube::test
