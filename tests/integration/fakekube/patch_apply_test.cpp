// PATCH in its four flavours: JSON merge patch, JSON patch, strategic merge patch (built-in
// kinds only), and server-side apply with field ownership.
#include <catch2/catch.hpp>

#include "tests/integration/fakekube/api_client.hpp"

using fakekube::test::ApiClient;
using fakekube::test::config_map;
using fakekube::test::deployment;
using fakekube::test::namespace_object;
using nlohmann::json;

namespace {

const char* kMerge = "application/merge-patch+json";
const char* kJsonPatch = "application/json-patch+json";
const char* kStrategic = "application/strategic-merge-patch+json";
const char* kApply = "application/apply-patch+yaml";
const std::string kCm = "/api/v1/namespaces/ns/configmaps/c";
const std::string kDeploy = "/apis/apps/v1/namespaces/ns/deployments/d";

struct Fixture : fakekube::test::RunningServer {
  ApiClient api{server};
  Fixture() { server.seed(namespace_object("ns")); }
  json managers(const std::string& path) {
    json object = api.get(path).json();
    json out = json::object();
    for (const auto& e : object["metadata"].value("managedFields", json::array()))
      out[e["manager"].get<std::string>() + "/" + e["operation"].get<std::string>()] =
          e["fieldsV1"];
    return out;
  }
};

}  // namespace

TEST_CASE_METHOD(Fixture, "merge patch and JSON patch") {
  api.post("/api/v1/namespaces/ns/configmaps", config_map("c", "ns", {{"a", "1"}, {"b", "2"}}));
  json merged = api.patch(kCm, R"({"data":{"a":"10","b":null,"c":"3"}})", kMerge).json();
  CHECK(merged["data"] == json({{"a", "10"}, {"c", "3"}}));
  json patched =
      api.patch(
             kCm,
             R"([{"op":"replace","path":"/data/a","value":"11"},{"op":"remove","path":"/data/c"}])",
             kJsonPatch)
          .json();
  CHECK(patched["data"] == json({{"a", "11"}}));
  auto failed = api.patch(kCm, R"([{"op":"test","path":"/data/a","value":"nope"}])", kJsonPatch);
  CHECK(failed.status == 422);
  CHECK(api.patch("/api/v1/namespaces/ns/configmaps/missing", "{}", kMerge).status == 404);
  CHECK(api.patch(kCm, "{}", "text/plain").status == 415);
  CHECK(server.requests().back().content_type == "text/plain");
}

TEST_CASE_METHOD(Fixture, "strategic merge patch merges containers by name") {
  json d = deployment("d", "ns", 0);
  d["spec"]["template"]["spec"]["containers"].push_back({{"name", "side"}, {"image", "side:1"}});
  api.post("/apis/apps/v1/namespaces/ns/deployments", d);
  json patched =
      api.patch(
             kDeploy,
             R"({"spec":{"template":{"spec":{"containers":[{"name":"app","image":"example.com/app:2"}]}}}})",
             kStrategic)
          .json();
  json containers = patched["spec"]["template"]["spec"]["containers"];
  REQUIRE(containers.size() == 2);
  CHECK(containers[0]["image"] == "example.com/app:2");
  CHECK(containers[1]["image"] == "side:1");
  CHECK(patched["metadata"]["generation"] == 2);
}

TEST_CASE_METHOD(Fixture, "strategic merge patch on a custom resource is 415") {
  server.seed(
      {{"apiVersion", "apiextensions.k8s.io/v1"},
       {"kind", "CustomResourceDefinition"},
       {"metadata", {{"name", "things.example.com"}}},
       {"spec",
        {{"group", "example.com"},
         {"scope", "Namespaced"},
         {"names", {{"plural", "things"}, {"kind", "Thing"}}},
         {"versions", json::array({{{"name", "v1"}, {"served", true}, {"storage", true}}})}}}});
  server.seed({{"apiVersion", "example.com/v1"},
               {"kind", "Thing"},
               {"metadata", {{"name", "t"}, {"namespace", "ns"}}},
               {"spec", {{"x", 1}}}});
  auto reply =
      api.patch("/apis/example.com/v1/namespaces/ns/things/t", R"({"spec":{"x":2}})", kStrategic);
  CHECK(reply.status == 415);
  CHECK(reply.json()["reason"] == "UnsupportedMediaType");
  CHECK(api.patch("/apis/example.com/v1/namespaces/ns/things/t", R"({"spec":{"x":2}})", kMerge)
            .json()["spec"]["x"] == 2);
}

TEST_CASE_METHOD(Fixture, "server-side apply creates, records the manager, and is idempotent") {
  std::string body = R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  labels:
    owner: me
data:
  a: "1"
)";
  auto created = api.patch(kCm + "?fieldManager=tool", body, kApply);
  CHECK(created.status == 201);
  CHECK(created.json()["data"]["a"] == "1");
  json fields = managers(kCm)["tool/Apply"];
  CHECK(fields == json::parse(R"({"f:data":{"f:a":{}},"f:metadata":{"f:labels":{"f:owner":{}}}})"));
  std::string rv = api.get(kCm).json()["metadata"]["resourceVersion"];
  auto again = api.patch(kCm + "?fieldManager=tool", body, kApply);
  CHECK(again.status == 200);
  CHECK(again.json()["metadata"]["resourceVersion"] == rv);
  // JSON bodies are accepted too.
  CHECK(api.patch(
               kCm + "?fieldManager=tool",
               R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"2"}})",
               kApply)
            .json()["data"]["a"] == "2");
}

TEST_CASE_METHOD(Fixture, "server-side apply needs a field manager") {
  auto reply =
      api.patch(kCm, R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}})", kApply);
  CHECK(reply.status == 422);
  CHECK(reply.json()["message"].get<std::string>().find("fieldManager: Required value") !=
        std::string::npos);
}

TEST_CASE_METHOD(Fixture, "fields no longer applied are removed unless someone else owns them") {
  api.patch(
      kCm + "?fieldManager=tool",
      R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1","b":"2","c":"3"}})",
      kApply);
  // Another manager writes "c" unchanged (an update owns only what it changes) and adds "d".
  api.patch(kCm + "?fieldManager=editor", R"({"data":{"c":"3","d":"4"}})", kMerge);
  json after =
      api.patch(
             kCm + "?fieldManager=tool",
             R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"}})",
             kApply)
          .json();
  CHECK(after["data"] == json({{"a", "1"}, {"d", "4"}}));
  CHECK(managers(kCm)["tool/Apply"] == json::parse(R"({"f:data":{"f:a":{}}})"));
  CHECK(managers(kCm)["editor/Update"] == json::parse(R"({"f:data":{"f:d":{}}})"));
}

TEST_CASE_METHOD(Fixture,
                 "a conflicting apply is 409 unless forced, and force takes the field over") {
  api.patch(
      kCm + "?fieldManager=one",
      R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1","b":"2"}})",
      kApply);
  std::string other =
      R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"9","b":"2"}})";
  auto conflict = api.patch(kCm + "?fieldManager=two", other, kApply);
  CHECK(conflict.status == 409);
  CHECK(conflict.json()["reason"] == "Conflict");
  CHECK(conflict.json()["message"] ==
        "Apply failed with 1 conflict: conflict with \"one\" using v1: .data.a");
  CHECK(conflict.json()["details"]["causes"][0]["field"] == ".data.a");
  CHECK(server.get("v1", "ConfigMap", "ns", "c").value()["data"]["a"] == "1");

  json forced = api.patch(kCm + "?fieldManager=two&force=true", other, kApply).json();
  CHECK(forced["data"]["a"] == "9");
  json owners = managers(kCm);
  CHECK(owners["one/Apply"] == json::parse(R"({"f:data":{"f:b":{}}})"));
  CHECK(owners["two/Apply"] == json::parse(R"({"f:data":{"f:a":{},"f:b":{}}})"));
}

TEST_CASE_METHOD(Fixture, "apply merges keyed lists item by item and keeps others' items") {
  std::string mine = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  replicas: 0
  selector: {matchLabels: {app: d}}
  template:
    metadata: {labels: {app: d}}
    spec:
      containers:
      - name: app
        image: app:1
        env:
        - {name: A, value: "1"}
)";
  api.patch(kDeploy + "?fieldManager=mine", mine, kApply);
  api.patch(
      kDeploy + "?fieldManager=theirs",
      R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"template":{"spec":{"containers":[{"name":"side","image":"side:1"}]}}}})",
      kApply);
  std::string changed = mine;
  changed.replace(changed.find("app:1"), 5, "app:2");
  json result = api.patch(kDeploy + "?fieldManager=mine", changed, kApply).json();
  json containers = result["spec"]["template"]["spec"]["containers"];
  REQUIRE(containers.size() == 2);
  CHECK(containers[0]["image"] == "app:2");
  CHECK(containers[0]["env"][0]["name"] == "A");
  CHECK(containers[1]["name"] == "side");
  json fields = managers(kDeploy)["mine/Apply"];
  CHECK(fields["f:spec"]["f:template"]["f:spec"]["f:containers"].contains("k:{\"name\":\"app\"}"));
}

TEST_CASE_METHOD(Fixture, "dryRun=All changes nothing and stores nothing") {
  std::string body =
      R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"}})";
  auto dry = api.patch(kCm + "?fieldManager=tool&dryRun=All", body, kApply);
  CHECK(dry.status == 201);
  CHECK(dry.json()["data"]["a"] == "1");
  CHECK_FALSE(server.get("v1", "ConfigMap", "ns", "c"));
  api.patch(kCm + "?fieldManager=tool", body, kApply);
  std::string rv = api.get(kCm).json()["metadata"]["resourceVersion"];
  json changed =
      api.patch(
             kCm + "?fieldManager=tool&dryRun=All",
             R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"2"}})",
             kApply)
          .json();
  CHECK(changed["data"]["a"] == "2");
  CHECK(api.get(kCm).json()["data"]["a"] == "1");
  CHECK(api.get(kCm).json()["metadata"]["resourceVersion"] == rv);
  CHECK(api.post("/api/v1/namespaces/ns/configmaps?dryRun=All", config_map("dry", "ns")).status ==
        201);
  CHECK_FALSE(server.get("v1", "ConfigMap", "ns", "dry"));
}

TEST_CASE_METHOD(Fixture, "creates and updates record their field manager (operation Update)") {
  api.post("/api/v1/namespaces/ns/configmaps?fieldManager=creator",
           config_map("c", "ns", {{"a", "1"}}));
  CHECK(server.requests().back().field_manager == "creator");
  CHECK(managers(kCm)["creator/Update"] == json::parse(R"({"f:data":{"f:a":{}}})"));
  api.patch(kCm + "?fieldManager=patcher", R"({"data":{"b":"2"}})", kMerge);
  CHECK(managers(kCm)["patcher/Update"] == json::parse(R"({"f:data":{"f:b":{}}})"));
  // Without fieldManager the User-Agent's product name is the manager.
  api.send("PATCH", kCm, R"({"data":{"c":"3"}})", kMerge, {{"User-Agent", "mytool/1.0 (linux)"}});
  CHECK(managers(kCm)["mytool/Update"] == json::parse(R"({"f:data":{"f:c":{}}})"));
}

TEST_CASE_METHOD(Fixture, "a patch carrying a stale resourceVersion conflicts") {
  api.post("/api/v1/namespaces/ns/configmaps", config_map("c", "ns"));
  auto reply = api.patch(kCm, R"({"metadata":{"resourceVersion":"1"},"data":{"x":"y"}})", kMerge);
  CHECK(reply.status == 409);
}
