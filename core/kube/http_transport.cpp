#include "core/kube/http_transport.hpp"

#include <curl/curl.h>
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "core/kube/api_error.hpp"
#include "core/kube/exec_credentials.hpp"
#include "core/kube/kubeconfig_loader.hpp"
#include "core/kube/retry_policy.hpp"
#include "core/ui/error.hpp"

namespace kyma::kube {

namespace {

std::once_flag g_curl_init;

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

std::optional<std::string> env(const char* name) {
  const char* value = std::getenv(name);
  if (!value || !*value) return std::nullopt;
  return std::string(value);
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

bool looks_like_pem_certificate(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  if (!bio) return false;
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  bool ok = cert != nullptr;
  X509_free(cert);
  BIO_free(bio);
  return ok;
}

bool looks_like_pem_key(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  if (!bio) return false;
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  bool ok = key != nullptr;
  EVP_PKEY_free(key);
  BIO_free(bio);
  return ok;
}

struct UrlParts {
  std::string scheme, host, port, path;
};

UrlParts split_url(const std::string& url) {
  UrlParts parts;
  CURLU* u = curl_url();
  if (curl_url_set(u, CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    curl_url_cleanup(u);
    throw Error("invalid server URL \"" + redact_url(url) + "\"");
  }
  auto get = [&](CURLUPart part, unsigned flags) {
    char* value = nullptr;
    std::string out;
    if (curl_url_get(u, part, &value, flags) == CURLUE_OK && value) out = value;
    curl_free(value);
    return out;
  };
  parts.scheme = get(CURLUPART_SCHEME, 0);
  parts.host = get(CURLUPART_HOST, 0);
  parts.port = get(CURLUPART_PORT, CURLU_DEFAULT_PORT);
  parts.path = get(CURLUPART_PATH, 0);
  curl_url_cleanup(u);
  if (parts.path == "/") parts.path.clear();
  while (!parts.path.empty() && parts.path.back() == '/') parts.path.pop_back();
  return parts;
}

bool is_loopback(const std::string& host) {
  std::string h = lower(host);
  if (!h.empty() && h.front() == '[') h = h.substr(1, h.size() - 2);
  return h == "localhost" || h.rfind("127.", 0) == 0 || h == "::1";
}

std::string percent_encode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

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

}  // namespace

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

std::string proxy_from_environment(const std::string& server) {
  UrlParts parts = split_url(server);
  if (is_loopback(parts.host)) return "";
  std::optional<std::string> proxy =
      parts.scheme == "https" ? (env("HTTPS_PROXY") ? env("HTTPS_PROXY") : env("https_proxy"))
                              : (env("HTTP_PROXY") ? env("HTTP_PROXY") : env("http_proxy"));
  if (!proxy) return "";
  auto no_proxy = env("NO_PROXY") ? env("NO_PROXY") : env("no_proxy");
  if (no_proxy) {
    std::stringstream in(*no_proxy);
    std::string entry;
    std::string host = lower(parts.host);
    while (std::getline(in, entry, ',')) {
      entry = lower(trim(entry));
      if (entry.empty()) continue;
      if (entry == "*") return "";
      std::string entry_host = entry;
      auto colon = entry.rfind(':');
      if (colon != std::string::npos && entry.find(']') == std::string::npos &&
          entry.find(':') == colon) {
        if (entry.substr(colon + 1) != parts.port) continue;
        entry_host = entry.substr(0, colon);
      }
      if (!entry_host.empty() && entry_host.front() == '.') entry_host.erase(0, 1);
      if (host == entry_host ||
          (host.size() > entry_host.size() &&
           host.compare(host.size() - entry_host.size(), entry_host.size(), entry_host) == 0 &&
           host[host.size() - entry_host.size() - 1] == '.'))
        return "";
    }
  }
  if (proxy->find("://") == std::string::npos) return "http://" + *proxy;
  return *proxy;
}

struct HttpTransport::Prepared {
  curl_slist* headers = nullptr;
  HttpResponse response;
  std::vector<std::string> warnings;
  char errbuf[CURL_ERROR_SIZE] = {0};
  const std::function<bool(std::string_view)>* on_data = nullptr;
  std::string* error_body = nullptr;
  void* curl = nullptr;
  bool stopped_by_callback = false;
  ~Prepared() { curl_slist_free_all(headers); }
};

struct HttpTransport::Attempt {
  CURLcode code = CURLE_OK;
  std::string error;
  HttpResponse response;
};

namespace {

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* p = static_cast<HttpTransport::Prepared*>(user);
  std::string line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) {
    p->response.headers.clear();
    p->warnings.clear();
    return size * count;
  }
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = lower(trim(line.substr(0, colon)));
    std::string value = trim(line.substr(colon + 1));
    if (name == "warning") p->warnings.push_back(value);
    p->response.headers[name] = value;
  }
  return size * count;
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* p = static_cast<HttpTransport::Prepared*>(user);
  size_t n = size * count;
  if (p->on_data) {
    long code = 0;
    curl_easy_getinfo(p->curl, CURLINFO_RESPONSE_CODE, &code);
    if (code >= 200 && code < 300) {
      if (!(*p->on_data)(std::string_view(data, n))) {
        p->stopped_by_callback = true;
        return 0;
      }
      return n;
    }
  }
  p->response.body.append(data, n);
  return n;
}

}  // namespace

HttpTransport::HttpTransport(RestConfig config) : config_(std::move(config)) {
  std::call_once(g_curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  UrlParts parts = split_url(config_.server);
  if (parts.scheme != "https" && parts.scheme != "http")
    throw Error("invalid server URL \"" + redact_url(config_.server) +
                "\": the scheme must be https or http");
  std::string host = parts.host;
  url_base_ = parts.scheme + "://" + host + ":" + parts.port + parts.path;
  if (!config_.tls_server_name.empty() && config_.tls_server_name != host &&
      parts.scheme == "https") {
    // libcurl takes SNI and the verification name from the URL host, so the URL names the TLS
    // server name and CONNECT_TO sends the connection to the real address.
    url_base_ = parts.scheme + "://" + config_.tls_server_name + ":" + parts.port + parts.path;
    connect_to_ = config_.tls_server_name + ":" + parts.port + ":" + host + ":" + parts.port;
    host_header_ = "Host: " + host + ":" + parts.port;
  }
  if (!config_.proxy_url.empty()) {
    proxy_ = config_.proxy_url;
    if (proxy_.rfind("socks5://", 0) == 0) proxy_ = "socks5h://" + proxy_.substr(9);
  } else {
    proxy_ = proxy_from_environment(config_.server);
  }
  load_tls_files();
  if (config_.exec) exec_ = std::make_unique<ExecCredentialProvider>(config_);
  warning_sink_ = [](const std::string& text) { std::cerr << "Warning: " << text << std::endl; };
  curl_ = curl_easy_init();
  if (!curl_) throw Error("cannot initialise libcurl");
}

HttpTransport::~HttpTransport() {
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

void HttpTransport::load_tls_files() {
  const std::string cluster = "cluster \"" + config_.cluster_name + "\"";
  const std::string user = "user \"" + config_.user_name + "\"";
  ca_pem_ = config_.ca_data;
  if (!config_.ca_file.empty() && ca_pem_.empty()) {
    if (!read_file(config_.ca_file, ca_pem_))
      throw Error("unable to read certificate-authority " + config_.ca_file + " for " + cluster);
  }
  if (!ca_pem_.empty() && !looks_like_pem_certificate(ca_pem_)) {
    throw Error("the certificate-authority " +
                (config_.ca_file.empty() ? "data" : config_.ca_file) + " of " + cluster +
                " is not a PEM certificate");
  }
  cert_pem_ = config_.client_certificate_data;
  if (cert_pem_.empty() && !config_.client_certificate_file.empty()) {
    if (!read_file(config_.client_certificate_file, cert_pem_))
      throw Error("unable to read client-cert " + config_.client_certificate_file + " for " + user);
  }
  key_pem_ = config_.client_key_data;
  if (key_pem_.empty() && !config_.client_key_file.empty()) {
    if (!read_file(config_.client_key_file, key_pem_))
      throw Error("unable to read client-key " + config_.client_key_file + " for " + user);
  }
  if (!cert_pem_.empty() && !looks_like_pem_certificate(cert_pem_))
    throw Error("the client certificate of " + user + " is not a PEM certificate");
  if (!key_pem_.empty() && !looks_like_pem_key(key_pem_))
    throw Error("the client key of " + user + " is not a PEM private key");
  if (cert_pem_.empty() != key_pem_.empty())
    throw Error(user + " has a client certificate without a key or a key without a certificate");
}

void HttpTransport::set_warning_sink(std::function<void(const std::string&)> sink) {
  warning_sink_ = std::move(sink);
}

void HttpTransport::prepare(void* handle, const HttpRequest& request, Prepared& p, bool streaming) {
  CURL* curl = static_cast<CURL*>(handle);
  p.curl = curl;
  std::string url = url_base_ + request.path;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, p.errbuf);
  curl_easy_setopt(curl, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 30'000L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, config_.user_agent.c_str());
  if (!config_.disable_compression) curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
  if (!streaming && config_.timeout.count() > 0)
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(config_.timeout.count()));
  if (!connect_to_.empty()) p.headers = curl_slist_append(p.headers, host_header_.c_str());

  // Method and body
  if (request.method == "GET") {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else if (request.method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(curl, CURLOPT_COPYPOSTFIELDS, request.body.c_str());
  }

  // TLS
  if (config_.insecure_skip_tls_verify) {
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  } else if (!ca_pem_.empty()) {
    curl_blob blob{const_cast<char*>(ca_pem_.data()), ca_pem_.size(), CURL_BLOB_COPY};
    curl_easy_setopt(curl, CURLOPT_CAINFO_BLOB, &blob);
    curl_easy_setopt(curl, CURLOPT_CAPATH, nullptr);
  }
  std::string cert = cert_pem_, key = key_pem_;
  std::string token;
  if (exec_) {
    auto cred = exec_->get();
    if (!cred.client_certificate_data.empty()) {
      cert = cred.client_certificate_data;
      key = cred.client_key_data;
    }
    token = cred.token;
  }
  if (!cert.empty()) {
    curl_blob cert_blob{cert.data(), cert.size(), CURL_BLOB_COPY};
    curl_blob key_blob{key.data(), key.size(), CURL_BLOB_COPY};
    curl_easy_setopt(curl, CURLOPT_SSLCERTTYPE, "PEM");
    curl_easy_setopt(curl, CURLOPT_SSLCERT_BLOB, &cert_blob);
    curl_easy_setopt(curl, CURLOPT_SSLKEYTYPE, "PEM");
    curl_easy_setopt(curl, CURLOPT_SSLKEY_BLOB, &key_blob);
  }

  // Proxy: always set, so that libcurl does not apply its own environment rules.
  curl_easy_setopt(curl, CURLOPT_PROXY, proxy_.c_str());
  curl_easy_setopt(curl, CURLOPT_NOPROXY, "");

  // Headers
  auto add = [&](const std::string& h) { p.headers = curl_slist_append(p.headers, h.c_str()); };
  add("Accept: " + request.accept);
  if (!request.content_type.empty()) add("Content-Type: " + request.content_type);
  add("Expect:");
  bool secure = url_base_.rfind("https://", 0) == 0;
  if (secure) {
    if (token.empty() && !config_.bearer_token_file.empty()) {
      std::string from_file;
      if (read_file(config_.bearer_token_file, from_file)) token = trim(from_file);
    }
    if (token.empty()) token = config_.bearer_token;
    if (!token.empty()) {
      add("Authorization: Bearer " + token);
    } else if (!config_.username.empty() || !config_.password.empty()) {
      add("Authorization: Basic " + base64_encode(config_.username + ":" + config_.password));
    }
  }
  if (!config_.impersonate_user.empty()) add("Impersonate-User: " + config_.impersonate_user);
  if (!config_.impersonate_uid.empty()) add("Impersonate-Uid: " + config_.impersonate_uid);
  for (const auto& g : config_.impersonate_groups) add("Impersonate-Group: " + g);
  for (const auto& [k, values] : config_.impersonate_extra)
    for (const auto& v : values) add("Impersonate-Extra-" + percent_encode(k) + ": " + v);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, p.headers);

  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &p);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &p);
}

HttpTransport::Attempt HttpTransport::perform_once(const HttpRequest& request) {
  std::lock_guard lock(mutex_);
  CURL* curl = static_cast<CURL*>(curl_);
  curl_easy_reset(curl);
  Prepared p;
  curl_slist* connect_to = nullptr;
  prepare(curl, request, p, false);
  if (!connect_to_.empty()) {
    connect_to = curl_slist_append(nullptr, connect_to_.c_str());
    curl_easy_setopt(curl, CURLOPT_CONNECT_TO, connect_to);
  }
  Attempt a;
  a.code = curl_easy_perform(curl);
  curl_slist_free_all(connect_to);
  if (a.code != CURLE_OK) {
    a.error = p.errbuf[0] ? std::string(p.errbuf) : curl_easy_strerror(a.code);
    return a;
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  p.response.status = static_cast<int>(status);
  for (const auto& w : p.warnings) {
    std::lock_guard wl(warnings_mutex_);
    std::string text = warning_text(w);
    if (warnings_seen_.insert(text).second && warning_sink_) warning_sink_(text);
  }
  a.response = std::move(p.response);
  return a;
}

namespace {
std::string describe_failure(CURLcode code, const std::string& error) {
  std::string cause = error;
  if (code == CURLE_PEER_FAILED_VERIFICATION && error.find("subject name") != std::string::npos)
    cause +=
        " (the server's certificate is not valid for this name: check the server URL or "
        "tls-server-name)";
  else if (code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CACERT_BADFILE)
    cause +=
        " (the server's certificate is not trusted: check the certificate-authority of the "
        "cluster, or --certificate-authority)";
  if (code == CURLE_OPERATION_TIMEDOUT) cause += " (request timed out)";
  return cause;
}
}  // namespace

HttpResponse HttpTransport::send(const HttpRequest& request) {
  bool refreshed = false;
  for (int attempt = 1;; ++attempt) {
    Attempt a = perform_once(request);
    if (a.code != CURLE_OK) {
      auto decision = decide_retry(request.method, 0, classify(a.code), std::nullopt, attempt);
      if (!decision.retry) throw ConnectionError(config_.server, describe_failure(a.code, a.error));
      std::this_thread::sleep_for(decision.wait * retry_wait_scale_);
      continue;
    }
    if (a.response.status == 401 && exec_ && !refreshed) {
      refreshed = true;
      exec_->refresh();
      continue;
    }
    auto decision = decide_retry(request.method, a.response.status, TransportFailure::kNone,
                                 a.response.header("retry-after"), attempt);
    if (!decision.retry) return std::move(a.response);
    std::this_thread::sleep_for(decision.wait * retry_wait_scale_);
  }
}

int HttpTransport::stream(const HttpRequest& request,
                          const std::function<bool(std::string_view)>& on_data,
                          std::chrono::steady_clock::time_point deadline, std::string* error_body) {
  CURL* curl = curl_easy_init();
  if (!curl) throw Error("cannot initialise libcurl");
  Prepared p;
  p.on_data = &on_data;
  prepare(curl, request, p, true);
  curl_slist* connect_to = nullptr;
  if (!connect_to_.empty()) {
    connect_to = curl_slist_append(nullptr, connect_to_.c_str());
    curl_easy_setopt(curl, CURLOPT_CONNECT_TO, connect_to);
  }
  auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  if (remaining.count() < 1) remaining = std::chrono::milliseconds(1);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(remaining.count()));
  CURLcode code = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  std::string error = p.errbuf[0] ? std::string(p.errbuf) : curl_easy_strerror(code);
  curl_easy_cleanup(curl);
  curl_slist_free_all(connect_to);
  if (status == 0 && code != CURLE_OK && code != CURLE_OPERATION_TIMEDOUT)
    throw ConnectionError(config_.server, describe_failure(code, error));
  for (const auto& w : p.warnings) {
    std::lock_guard wl(warnings_mutex_);
    std::string text = warning_text(w);
    if (warnings_seen_.insert(text).second && warning_sink_) warning_sink_(text);
  }
  if (error_body) *error_body = p.response.body;
  return static_cast<int>(status);
}

std::vector<HttpResponse> HttpTransport::send_all(const std::vector<HttpRequest>& requests) {
  std::vector<HttpResponse> out(requests.size());
  std::vector<bool> redo(requests.size(), false);
  std::vector<std::string> failed(requests.size());
  {
    CURLM* multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_PIPELINING, static_cast<long>(CURLPIPE_MULTIPLEX));
    curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, 6L);
    std::vector<std::unique_ptr<Prepared>> prepared;
    std::vector<CURL*> handles;
    curl_slist* connect_to =
        connect_to_.empty() ? nullptr : curl_slist_append(nullptr, connect_to_.c_str());
    for (const auto& request : requests) {
      CURL* h = curl_easy_init();
      prepared.push_back(std::make_unique<Prepared>());
      prepare(h, request, *prepared.back(), false);
      if (connect_to) curl_easy_setopt(h, CURLOPT_CONNECT_TO, connect_to);
      curl_easy_setopt(h, CURLOPT_PIPEWAIT, 1L);
      curl_easy_setopt(h, CURLOPT_PRIVATE, reinterpret_cast<char*>(handles.size()));
      handles.push_back(h);
      curl_multi_add_handle(multi, h);
    }
    int running = 0;
    do {
      curl_multi_perform(multi, &running);
      if (running) curl_multi_poll(multi, nullptr, 0, 200, nullptr);
    } while (running);
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi, &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      char* priv = nullptr;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
      auto index = reinterpret_cast<std::size_t>(priv);
      long status = 0;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &status);
      auto& p = *prepared[index];
      if (msg->data.result != CURLE_OK) {
        // A GET is sent again through send() (which retries a reset as client-go does); a write
        // whose connection failed is reported, never re-sent blindly.
        redo[index] = true;
        if (requests[index].method != "GET")
          failed[index] = describe_failure(
              msg->data.result,
              p.errbuf[0] ? std::string(p.errbuf) : curl_easy_strerror(msg->data.result));
        continue;
      }
      p.response.status = static_cast<int>(status);
      for (const auto& w : p.warnings) {
        std::lock_guard wl(warnings_mutex_);
        std::string text = warning_text(w);
        if (warnings_seen_.insert(text).second && warning_sink_) warning_sink_(text);
      }
      bool retryable = (status == 429 || status >= 500) && p.response.header("retry-after");
      if (retryable || (status == 401 && exec_)) {
        redo[index] = true;
        continue;
      }
      out[index] = std::move(p.response);
    }
    for (CURL* h : handles) {
      curl_multi_remove_handle(multi, h);
      curl_easy_cleanup(h);
    }
    curl_slist_free_all(connect_to);
    curl_multi_cleanup(multi);
  }
  for (std::size_t i = 0; i < requests.size(); ++i) {
    if (!failed[i].empty()) throw ConnectionError(config_.server, failed[i]);
    if (redo[i]) out[i] = send(requests[i]);
  }
  return out;
}

}  // namespace kyma::kube
