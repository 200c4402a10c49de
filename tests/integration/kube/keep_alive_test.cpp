// HTTP/1.1 keep-alive (fakekube speaks nothing else): one client reuses its connections instead
// of opening one per request. Counted at an HTTP CONNECT proxy, which sees one CONNECT per
// connection.
#include <catch2/catch.hpp>

#include "core/kube/http_transport.hpp"
#include "tests/integration/kube/connect_proxy.hpp"
#include "tests/integration/kube/fixture.hpp"

using namespace kyma::kube;
using kyma::kube::test::config_map;
using kyma::kube::test::ConnectProxy;
using kyma::kube::test::Fixture;
using nlohmann::json;

namespace {

// At most this many requests of one send_all are on the wire at once (http_transport.cpp), so
// at most this many HTTP/1.1 connections.
constexpr int kInFlight = 4;

const std::string kConfigMaps = "/api/v1/namespaces/itest/configmaps";

RestConfig through(const Fixture& f, const ConnectProxy& proxy) {
  RestConfig config = f.config();
  config.proxy_url = proxy.url();
  return config;
}

}  // namespace

TEST_CASE("HTTP/1.1 keep-alive: sequential requests of one client share one connection") {
  Fixture f;
  f.create_namespace("itest");
  f.server.seed(config_map("kept"));
  ConnectProxy proxy;
  HttpTransport transport(through(f, proxy));
  f.server.clear_requests();
  const std::vector<std::string> paths = {"/version", "/api/v1/namespaces/itest",
                                          kConfigMaps + "/kept", kConfigMaps, "/version"};
  for (const auto& path : paths) {
    HttpResponse response = transport.send(HttpRequest::get(path));
    CHECK(response.status == 200);
    CHECK(response.protocol == "HTTP/1.1");
  }
  CHECK(f.server.requests().size() == paths.size());  // all of them reached the server
  CHECK(proxy.connects() == 1);

  // A write in between does not cost a connection either.
  HttpRequest create{"POST", kConfigMaps, config_map("written").dump(), "application/json"};
  CHECK(transport.send(create).status == 201);
  CHECK(transport.send(HttpRequest::get(kConfigMaps + "/written")).status == 200);
  CHECK(proxy.connects() == 1);
}

TEST_CASE("HTTP/1.1 keep-alive: send_all through a proxy answers each request in order") {
  Fixture f;
  f.create_namespace("itest");
  const int kObjects = 10;
  std::vector<HttpRequest> requests;
  for (int i = 0; i < kObjects; ++i) {
    f.server.seed(config_map("cm-" + std::to_string(i)));
    requests.push_back(HttpRequest::get(kConfigMaps + "/cm-" + std::to_string(i)));
  }
  ConnectProxy proxy;
  HttpTransport transport(through(f, proxy));

  std::vector<HttpResponse> responses = transport.send_all(requests);
  REQUIRE(responses.size() == kObjects);
  for (int i = 0; i < kObjects; ++i) {
    CHECK(responses[i].status == 200);
    CHECK(responses[i].protocol == "HTTP/1.1");
    CHECK(json::parse(responses[i].body)["metadata"]["name"] == "cm-" + std::to_string(i));
  }
  // Parallel, but over a few connections reused for the rest of the batch.
  int connections = proxy.connects();
  CHECK(connections >= 1);
  CHECK(connections <= kInFlight);

  // A second batch and a single request run on the connections kept from the first.
  for (const auto& response : transport.send_all(requests)) CHECK(response.status == 200);
  CHECK(transport.send(HttpRequest::get("/version")).status == 200);
  CHECK(proxy.connects() == connections);
}
