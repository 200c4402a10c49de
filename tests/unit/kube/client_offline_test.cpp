// Client pieces that need no server: URL paths, escaping, and discovery answered from the disk
// cache alone (the server address is unreachable on purpose).
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/kube/api_error.hpp"
#include "core/kube/client.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kyma::kube;
using kyma::test::TempDir;

namespace {

RestConfig offline(const std::string& cache_dir) {
  RestConfig config;
  config.server = "https://127.0.0.1:1";
  config.namespace_ = "ns1";
  config.cache_dir = cache_dir;
  return config;
}

}  // namespace

TEST_CASE("resource paths") {
  Client client(offline(""));
  ResourceInfo deploy{"apps", "v1", "deployments", "Deployment", true, {}};
  ResourceInfo ns{"", "v1", "namespaces", "Namespace", false, {}};
  CHECK(client.path_for(deploy, "x", "") == "/apis/apps/v1/namespaces/x/deployments");
  CHECK(client.path_for(deploy, "", "") == "/apis/apps/v1/deployments");
  CHECK(client.path_for(deploy, "x", "d", "status") ==
        "/apis/apps/v1/namespaces/x/deployments/d/status");
  CHECK(client.path_for(ns, "ignored", "kyma-system") == "/api/v1/namespaces/kyma-system");
  CHECK(deploy.group_resource() == "deployments.apps");
  CHECK(ns.api_version() == "v1");
  CHECK(url_escape("app in (a,b)") == "app%20in%20%28a%2Cb%29");
  CHECK(client.namespace_() == "ns1");
}

TEST_CASE("discovery reads kubectl's disk cache layout") {
  TempDir cache;
  cache.write("discovery/127.0.0.1_1/apps/v1/serverresources.json", R"({
    "kind": "APIResourceList", "groupVersion": "apps/v1",
    "resources": [
      {"name": "deployments", "kind": "Deployment", "namespaced": true, "verbs": ["get", "list"]},
      {"name": "deployments/status", "kind": "Deployment", "namespaced": true}
    ]})");
  cache.write("discovery/127.0.0.1_1/v1/serverresources.json", R"({
    "kind": "APIResourceList", "groupVersion": "v1",
    "resources": [{"name": "namespaces", "kind": "Namespace", "namespaced": false}]})");
  Client client(offline(cache.path().string()));
  auto deploy = client.resource("apps/v1", "Deployment");
  CHECK(deploy.resource == "deployments");
  CHECK(deploy.namespaced);
  CHECK(deploy.verbs == std::vector<std::string>{"get", "list"});
  CHECK_FALSE(client.resource("v1", "Namespace").namespaced);
  // A kind missing from the cache is looked up on the server again (unreachable here).
  CHECK_THROWS_AS(client.resource("apps/v1", "StatefulSet"), ConnectionError);
}

TEST_CASE("a bad certificate in the config is named before any request") {
  TempDir dir;
  RestConfig config = offline("");
  config.cluster_name = "c1";
  config.ca_data = "not a certificate";
  CHECK_THROWS_WITH(Client(config), Catch::Contains("certificate-authority") &&
                                        Catch::Contains("\"c1\"") &&
                                        Catch::Contains("not a PEM certificate"));
  config.ca_data.clear();
  config.user_name = "u1";
  config.client_certificate_file = (dir.path() / "missing.crt").string();
  config.client_key_file = (dir.path() / "missing.key").string();
  CHECK_THROWS_WITH(Client(config), Catch::Contains("unable to read client-cert") &&
                                        Catch::Contains("missing.crt"));
  config.client_certificate_file.clear();
  config.client_key_file.clear();
  config.server = "ftp://x";
  CHECK_THROWS_WITH(Client(config), Catch::Contains("scheme must be https or http"));
}
