#pragma once
// HTTPS to the API server with libcurl. Every request goes through one multi handle that keeps
// its connections alive and reuses them (HTTP/2 and multiplexing when the server offers it
// through ALPN); DNS answers are shared with watch streams. TLS from the
// RestConfig; credentials (token, token file, basic, client certificate, exec plugin) and
// impersonation headers on every request; client-go's retry rules (retry_policy.hpp); Warning
// headers to stderr, each text once.
//
// A request body is handed to libcurl as a stream it cannot rewind: libcurl would otherwise
// re-send a write on its own when a reused connection turns out dead after the body went out,
// and a write must never be repeated blindly.
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
#include "core/kube/server_url.hpp"
#include "core/kube/tls_material.hpp"

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
  std::string protocol;                        // "HTTP/1.1" or "HTTP/2", as negotiated
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

  // Several requests in flight at once, over the same kept-alive connections; the answers in the
  // same order. Each request is retried on its own, as send() does. Throws the ConnectionError of
  // the first request that got no response (after all of them are done).
  std::vector<HttpResponse> send_all(const std::vector<HttpRequest>& requests);

  // Streams a response body (watch) on a connection of its own. `on_data` gets chunks as they
  // arrive; returning false ends the stream. Ends also at `deadline`. Returns the status; for a
  // non-2xx status the body is in `error_body`. A stream that drops after the headers ends
  // normally (the caller resumes); no response at all throws ConnectionError. `cancelled`, when
  // given, is asked about once a second; true ends the stream (returning the status so far, 0
  // when no answer had come yet).
  int stream(const HttpRequest& request, const std::function<bool(std::string_view)>& on_data,
             std::chrono::steady_clock::time_point deadline, std::string* error_body = nullptr,
             const std::function<bool()>& cancelled = {});

  const RestConfig& config() const { return config_; }
  // Where server Warning headers go (default: "Warning: <text>" on stderr), each text once.
  void set_warning_sink(std::function<void(const std::string&)> sink);
  // Scales the client-go waits between retries (tests); 0 = do not wait.
  void set_retry_wait_scale(double scale) { retry_wait_scale_ = scale; }
  ExecCredentialProvider* exec_provider() { return exec_.get(); }

  struct Transfer;  // one request on one easy handle (internal)
  struct Credentials;
  struct Pool;

 private:
  Credentials credentials();
  void setup(Transfer& transfer, const Credentials& credentials, bool streaming);
  void run(const std::vector<Transfer*>& transfers);
  void report_warnings(const std::vector<std::string>& values);

  RestConfig config_;
  ServerUrl url_;
  std::string url_base_;     // server URL as contacted (host replaced by tls-server-name)
  std::string connect_to_;   // CURLOPT_CONNECT_TO entry, if any
  std::string host_header_;  // Host header for tls-server-name
  TlsMaterial tls_;
  std::string proxy_;  // "" = direct
  std::unique_ptr<ExecCredentialProvider> exec_;
  std::unique_ptr<Pool> pool_;
  std::mutex warnings_mutex_;
  std::set<std::string> warnings_seen_;
  std::function<void(const std::string&)> warning_sink_;
  double retry_wait_scale_ = 1.0;
};

// The text of a Warning header value ("299 - \"text\"" -> "text").
std::string warning_text(const std::string& header_value);

}  // namespace kyma::kube
