#include "core/kube/http_transport.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "core/kube/api_error.hpp"
#include "core/kube/exec_credentials.hpp"
#include "core/kube/kubeconfig_loader.hpp"
#include "core/kube/retry_policy.hpp"
#include "core/kube/text.hpp"
#include "core/ui/error.hpp"

namespace kyma::kube {

namespace {

using Clock = std::chrono::steady_clock;

// Requests on the wire at once: as many connections to an HTTP/1.1 server, or streams on one
// HTTP/2 connection.
constexpr std::size_t kInFlight = 4;

std::once_flag g_curl_init;

TransportFailure classify(CURLcode code) {
  switch (code) {
    case CURLE_OK:
      return TransportFailure::kNone;
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return TransportFailure::kConnectionReset;
    default:
      return TransportFailure::kOther;
  }
}

std::string describe_failure(CURLcode code, const std::string& error) {
  std::string cause = error.empty() ? curl_easy_strerror(code) : error;
  if (code == CURLE_PEER_FAILED_VERIFICATION && error.find("subject name") != std::string::npos) {
    cause +=
        " (the server's certificate is not valid for this name: check the server URL or "
        "tls-server-name)";
  } else if (code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CACERT_BADFILE) {
    cause +=
        " (the server's certificate is not trusted: check the certificate-authority of the "
        "cluster, or --certificate-authority)";
  } else if (code == CURLE_SEND_FAIL_REWIND) {
    cause =
        "the connection closed before the server answered; the request was not sent again "
        "because the server may have applied it";
  } else if (code == CURLE_OPERATION_TIMEDOUT) {
    cause += " (request timed out; see --request-timeout)";
  }
  return cause;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The connection pool: one multi handle (its connection cache keeps connections alive between
// requests), idle easy handles to reuse, and a share for DNS answers that the watch streams
// (which run on their own handles, maybe in other threads) use too.

struct HttpTransport::Pool {
  CURLM* multi = nullptr;
  CURLSH* share = nullptr;
  std::array<std::mutex, CURL_LOCK_DATA_LAST> share_locks;
  std::mutex mutex;  // one transfer round at a time on the multi handle
  std::vector<CURL*> idle;

  Pool() {
    multi = curl_multi_init();
    share = curl_share_init();
    if (!multi || !share) throw Error("cannot initialise libcurl");
    curl_multi_setopt(multi, CURLMOPT_PIPELINING, static_cast<long>(CURLPIPE_MULTIPLEX));
    // HTTP/1.1 servers get a few parallel connections; HTTP/2 servers multiplex on one.
    curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(kInFlight));
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, static_cast<long>(kInFlight));
    curl_share_setopt(share, CURLSHOPT_LOCKFUNC, &Pool::lock);
    curl_share_setopt(share, CURLSHOPT_UNLOCKFUNC, &Pool::unlock);
    curl_share_setopt(share, CURLSHOPT_USERDATA, this);
    curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  }
  ~Pool() {
    for (CURL* h : idle) curl_easy_cleanup(h);
    curl_multi_cleanup(multi);
    curl_share_cleanup(share);
  }
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  CURL* acquire() {
    if (idle.empty()) return curl_easy_init();
    CURL* h = idle.back();
    idle.pop_back();
    return h;
  }
  void release(CURL* h) {
    curl_easy_reset(h);  // drops pointers into the finished transfer
    idle.push_back(h);
  }

  static void lock(CURL*, curl_lock_data data, curl_lock_access, void* user) {
    static_cast<Pool*>(user)->share_locks[static_cast<std::size_t>(data)].lock();
  }
  static void unlock(CURL*, curl_lock_data data, void* user) {
    static_cast<Pool*>(user)->share_locks[static_cast<std::size_t>(data)].unlock();
  }
};

struct HttpTransport::Credentials {
  std::string authorization;  // the whole header line, or ""
  std::string cert_pem, key_pem;
};

struct HttpTransport::Transfer {
  const HttpRequest* request = nullptr;
  CURL* curl = nullptr;
  curl_slist* headers = nullptr;
  curl_slist* connect_to = nullptr;
  std::string url;
  std::size_t body_sent = 0;
  HttpResponse response;
  std::vector<std::string> warnings;
  char errbuf[CURL_ERROR_SIZE] = {0};
  const std::function<bool(std::string_view)>* on_data = nullptr;
  const std::function<bool()>* cancelled = nullptr;
  bool finished = false;
  CURLcode code = CURLE_OK;

  ~Transfer() {
    curl_slist_free_all(headers);
    curl_slist_free_all(connect_to);
  }
  std::string error() const { return errbuf[0] ? std::string(errbuf) : curl_easy_strerror(code); }
};

namespace {

using Transfer = HttpTransport::Transfer;

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) {  // a new response (after 100 Continue or a proxy's answer)
    t->response.headers.clear();
    t->warnings.clear();
    return size * count;
  }
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = lower_ascii(trim(line.substr(0, colon)));
    std::string value = trim(line.substr(colon + 1));
    if (name == "warning") t->warnings.push_back(value);
    t->response.headers[name] = value;
  }
  return size * count;
}

std::string negotiated_protocol(CURL* curl) {
  long version = 0;
  curl_easy_getinfo(curl, CURLINFO_HTTP_VERSION, &version);
  switch (version) {
    case CURL_HTTP_VERSION_1_0:
      return "HTTP/1.0";
    case CURL_HTTP_VERSION_1_1:
      return "HTTP/1.1";
    case CURL_HTTP_VERSION_2_0:
      return "HTTP/2";
    default:
      return "";
  }
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  if (t->on_data) {
    long code = 0;
    curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &code);
    if (code >= 200 && code < 300) return (*t->on_data)(std::string_view(data, n)) ? n : 0;
  }
  t->response.body.append(data, n);
  return n;
}

size_t read_body(char* buffer, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::string& body = t->request->body;
  size_t n = std::min(size * count, body.size() - t->body_sent);
  std::copy_n(body.data() + t->body_sent, n, buffer);
  t->body_sent += n;
  return n;
}

// libcurl asks to rewind the body only to send it again: refused (see the header).
int refuse_seek(void*, curl_off_t, int) {
  return CURL_SEEKFUNC_CANTSEEK;
}

// libcurl calls this about once a second even while nothing arrives; non-zero aborts.
int check_cancelled(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* t = static_cast<Transfer*>(user);
  return (*t->cancelled)() ? 1 : 0;
}

}  // namespace

HttpTransport::HttpTransport(RestConfig config) : config_(std::move(config)) {
  std::call_once(g_curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  url_ = parse_server_url(config_.server);
  if (url_.scheme != "https" && url_.scheme != "http")
    throw Error("invalid server URL \"" + redact_url(config_.server) +
                "\": the scheme must be https or http");
  url_base_ = url_.scheme + "://" + url_.host + ":" + url_.port + url_.path;
  if (!config_.tls_server_name.empty() && config_.tls_server_name != url_.host &&
      url_.scheme == "https") {
    // libcurl takes SNI and the verification name from the URL's host, so the URL names the
    // TLS server name and CONNECT_TO sends the connection to the real address.
    url_base_ = url_.scheme + "://" + config_.tls_server_name + ":" + url_.port + url_.path;
    connect_to_ = config_.tls_server_name + ":" + url_.port + ":" + url_.host + ":" + url_.port;
    host_header_ = "Host: " + url_.host + ":" + url_.port;
  }
  if (!config_.proxy_url.empty()) {
    proxy_ = config_.proxy_url;
    // Go's SOCKS5 dialer lets the proxy resolve the name: socks5h in libcurl's terms.
    if (proxy_.rfind("socks5://", 0) == 0) proxy_ = "socks5h://" + proxy_.substr(9);
  } else {
    proxy_ = proxy_from_environment(config_.server);
  }
  tls_ = load_tls_material(config_);
  // As client-go: credentials given directly (a token, basic auth, a certificate with its key)
  // win over the user's exec plugin, which is then never run ("kubectl --token T" uses T).
  const bool token_auth = !config_.bearer_token.empty() || !config_.bearer_token_file.empty();
  const bool basic_auth = !config_.username.empty();
  const bool cert_auth = !tls_.cert_pem.empty() && !tls_.key_pem.empty();
  if (config_.exec && !token_auth && !basic_auth && !cert_auth) {
    exec_ = std::make_unique<ExecCredentialProvider>(config_);
  }
  warning_sink_ = [](const std::string& text) { std::cerr << "Warning: " << text << std::endl; };
  pool_ = std::make_unique<Pool>();
}

HttpTransport::~HttpTransport() = default;

std::optional<std::string> HttpResponse::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

std::string warning_text(const std::string& value) {
  // warn-code SP warn-agent SP "warn-text" [SP warn-date]
  auto quote = value.find('"');
  if (quote == std::string::npos) return trim(value);
  std::string out;
  for (std::size_t i = quote + 1; i < value.size(); ++i) {
    if (value[i] == '\\' && i + 1 < value.size()) {
      out.push_back(value[++i]);
    } else if (value[i] == '"') {
      break;
    } else {
      out.push_back(value[i]);
    }
  }
  return out;
}

void HttpTransport::set_warning_sink(std::function<void(const std::string&)> sink) {
  warning_sink_ = std::move(sink);
}

void HttpTransport::report_warnings(const std::vector<std::string>& values) {
  std::lock_guard lock(warnings_mutex_);
  for (const auto& value : values) {
    std::string text = warning_text(value);
    if (warnings_seen_.insert(text).second && warning_sink_) warning_sink_(text);
  }
}

HttpTransport::Credentials HttpTransport::credentials() {
  Credentials c;
  c.cert_pem = tls_.cert_pem;
  c.key_pem = tls_.key_pem;
  // client-go sends user credentials only over TLS.
  if (url_.scheme != "https") return c;
  std::string token;
  if (exec_) {
    ExecCredential cred = exec_->get();
    if (!cred.client_certificate_data.empty()) {
      c.cert_pem = cred.client_certificate_data;
      c.key_pem = cred.client_key_data;
    }
    token = cred.token;
  }
  if (token.empty() && !config_.bearer_token_file.empty()) {
    std::string from_file;
    if (read_file(config_.bearer_token_file, from_file)) token = trim(from_file);
  }
  if (token.empty()) token = config_.bearer_token;
  if (!token.empty()) {
    c.authorization = "Authorization: Bearer " + token;
  } else if (!config_.username.empty() || !config_.password.empty()) {
    c.authorization =
        "Authorization: Basic " + base64_encode(config_.username + ":" + config_.password);
  }
  return c;
}

void HttpTransport::setup(Transfer& t, const Credentials& creds, bool streaming) {
  CURL* curl = t.curl;
  const HttpRequest& request = *t.request;
  t.url = url_base_ + request.path;
  curl_easy_setopt(curl, CURLOPT_URL, t.url.c_str());
  curl_easy_setopt(curl, CURLOPT_SHARE, pool_->share);
  curl_easy_setopt(curl, CURLOPT_PRIVATE, static_cast<void*>(&t));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, t.errbuf);
  curl_easy_setopt(curl, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  curl_easy_setopt(curl, CURLOPT_PIPEWAIT, 1L);
  curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
  // No TLS session resumption, as client-go (Go's default: no session cache); some servers
  // that check client certificates refuse a resumed session with an internal-error alert.
  curl_easy_setopt(curl, CURLOPT_SSL_SESSIONID_CACHE, 0L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 30'000L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, config_.user_agent.c_str());
  if (!config_.disable_compression) curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
  if (!streaming && config_.timeout.count() > 0)
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(config_.timeout.count()));
  if (!connect_to_.empty()) {
    t.connect_to = curl_slist_append(nullptr, connect_to_.c_str());
    curl_easy_setopt(curl, CURLOPT_CONNECT_TO, t.connect_to);
  }

  // Method and body
  if (request.method == "GET") {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else if (request.method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_body);
    curl_easy_setopt(curl, CURLOPT_READDATA, &t);
    curl_easy_setopt(curl, CURLOPT_SEEKFUNCTION, refuse_seek);
  }

  // TLS
  if (config_.insecure_skip_tls_verify) {
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  } else if (!tls_.ca_pem.empty()) {
    curl_blob blob{const_cast<char*>(tls_.ca_pem.data()), tls_.ca_pem.size(), CURL_BLOB_COPY};
    curl_easy_setopt(curl, CURLOPT_CAINFO_BLOB, &blob);
    curl_easy_setopt(curl, CURLOPT_CAPATH, nullptr);
  }
  if (!creds.cert_pem.empty()) {
    curl_blob cert{const_cast<char*>(creds.cert_pem.data()), creds.cert_pem.size(), CURL_BLOB_COPY};
    curl_blob key{const_cast<char*>(creds.key_pem.data()), creds.key_pem.size(), CURL_BLOB_COPY};
    curl_easy_setopt(curl, CURLOPT_SSLCERTTYPE, "PEM");
    curl_easy_setopt(curl, CURLOPT_SSLCERT_BLOB, &cert);
    curl_easy_setopt(curl, CURLOPT_SSLKEYTYPE, "PEM");
    curl_easy_setopt(curl, CURLOPT_SSLKEY_BLOB, &key);
  }

  // Proxy: always set, so that libcurl does not apply its own environment rules.
  curl_easy_setopt(curl, CURLOPT_PROXY, proxy_.c_str());
  curl_easy_setopt(curl, CURLOPT_NOPROXY, "");
  curl_easy_setopt(curl, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);

  // Headers
  auto add = [&](const std::string& h) { t.headers = curl_slist_append(t.headers, h.c_str()); };
  if (!host_header_.empty()) add(host_header_);
  add("Accept: " + request.accept);
  if (!request.content_type.empty()) add("Content-Type: " + request.content_type);
  add("Expect:");
  if (!creds.authorization.empty()) add(creds.authorization);
  if (!config_.impersonate_user.empty()) add("Impersonate-User: " + config_.impersonate_user);
  if (!config_.impersonate_uid.empty()) add("Impersonate-Uid: " + config_.impersonate_uid);
  for (const auto& g : config_.impersonate_groups) add("Impersonate-Group: " + g);
  for (const auto& [k, values] : config_.impersonate_extra)
    for (const auto& v : values) add("Impersonate-Extra-" + url_escape(k) + ": " + v);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, t.headers);

  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
}

void HttpTransport::run(const std::vector<Transfer*>& transfers) {
  std::lock_guard lock(pool_->mutex);
  CURLM* multi = pool_->multi;
  Credentials creds = credentials();  // may run the exec plugin: before any handle is taken
  // At most kInFlight transfers are on the multi handle at once, the next one added as soon as
  // one is done: transfers that libcurl itself queues for a free connection start late (each
  // waits for a timer), which made a batch several times slower than the same requests sent
  // one by one.
  std::size_t next = 0, active = 0;
  auto add_next = [&] {
    Transfer* t = transfers[next++];
    t->curl = pool_->acquire();
    if (!t->curl) throw Error("cannot initialise libcurl");
    setup(*t, creds, false);
    curl_multi_add_handle(multi, t->curl);
    ++active;
  };
  auto finish = [&](Transfer* t, CURLcode code) {
    t->finished = true;
    t->code = code;
    long status = 0;
    if (code == CURLE_OK) {
      curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &status);
      t->response.protocol = negotiated_protocol(t->curl);
    }
    t->response.status = static_cast<int>(status);
    curl_multi_remove_handle(multi, t->curl);
    pool_->release(t->curl);
    t->curl = nullptr;
    --active;
  };
  while (next < transfers.size() && active < kInFlight) add_next();
  while (active > 0) {
    int running = 0;
    if (curl_multi_perform(multi, &running) != CURLM_OK) break;
    int left = 0;
    bool progressed = false;
    while (CURLMsg* msg = curl_multi_info_read(multi, &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      void* priv = nullptr;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
      finish(static_cast<Transfer*>(priv), msg->data.result);
      if (next < transfers.size()) add_next();
      progressed = true;
    }
    if (progressed) continue;
    if (!running) break;  // nothing left to wait for (libcurl lost a transfer)
    curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
  }
  for (Transfer* t : transfers) {
    if (t->curl) finish(t, CURLE_GOT_NOTHING);  // only after a libcurl failure
    if (!t->finished) t->code = CURLE_GOT_NOTHING;
  }
}

HttpResponse HttpTransport::send(const HttpRequest& request) {
  return std::move(send_all({request}).front());
}

std::vector<HttpResponse> HttpTransport::send_all(const std::vector<HttpRequest>& requests) {
  struct State {
    int attempts = 0;
    bool done = false;
    Clock::time_point due{};
    std::string failure;  // the cause when no response could be had
  };
  std::vector<HttpResponse> out(requests.size());
  std::vector<State> states(requests.size());
  bool refreshed = false;
  auto wait_for = [&](std::chrono::milliseconds wait) {
    return Clock::now() + std::chrono::duration_cast<Clock::duration>(wait * retry_wait_scale_);
  };
  for (;;) {
    auto now = Clock::now();
    std::vector<std::size_t> due;
    std::optional<Clock::time_point> next;
    for (std::size_t i = 0; i < requests.size(); ++i) {
      if (states[i].done) continue;
      if (states[i].due <= now) {
        due.push_back(i);
      } else if (!next || states[i].due < *next) {
        next = states[i].due;
      }
    }
    if (due.empty()) {
      if (!next) break;
      std::this_thread::sleep_until(*next);
      continue;
    }
    std::vector<std::unique_ptr<Transfer>> transfers;
    std::vector<Transfer*> pointers;
    for (std::size_t i : due) {
      transfers.push_back(std::make_unique<Transfer>());
      transfers.back()->request = &requests[i];
      pointers.push_back(transfers.back().get());
    }
    run(pointers);
    bool refresh = false;
    for (std::size_t k = 0; k < due.size(); ++k) {
      std::size_t i = due[k];
      Transfer& t = *transfers[k];
      State& state = states[i];
      const std::string& method = requests[i].method;
      ++state.attempts;
      if (t.code != CURLE_OK) {
        auto decision = decide_retry(method, 0, classify(t.code), std::nullopt, state.attempts);
        if (decision.retry) {
          state.due = wait_for(decision.wait);
        } else {
          state.done = true;
          state.failure = describe_failure(t.code, t.error());
        }
        continue;
      }
      report_warnings(t.warnings);
      if (t.response.status == 401 && exec_ && !refreshed) {
        refresh = true;  // the plugin runs once for all the requests that got a 401
        state.due = now;
        continue;
      }
      auto decision = decide_retry(method, t.response.status, TransportFailure::kNone,
                                   t.response.header("retry-after"), state.attempts);
      if (decision.retry) {
        state.due = wait_for(decision.wait);
      } else {
        state.done = true;
        out[i] = std::move(t.response);
      }
    }
    if (refresh) {
      refreshed = true;
      exec_->refresh();
    }
  }
  for (const auto& state : states)
    if (!state.failure.empty()) throw ConnectionError(config_.server, state.failure);
  return out;
}

int HttpTransport::stream(const HttpRequest& request,
                          const std::function<bool(std::string_view)>& on_data,
                          Clock::time_point deadline, std::string* error_body,
                          const std::function<bool()>& cancelled) {
  bool refreshed = false;
  for (int attempt = 1;; ++attempt) {
    Credentials creds = credentials();
    Transfer t;
    t.request = &request;
    t.on_data = &on_data;
    t.curl = curl_easy_init();
    if (!t.curl) throw Error("cannot initialise libcurl");
    std::unique_ptr<CURL, void (*)(CURL*)> handle(t.curl, curl_easy_cleanup);
    setup(t, creds, true);
    if (cancelled) {
      t.cancelled = &cancelled;
      curl_easy_setopt(t.curl, CURLOPT_XFERINFOFUNCTION, check_cancelled);
      curl_easy_setopt(t.curl, CURLOPT_XFERINFODATA, static_cast<void*>(&t));
      curl_easy_setopt(t.curl, CURLOPT_NOPROGRESS, 0L);
    }
    auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    curl_easy_setopt(t.curl, CURLOPT_TIMEOUT_MS, std::max<long>(1, remaining.count()));
    t.code = curl_easy_perform(t.curl);
    long status = 0;
    curl_easy_getinfo(t.curl, CURLINFO_RESPONSE_CODE, &status);
    if (t.code == CURLE_ABORTED_BY_CALLBACK) return static_cast<int>(status);
    if (status == 0 && t.code != CURLE_OK && t.code != CURLE_OPERATION_TIMEDOUT) {
      // A watch is a GET: a connection that closed before the answer is tried again.
      auto decision = decide_retry(request.method, 0, classify(t.code), std::nullopt, attempt);
      auto wait = std::chrono::duration_cast<Clock::duration>(decision.wait * retry_wait_scale_);
      if (decision.retry && Clock::now() + wait < deadline) {
        std::this_thread::sleep_for(wait);
        continue;
      }
      throw ConnectionError(config_.server, describe_failure(t.code, t.error()));
    }
    report_warnings(t.warnings);
    if (status == 401 && exec_ && !refreshed) {
      refreshed = true;
      exec_->refresh();
      continue;
    }
    if (error_body) *error_body = t.response.body;
    return static_cast<int>(status);
  }
}

}  // namespace kyma::kube
