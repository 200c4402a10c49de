// client-go's retry rules over real HTTPS: 429/5xx with Retry-After are retried after the wait,
// a dropped connection is retried for GET, and a write is never sent twice on its own.
#include <catch2/catch.hpp>

#include "core/kube/api_error.hpp"
#include "core/kube/client.hpp"
#include "tests/integration/kube/fixture.hpp"

using namespace kyma::kube;
using kyma::kube::test::config_map;
using kyma::kube::test::fault;
using kyma::kube::test::Fixture;
using nlohmann::json;
using std::chrono::milliseconds;

namespace {
const std::string kConfigMaps = "/api/v1/namespaces/itest/configmaps";
}

TEST_CASE("429 with Retry-After is retried after the wait the server asks for") {
  Fixture f;
  f.create_namespace("itest");
  Client client = f.client();
  client.create(config_map("r"));
  client.transport().set_retry_wait_scale(1.0);  // really wait
  f.server.clear_requests();
  auto throttled = fault("GET", kConfigMaps + "/r", 1, 429);
  throttled.retry_after_seconds = 1;
  f.server.add_fault(throttled);
  auto start = std::chrono::steady_clock::now();
  CHECK(client.get("v1", "ConfigMap", "itest", "r")["metadata"]["name"] == "r");
  CHECK(std::chrono::steady_clock::now() - start >= milliseconds(950));
  CHECK(f.count("GET", kConfigMaps + "/r") == 2);
}

TEST_CASE("Retry-After is honoured for writes too, and 5xx without it is not retried") {
  Fixture f;
  f.create_namespace("itest");
  Client client = f.client();
  client.transport().set_retry_wait_scale(0.01);
  auto unavailable = fault("POST", kConfigMaps, 2, 503);
  unavailable.retry_after_seconds = 1;
  f.server.add_fault(unavailable);
  client.create(config_map("w"));
  CHECK(f.count("POST", kConfigMaps) == 3);
  CHECK(f.server.get("v1", "ConfigMap", "itest", "w"));

  f.server.clear_requests();
  f.server.add_fault(fault("GET", kConfigMaps + "/w", 1, 503));
  CHECK_THROWS_AS(client.get("v1", "ConfigMap", "itest", "w"), ApiError);
  CHECK(f.count("GET", kConfigMaps + "/w") == 1);
}

TEST_CASE("at most 10 tries, then the server's answer is the error") {
  Fixture f;
  f.create_namespace("itest");
  Client client = f.client();
  client.transport().set_retry_wait_scale(0);
  auto endless = fault("GET", kConfigMaps + "/x", 100, 429);
  endless.retry_after_seconds = 1;
  f.server.add_fault(endless);
  CHECK_THROWS_AS(client.get("v1", "ConfigMap", "itest", "x"), TooManyRequestsError);
  CHECK(f.count("GET", kConfigMaps + "/x") == 10);
}

TEST_CASE("a dropped connection: GET is tried again, a write is not") {
  Fixture f;
  f.create_namespace("itest");
  Client client = f.client();
  client.create(config_map("d"));
  // Twice in a row: more than libcurl's own single retry of a reused connection.
  auto drop = fault("GET", kConfigMaps + "/d", 2, 0);
  drop.close_connection = true;
  f.server.add_fault(drop);
  CHECK(client.get("v1", "ConfigMap", "itest", "d")["metadata"]["name"] == "d");

  for (bool reused : {true, false}) {
    INFO("reused connection: " << reused);
    Client writer = f.client();
    if (reused) writer.get("v1", "ConfigMap", "itest", "d");  // the connection stays open
    f.server.clear_requests();
    auto drop_post = fault("POST", kConfigMaps, 1, 0);
    drop_post.close_connection = true;
    f.server.add_fault(drop_post);
    CHECK_THROWS_AS(writer.create(config_map("never")), ConnectionError);
    CHECK(f.count("POST", kConfigMaps) <= 1);
    CHECK_FALSE(f.server.get("v1", "ConfigMap", "itest", "never"));
    f.server.clear_faults();
  }
}

TEST_CASE("several requests in flight, and each is retried on its own") {
  Fixture f;
  f.create_namespace("itest");
  for (int i = 0; i < 6; ++i) f.server.seed(config_map("m" + std::to_string(i)));
  Client client = f.client();
  client.transport().set_retry_wait_scale(0.01);
  auto throttled = fault("GET", kConfigMaps + "/m2", 1, 429);
  throttled.retry_after_seconds = 1;
  f.server.add_fault(throttled);
  auto drop = fault("GET", kConfigMaps + "/m4", 1, 0);
  drop.close_connection = true;
  f.server.add_fault(drop);
  std::vector<HttpRequest> requests;
  for (int i = 0; i < 6; ++i)
    requests.push_back(HttpRequest::get(kConfigMaps + "/m" + std::to_string(i)));
  requests.push_back(HttpRequest::get(kConfigMaps + "/missing"));
  auto responses = client.transport().send_all(requests);
  REQUIRE(responses.size() == 7);
  for (int i = 0; i < 6; ++i) {
    CHECK(responses[i].status == 200);
    CHECK(json::parse(responses[i].body)["metadata"]["name"] == "m" + std::to_string(i));
  }
  CHECK(responses[6].status == 404);
  CHECK(f.count("GET", kConfigMaps + "/m2") == 2);
}
