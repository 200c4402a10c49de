#pragma once
// HTTPS to the API server with libcurl: one easy handle per transport, so the connection is kept
// alive and reused (HTTP/2 when the server offers it through ALPN); TLS from the RestConfig;
// credentials (token, token file, basic, client certificate, exec plugin) and impersonation
// headers on every request; client-go's retry rules; Warning headers to stderr once each.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/kube/rest_config.hpp"

namespace kyma::kube {

struct HttpRequest {
  std::string method = "GET";
  std::string path;  // "/api/v1/namespaces/x/pods?limit=5" (relative to the server URL)
  std::string body;
  std::string content_type;  // "" for none
  std::string accept = "application/json";

  static HttpRequest get(std::string path) {
    HttpRequest request;
    request.path = std::move(path);
    return request;
  }
};

struct HttpResponse {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names; the last value wins
  std::optional<std::string> header(const std::string& lower_name) const;
};

class ExecCredentialProvider;

class HttpTransport {
 public:
  explicit HttpTransport(RestConfig config);
  ~HttpTransport();
  HttpTransport(const HttpTransport&) = delete;
  HttpTransport& operator=(const HttpTransport&) = delete;

  // Sends a request, retrying as client-go does. Returns the response whatever its status;
  // throws ConnectionError when no response could be had.
  HttpResponse send(const HttpRequest& request);

  // Streams a response body (watch). `on_data` gets chunks as they arrive; returning false ends
  // the stream. Ends also at `deadline`. Returns the status; for a non-2xx status the body is in
  // `error_body`. A dropped stream ends normally (the caller resumes).
  int stream(const HttpRequest& request, const std::function<bool(std::string_view)>& on_data,
             std::chrono::steady_clock::time_point deadline, std::string* error_body = nullptr);

  // Several requests in flight at once (libcurl multi); the answers in the same order. Requests
  // that need a retry are retried one by one afterwards.
  std::vector<HttpResponse> send_all(const std::vector<HttpRequest>& requests);

  const RestConfig& config() const { return config_; }
  // Where server Warning headers go (default: "Warning: <text>" on stderr), each text once.
  void set_warning_sink(std::function<void(const std::string&)> sink);
  // Shortens the client-go wait between retries (tests); scale 0 = do not wait.
  void set_retry_wait_scale(double scale) { retry_wait_scale_ = scale; }
  ExecCredentialProvider* exec_provider() { return exec_.get(); }

  struct Prepared;  // per-transfer state (internal)
  struct Attempt;

 private:
  void prepare(void* curl, const HttpRequest& request, Prepared& prepared, bool streaming);
  Attempt perform_once(const HttpRequest& request);
  void load_tls_files();

  RestConfig config_;
  std::string url_base_;     // server URL as contacted (host replaced by tls-server-name)
  std::string connect_to_;   // CURLOPT_CONNECT_TO entry, if any
  std::string host_header_;  // Host header for tls-server-name
  std::string ca_pem_, cert_pem_, key_pem_;
  std::string proxy_;  // "" = direct
  bool proxy_set_ = false;
  std::unique_ptr<ExecCredentialProvider> exec_;
  void* curl_ = nullptr;
  std::mutex mutex_;
  std::mutex warnings_mutex_;
  std::set<std::string> warnings_seen_;
  std::function<void(const std::string&)> warning_sink_;
  double retry_wait_scale_ = 1.0;
};

// The text of a Warning header value ("299 - \"text\"" -> "text").
std::string warning_text(const std::string& header_value);

// The proxy for `server` from the environment, as Go's ProxyFromEnvironment chooses it
// (HTTPS_PROXY/https_proxy, HTTP_PROXY/http_proxy, NO_PROXY/no_proxy, never for loopback).
std::string proxy_from_environment(const std::string& server);

}  // namespace kyma::kube
