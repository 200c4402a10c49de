#pragma once
// A running fakekube and ways to build clients for it, for the client's integration tests.
#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "core/kube/client.hpp"
#include "tests/fakekube/server.hpp"
#include "tests/support/temp_dir.hpp"

namespace kyma::kube::test {

struct Fixture {
  fakekube::Server server;
  kyma::test::TempDir dir;

  Fixture() { server.start(); }

  // A config for the server: auth "token" (admin token), "cert" (admin client certificate) or
  // "none"; the server's CA; a private discovery cache; namespace "itest".
  RestConfig config(const std::string& auth = "token") const {
    RestConfig c;
    c.server = server.url();
    c.ca_data = server.ca_pem();
    if (auth == "token") c.bearer_token = server.admin_token();
    if (auth == "cert") {
      c.client_certificate_data = server.client_cert_pem();
      c.client_key_data = server.client_key_pem();
    }
    c.cache_dir = (dir.path() / "cache").string();
    c.namespace_ = "itest";
    return c;
  }

  // A client whose retry waits are shortened twentyfold (client-go waits 1 s between resets).
  Client client(const std::string& auth = "token") const {
    Client c(config(auth));
    c.transport().set_retry_wait_scale(0.05);
    return c;
  }

  void create_namespace(const std::string& name) {
    server.seed({{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", name}}}});
  }

  // Requests the server saw with this verb and exact path.
  int count(const std::string& verb, const std::string& path) const {
    int n = 0;
    for (const auto& r : server.requests())
      if (r.verb == verb && r.path == path) ++n;
    return n;
  }
};

inline fakekube::Fault fault(const std::string& verb, const std::string& path, int count,
                             int status) {
  return fakekube::failing(verb, path, status, count);
}

inline nlohmann::json config_map(const std::string& name, const std::string& ns = "itest",
                                 const std::string& value = "v") {
  return {{"apiVersion", "v1"},
          {"kind", "ConfigMap"},
          {"metadata", {{"name", name}, {"namespace", ns}, {"labels", {{"app", "itest"}}}}},
          {"data", {{"key", value}}}};
}

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace kyma::kube::test
