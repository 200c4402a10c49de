// Several lists at once (Client::list_all), over HTTPS against fakekube: what a converged install
// reads its live objects with.
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/kube/api_error.hpp"
#include "core/kube/client.hpp"
#include "tests/integration/kube/fixture.hpp"

using namespace kyma::kube;
using kyma::kube::test::config_map;
using kyma::kube::test::Fixture;
using nlohmann::json;

namespace {

std::vector<std::string> names(const json& list) {
  std::vector<std::string> out;
  for (const auto& item : list["items"]) out.push_back(item["metadata"]["name"]);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("list_all: each list complete, in order, an unserved kind as nullopt") {
  Fixture f;
  f.create_namespace("itest");
  for (const char* name : {"a", "b", "c", "d", "e"}) f.server.seed(config_map(name));
  f.server.seed({{"apiVersion", "v1"},
                 {"kind", "ServiceAccount"},
                 {"metadata", {{"name", "robot"}, {"namespace", "itest"}}}});
  Client client = f.client();
  f.server.clear_requests();

  ListRequest paged{"v1", "ConfigMap", "itest"};
  paged.options.limit = 2;  // three pages: finished by list() after the first
  ListRequest selected{"v1", "ConfigMap", "itest"};
  selected.options.label_selector = "app=itest";
  auto lists = client.list_all(
      {paged, {"example.com/v1", "Widget"}, {"v1", "ServiceAccount", "itest"}, selected});
  REQUIRE(lists.size() == 4);
  REQUIRE(lists[0]);
  CHECK(names(*lists[0]) == std::vector<std::string>{"a", "b", "c", "d", "e"});
  CHECK((*lists[0])["items"][0]["kind"] == "ConfigMap");
  CHECK_FALSE(lists[1]);
  REQUIRE(lists[2]);
  CHECK(names(*lists[2]) == std::vector<std::string>{"robot"});
  CHECK((*lists[2])["items"][0]["apiVersion"] == "v1");
  REQUIRE(lists[3]);
  CHECK((*lists[3])["items"].size() == 5);
  CHECK((*lists[3])["metadata"].contains("resourceVersion"));
  // One request per single-page list; the paged one was read again in full (3 pages).
  CHECK(f.count("GET", "/api/v1/namespaces/itest/serviceaccounts") == 1);
  CHECK(f.count("GET", "/api/v1/namespaces/itest/configmaps") == 1 + 1 + 3);
}

TEST_CASE("list_all: a failed first page is the typed error, retried as any request") {
  Fixture f;
  f.create_namespace("itest");
  f.server.seed(config_map("a"));
  Client client = f.client();
  const std::string path = "/api/v1/namespaces/itest/configmaps";
  // 429 with Retry-After is retried by the transport, as for a single request.
  auto busy = kyma::kube::test::fault("GET", path, 1, 429);
  busy.retry_after_seconds = 1;
  f.server.add_fault(busy);
  auto lists = client.list_all({{"v1", "ConfigMap", "itest"}});
  REQUIRE(lists[0]);
  CHECK(names(*lists[0]) == std::vector<std::string>{"a"});

  f.server.clear_requests();
  f.server.add_fault(kyma::kube::test::fault("GET", path, 1, 403));
  CHECK_THROWS_AS(client.list_all({{"v1", "ConfigMap", "itest"}}), ForbiddenError);
  CHECK(f.count("GET", path) == 1);  // the answer in hand, not asked again
}
