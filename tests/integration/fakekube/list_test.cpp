// LIST: label and field selectors, limit/continue paging, expired continue tokens.
#include <catch2/catch.hpp>

#include "tests/integration/fakekube/api_client.hpp"

using fakekube::test::ApiClient;
using fakekube::test::config_map;
using fakekube::test::namespace_object;
using nlohmann::json;

namespace {

struct Fixture : fakekube::test::RunningServer {
  ApiClient api{server};
  Fixture() {
    server.seed(namespace_object("a"));
    server.seed(namespace_object("b"));
    server.seed(config_map("red-1", "a", {{"k", "v"}}, {{"color", "red"}, {"tier", "web"}}));
    server.seed(config_map("red-2", "b", {{"k", "v"}}, {{"color", "red"}}));
    server.seed(config_map("blue", "a", {{"k", "v"}}, {{"color", "blue"}, {"tier", "db"}}));
    server.seed(config_map("plain", "a"));
  }
  std::vector<std::string> names(const std::string& path) {
    auto reply = api.get(path);
    REQUIRE(reply.status == 200);
    std::vector<std::string> out;
    json list = reply.json();
    for (const auto& item : list["items"]) out.push_back(item["metadata"]["name"]);
    return out;
  }
};

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE_METHOD(Fixture, "label selectors: =, ==, !=, in, notin, exists, !key") {
  const std::string all = "/api/v1/configmaps?labelSelector=";
  CHECK(names(all + "color%3Dred") == Names{"red-1", "red-2"});
  CHECK(names(all + "color%3D%3Dblue") == Names{"blue"});
  CHECK(names("/api/v1/namespaces/a/configmaps?labelSelector=color!%3Dred") ==
        Names{"blue", "plain"});
  CHECK(names(all + "color%20in%20(red,blue),tier") == Names{"blue", "red-1"});
  CHECK(names("/api/v1/namespaces/a/configmaps?labelSelector=tier%20notin%20(web)") ==
        Names{"blue", "plain"});
  CHECK(names("/api/v1/namespaces/a/configmaps?labelSelector=!color") == Names{"plain"});
  CHECK(names(all + "tier") == Names{"blue", "red-1"});
  auto bad = api.get(all + "%3D%3Dx");
  CHECK(bad.status == 400);
  CHECK(bad.json()["reason"] == "BadRequest");
}

TEST_CASE_METHOD(Fixture, "field selectors: metadata.name, metadata.namespace, status.phase") {
  CHECK(names("/api/v1/configmaps?fieldSelector=metadata.name%3Dblue") == Names{"blue"});
  CHECK(names("/api/v1/configmaps?fieldSelector=metadata.namespace%3Db") == Names{"red-2"});
  CHECK(names("/api/v1/configmaps?fieldSelector=metadata.namespace!%3Da") == Names{"red-2"});
  auto unsupported = api.get("/api/v1/configmaps?fieldSelector=data.k%3Dv");
  CHECK(unsupported.status == 400);
  CHECK(unsupported.json()["message"] == "field label not supported: data.k");

  json pod = {{"apiVersion", "v1"},
              {"kind", "Pod"},
              {"metadata", {{"name", "done"}, {"namespace", "a"}}},
              {"spec",
               {{"nodeName", "fakekube-node-1"},
                {"containers", json::array({{{"name", "c"}, {"image", "i"}}})}}},
              {"status", {{"phase", "Succeeded"}}}};
  server.seed(pod);
  CHECK(names("/api/v1/pods?fieldSelector=status.phase%3DSucceeded") == Names{"done"});
  CHECK(names("/api/v1/pods?fieldSelector=status.phase%3DRunning").empty());
  CHECK(names("/api/v1/pods?fieldSelector=spec.nodeName%3Dfakekube-node-1") == Names{"done"});
}

TEST_CASE_METHOD(Fixture, "limit and continue page through a list in name order") {
  for (int i = 0; i < 5; ++i) server.seed(config_map("p" + std::to_string(i), "b"));
  Names seen;
  std::string path = "/api/v1/namespaces/b/configmaps?limit=2";
  std::string continue_token;
  int pages = 0;
  std::string first_rv;
  do {
    std::string url = path + (continue_token.empty() ? "" : "&continue=" + continue_token);
    json page = api.get(url).json();
    ++pages;
    CHECK(page["items"].size() <= 2);
    if (first_rv.empty()) first_rv = page["metadata"]["resourceVersion"];
    CHECK(page["metadata"]["resourceVersion"] == first_rv);  // the list's version throughout
    for (const auto& item : page["items"]) seen.push_back(item["metadata"]["name"]);
    continue_token = page["metadata"].value("continue", "");
    if (!continue_token.empty()) CHECK(page["metadata"]["remainingItemCount"] > 0);
  } while (!continue_token.empty());
  CHECK(pages == 3);
  CHECK(seen == Names{"p0", "p1", "p2", "p3", "p4", "red-2"});
}

TEST_CASE_METHOD(Fixture, "an expired continue token gets 410 Expired") {
  json first = api.get("/api/v1/namespaces/a/configmaps?limit=1").json();
  std::string token = first["metadata"]["continue"];
  server.expire_continue_tokens();
  auto reply = api.get("/api/v1/namespaces/a/configmaps?limit=1&continue=" + token);
  CHECK(reply.status == 410);
  CHECK(reply.json()["reason"] == "Expired");
  CHECK(reply.json()["message"].get<std::string>().find(
            "The provided continue parameter is too old") == 0);
  // New tokens work again.
  json again = api.get("/api/v1/namespaces/a/configmaps?limit=1").json();
  CHECK(api.get("/api/v1/namespaces/a/configmaps?limit=1&continue=" +
                again["metadata"]["continue"].get<std::string>())
            .status == 200);
  CHECK(api.get("/api/v1/namespaces/a/configmaps?continue=garbage").status == 400);
}

TEST_CASE_METHOD(Fixture, "a list reports kind, apiVersion and the current resourceVersion") {
  json list = api.get("/apis/apps/v1/deployments").json();
  CHECK(list["kind"] == "DeploymentList");
  CHECK(list["apiVersion"] == "apps/v1");
  CHECK(list["items"].empty());
  auto before = std::stoull(list["metadata"]["resourceVersion"].get<std::string>());
  server.seed(config_map("new", "a"));
  json after = api.get("/apis/apps/v1/deployments").json();
  CHECK(std::stoull(after["metadata"]["resourceVersion"].get<std::string>()) > before);
}

TEST_CASE_METHOD(Fixture, "kubectl get asks for a Table: columns and rows come back") {
  auto reply =
      api.get("/api/v1/namespaces/a/configmaps",
              {{"Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"}});
  json table = reply.json();
  CHECK(table["kind"] == "Table");
  CHECK(table["apiVersion"] == "meta.k8s.io/v1");
  CHECK(table["columnDefinitions"][0]["name"] == "Name");
  CHECK(table["columnDefinitions"][1]["name"] == "Data");
  REQUIRE(table["rows"].size() == 3);
  CHECK(table["rows"][0]["cells"][0] == "blue");
  CHECK(table["rows"][0]["cells"][1] == 1);
  CHECK(table["rows"][0]["object"]["metadata"]["name"] == "blue");
}
