// Client pieces that need no server: URL paths, escaping, and discovery answered from the disk
// cache alone (the server address is unreachable on purpose).
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/kube/api_error.hpp"
#include "core/kube/client.hpp"
#include "core/kube/image_reference.hpp"
#include "core/kube/text.hpp"
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
  // A key that is not PEM is named, and its content never shows.
  auto cert = dir.write("c.crt", "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n");
  config.client_certificate_file = cert.string();
  config.client_key_data = "SECRET-KEY-MATERIAL";
  try {
    Client client(config);
    FAIL("expected an error");
  } catch (const kyma::Error& e) {
    std::string what = e.what();
    CHECK(what.find("c.crt") != std::string::npos);
    CHECK(what.find("\"u1\"") != std::string::npos);
    CHECK(what.find("SECRET-KEY-MATERIAL") == std::string::npos);
  }
  config.client_certificate_file.clear();
  config.client_key_file.clear();
  config.client_key_data.clear();
  config.server = "ftp://x";
  CHECK_THROWS_WITH(Client(config), Catch::Contains("scheme must be https or http"));
}

TEST_CASE("image references: tag and digest, registry ports are not tags") {
  auto full = parse_image_reference(
      "europe-docker.pkg.dev/kyma-project/prod/external/istio/pilot:1.23.2-distroless");
  CHECK(full.repository == "europe-docker.pkg.dev/kyma-project/prod/external/istio/pilot");
  CHECK(full.tag == "1.23.2-distroless");
  CHECK(full.digest.empty());
  auto ported = parse_image_reference("localhost:5000/pilot@sha256:abc");
  CHECK(ported.repository == "localhost:5000/pilot");
  CHECK(ported.tag.empty());
  CHECK(ported.digest == "sha256:abc");
  auto both = parse_image_reference("docker.io/istio/pilot:1.22.3@sha256:def");
  CHECK(both.tag == "1.22.3");
  CHECK(both.digest == "sha256:def");
  CHECK(parse_image_reference("busybox").tag.empty());
}
