#include "core/kube/server_url.hpp"
#include "core/kube/text.hpp"

#include <curl/curl.h>

#include <cctype>
#include <cstdlib>
#include <optional>
#include <sstream>

#include "core/kube/api_error.hpp"
#include "core/ui/error.hpp"

namespace kyma::kube {

namespace {

std::optional<std::string> env(const char* name) {
  const char* value = std::getenv(name);
  if (!value || !*value) return std::nullopt;
  return std::string(value);
}

std::optional<std::string> env_either(const char* upper, const char* lower_name) {
  if (auto value = env(upper)) return value;
  return env(lower_name);
}

// NO_PROXY entries as Go reads them: "*"; "example.com" (the host and its subdomains);
// ".example.com" or "*.example.com" (subdomains only); each optionally with ":port".
bool excluded_by_no_proxy(const ServerUrl& url, const std::string& no_proxy) {
  std::stringstream in(no_proxy);
  std::string entry;
  const std::string host = lower_ascii(url.host);
  while (std::getline(in, entry, ',')) {
    entry = lower_ascii(trim(entry));
    if (entry.empty()) continue;
    if (entry == "*") return true;
    std::string entry_host = entry;
    auto colon = entry.rfind(':');
    if (colon != std::string::npos && entry.find(']') == std::string::npos &&
        entry.find(':') == colon) {
      if (entry.substr(colon + 1) != url.port) continue;
      entry_host = entry.substr(0, colon);
    }
    if (entry_host.rfind("*.", 0) == 0) entry_host.erase(0, 1);
    const bool subdomains_only = !entry_host.empty() && entry_host.front() == '.';
    const std::string suffix = subdomains_only ? entry_host : "." + entry_host;
    if (!subdomains_only && host == entry_host) return true;
    if (host.size() > suffix.size() &&
        host.compare(host.size() - suffix.size(), suffix.size(), suffix) == 0)
      return true;
  }
  return false;
}

}  // namespace

ServerUrl parse_server_url(const std::string& url) {
  ServerUrl parts;
  CURLU* u = curl_url();
  if (!u || curl_url_set(u, CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
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
  parts.scheme = lower_ascii(get(CURLUPART_SCHEME, 0));
  parts.host = get(CURLUPART_HOST, 0);
  parts.port = get(CURLUPART_PORT, CURLU_DEFAULT_PORT);
  parts.path = get(CURLUPART_PATH, 0);
  curl_url_cleanup(u);
  while (!parts.path.empty() && parts.path.back() == '/') parts.path.pop_back();
  return parts;
}

bool is_loopback_host(const std::string& host) {
  std::string h = lower_ascii(host);
  if (h.size() >= 2 && h.front() == '[') h = h.substr(1, h.size() - 2);
  return h == "localhost" || h.rfind("127.", 0) == 0 || h == "::1";
}

std::string proxy_from_environment(const std::string& server) {
  ServerUrl url = parse_server_url(server);
  if (is_loopback_host(url.host)) return "";
  auto proxy = url.scheme == "https" ? env_either("HTTPS_PROXY", "https_proxy")
                                     : env_either("HTTP_PROXY", "http_proxy");
  if (!proxy) return "";
  if (auto no_proxy = env_either("NO_PROXY", "no_proxy");
      no_proxy && excluded_by_no_proxy(url, *no_proxy))
    return "";
  if (proxy->find("://") == std::string::npos) return "http://" + *proxy;
  return *proxy;
}

}  // namespace kyma::kube
