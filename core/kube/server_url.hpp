#pragma once
// The API server's URL taken apart, and the proxy to reach it through: Go's ProxyFromEnvironment
// rules (HTTPS_PROXY / HTTP_PROXY and their lower-case forms, NO_PROXY, never for loopback).
#include <string>

namespace kyma::kube {

struct ServerUrl {
  std::string scheme;  // "https" or "http"
  std::string host;    // as written; IPv6 in brackets
  std::string port;    // the default port for the scheme when the URL has none
  std::string path;    // prefix without a trailing slash ("" for none)
};

// Throws kyma::Error naming the (redacted) URL when it cannot be parsed.
ServerUrl parse_server_url(const std::string& url);

bool is_loopback_host(const std::string& host);

// The proxy for `server` from the environment ("" = connect directly).
std::string proxy_from_environment(const std::string& server);

}  // namespace kyma::kube
