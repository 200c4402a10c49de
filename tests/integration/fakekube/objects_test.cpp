// Object semantics: identity and metadata the server assigns, resourceVersion, generation,
// namespaces that must exist, and the Status bodies of the failures clients see.
#include <catch2/catch.hpp>

#include "tests/integration/fakekube/api_client.hpp"

using fakekube::Server;
using fakekube::test::ApiClient;
using fakekube::test::config_map;
using fakekube::test::deployment;
using fakekube::test::namespace_object;
using nlohmann::json;

namespace {

struct Fixture : fakekube::test::RunningServer {
  ApiClient api{server};
  Fixture() { server.seed(namespace_object("ns1")); }
};

const std::string kConfigMaps = "/api/v1/namespaces/ns1/configmaps";
const std::string kDeployments = "/apis/apps/v1/namespaces/ns1/deployments";

std::uint64_t rv(const json& object) {
  return std::stoull(object["metadata"]["resourceVersion"].get<std::string>());
}

}  // namespace

TEST_CASE_METHOD(Fixture, "create assigns uid, creationTimestamp and a resourceVersion") {
  auto reply = api.post(kConfigMaps, config_map("a", "ns1"));
  REQUIRE(reply.status == 201);
  json created = reply.json();
  CHECK(created["metadata"]["uid"].get<std::string>().size() == 36);
  CHECK(created["metadata"]["creationTimestamp"].get<std::string>().back() == 'Z');
  CHECK(created["metadata"]["namespace"] == "ns1");
  CHECK(created["apiVersion"] == "v1");
  CHECK(created["kind"] == "ConfigMap");
  auto second = api.post(kConfigMaps, config_map("b", "ns1")).json();
  CHECK(rv(second) > rv(created));
  CHECK(second["metadata"]["uid"] != created["metadata"]["uid"]);
  json read = api.get(kConfigMaps + "/a").json();
  CHECK(read == created);
}

TEST_CASE_METHOD(Fixture, "generateName makes a unique name") {
  json object = config_map("", "ns1");
  object["metadata"].erase("name");
  object["metadata"]["generateName"] = "gen-";
  std::string first = api.post(kConfigMaps, object).json()["metadata"]["name"];
  std::string second = api.post(kConfigMaps, object).json()["metadata"]["name"];
  CHECK(first.rfind("gen-", 0) == 0);
  CHECK(first.size() == 9);
  CHECK(first != second);
}

TEST_CASE_METHOD(Fixture, "generation moves with spec changes, not with metadata or status") {
  CHECK(api.post(kDeployments, deployment("d", "ns1", 0)).json()["metadata"]["generation"] == 1);
  json created = api.get(kDeployments + "/d").json();  // the controller has written status since
  created["metadata"]["labels"]["x"] = "y";
  json relabeled = api.put(kDeployments + "/d", created).json();
  CHECK(relabeled["metadata"]["generation"] == 1);
  relabeled["spec"]["replicas"] = 1;
  json scaled = api.put(kDeployments + "/d", relabeled).json();
  CHECK(scaled["metadata"]["generation"] == 2);
  json status = api.get(kDeployments + "/d").json();
  status["status"]["replicas"] = 7;
  json after = api.put(kDeployments + "/d/status", status).json();
  CHECK(after["status"]["replicas"] == 7);
  CHECK(after["metadata"]["generation"] == 2);
  // ConfigMaps have no generation.
  CHECK_FALSE(
      api.post(kConfigMaps, config_map("a", "ns1")).json()["metadata"].contains("generation"));
}

TEST_CASE_METHOD(Fixture, "an update that changes nothing keeps the resourceVersion") {
  json created = api.post(kConfigMaps, config_map("a", "ns1")).json();
  json same = api.put(kConfigMaps + "/a", created).json();
  CHECK(rv(same) == rv(created));
}

TEST_CASE_METHOD(Fixture, "the namespace must exist, like on the real server") {
  auto reply = api.post("/api/v1/namespaces/nowhere/configmaps", config_map("a", "nowhere"));
  CHECK(reply.status == 404);
  CHECK(reply.json() == json::parse(R"({"kind":"Status","apiVersion":"v1","metadata":{},
      "status":"Failure","message":"namespaces \"nowhere\" not found","reason":"NotFound",
      "details":{"name":"nowhere","kind":"namespaces"},"code":404})"));
  CHECK_THROWS(server.seed(config_map("a", "nowhere")));
}

TEST_CASE_METHOD(Fixture, "NotFound, AlreadyExists, Conflict and Invalid are real Status bodies") {
  auto missing = api.get(kDeployments + "/nope");
  CHECK(missing.status == 404);
  CHECK(missing.json()["message"] == "deployments.apps \"nope\" not found");
  CHECK(missing.json()["details"] ==
        json({{"name", "nope"}, {"group", "apps"}, {"kind", "deployments"}}));

  json created = api.post(kConfigMaps, config_map("a", "ns1")).json();
  auto exists = api.post(kConfigMaps, config_map("a", "ns1"));
  CHECK(exists.status == 409);
  CHECK(exists.json()["reason"] == "AlreadyExists");
  CHECK(exists.json()["message"] == "configmaps \"a\" already exists");

  json stale = created;
  created["data"]["key"] = "changed";
  REQUIRE(api.put(kConfigMaps + "/a", created).status == 200);
  stale["data"]["key"] = "lost update";
  auto conflict = api.put(kConfigMaps + "/a", stale);
  CHECK(conflict.status == 409);
  CHECK(conflict.json()["reason"] == "Conflict");
  CHECK(conflict.json()["message"] ==
        "Operation cannot be fulfilled on configmaps \"a\": the object has been modified; please "
        "apply your changes to the latest version and try again");
  CHECK(server.get("v1", "ConfigMap", "ns1", "a").value()["data"]["key"] == "changed");

  auto bad_name = api.post(kConfigMaps, config_map("Not_Valid", "ns1"));
  CHECK(bad_name.status == 422);
  CHECK(bad_name.json()["reason"] == "Invalid");
  CHECK(bad_name.json()["details"]["causes"][0]["field"] == "metadata.name");
  json nameless = config_map("x", "ns1");
  nameless["metadata"].erase("name");
  CHECK(api.post(kConfigMaps, nameless).json()["message"] ==
        "ConfigMap \"\" is invalid: metadata.name: Required value: name or generateName is "
        "required");

  json no_selector = deployment("d", "ns1", 1);
  no_selector["spec"].erase("selector");
  auto invalid = api.post(kDeployments, no_selector);
  CHECK(invalid.status == 422);
  CHECK(invalid.json()["message"] ==
        "Deployment.apps \"d\" is invalid: spec.selector: Required value");
}

TEST_CASE_METHOD(Fixture, "a Deployment's selector is immutable") {
  api.post(kDeployments, deployment("d", "ns1", 0));
  json created = api.get(kDeployments + "/d").json();
  created["spec"]["selector"]["matchLabels"]["extra"] = "x";
  created["spec"]["template"]["metadata"]["labels"]["extra"] = "x";
  auto reply = api.put(kDeployments + "/d", created);
  CHECK(reply.status == 422);
  CHECK(reply.json()["message"].get<std::string>().find("field is immutable") != std::string::npos);
}

TEST_CASE_METHOD(Fixture, "a mismatched name or namespace is a bad request") {
  json created = api.post(kConfigMaps, config_map("a", "ns1")).json();
  auto renamed = api.put(kConfigMaps + "/b", created);
  CHECK(renamed.status == 400);
  CHECK(renamed.json()["message"] ==
        "the name of the object (a) does not match the name on the URL (b)");
  server.seed(namespace_object("ns2"));
  auto moved = api.post("/api/v1/namespaces/ns2/configmaps", config_map("c", "ns1"));
  CHECK(moved.status == 400);
}

TEST_CASE_METHOD(Fixture,
                 "the status subresource writes status only, the main resource ignores it") {
  api.post(kDeployments, deployment("d", "ns1", 0));
  json created = api.get(kDeployments + "/d").json();
  json with_status = created;
  with_status["status"] = {{"replicas", 42}};
  with_status["spec"]["replicas"] = 3;
  json main = api.put(kDeployments + "/d", with_status).json();
  CHECK(main["spec"]["replicas"] == 3);
  CHECK(main["status"].value("replicas", 0) != 42);
  json status_write = api.get(kDeployments + "/d").json();
  status_write["status"] = {{"replicas", 42}};
  status_write["spec"]["replicas"] = 9;
  json after = api.put(kDeployments + "/d/status", status_write).json();
  CHECK(after["status"]["replicas"] == 42);
  CHECK(after["spec"]["replicas"] == 3);
  json patched = api.patch(kDeployments + "/d/status", R"({"status":{"observedGeneration":99}})",
                           "application/merge-patch+json")
                     .json();
  CHECK(patched["status"]["observedGeneration"] == 99);
  CHECK(api.get(kConfigMaps + "/x/status").status == 404);  // ConfigMaps have no status
}

TEST_CASE_METHOD(Fixture, "a custom resource with a status subresource keeps status apart") {
  server.seed({{"apiVersion", "apiextensions.k8s.io/v1"},
               {"kind", "CustomResourceDefinition"},
               {"metadata", {{"name", "istios.operator.kyma-project.io"}}},
               {"spec",
                {{"group", "operator.kyma-project.io"},
                 {"scope", "Namespaced"},
                 {"names", {{"plural", "istios"}, {"kind", "Istio"}}},
                 {"versions", json::array({{{"name", "v1alpha2"},
                                            {"served", true},
                                            {"storage", true},
                                            {"subresources", {{"status", json::object()}}}}})}}}});
  const std::string path = "/apis/operator.kyma-project.io/v1alpha2/namespaces/ns1/istios";
  json cr = {{"apiVersion", "operator.kyma-project.io/v1alpha2"},
             {"kind", "Istio"},
             {"metadata", {{"name", "default"}}},
             {"spec", {{"config", {{"numTrustedProxies", 1}}}}},
             {"status", {{"state", "Ready"}}}};
  json created = api.post(path, cr).json();
  CHECK_FALSE(created.contains("status"));
  CHECK(created["metadata"]["generation"] == 1);
  created["status"] = {{"state", "Processing"}};
  json updated = api.put(path + "/default/status", created).json();
  CHECK(updated["status"]["state"] == "Processing");
  CHECK(updated["metadata"]["generation"] == 1);
}

TEST_CASE_METHOD(Fixture,
                 "seed keeps status and metadata as given and replaces an existing object") {
  json pod = {{"apiVersion", "v1"},
              {"kind", "Pod"},
              {"metadata",
               {{"name", "p"},
                {"namespace", "ns1"},
                {"creationTimestamp", "2020-01-01T00:00:00Z"},
                {"uid", "11111111-2222-3333-4444-555555555555"}}},
              {"spec", {{"containers", json::array({{{"name", "c"}, {"image", "i:1"}}})}}},
              {"status", {{"phase", "Succeeded"}}}};
  json seeded = server.seed(pod);
  CHECK(seeded["status"]["phase"] == "Succeeded");
  CHECK(seeded["metadata"]["creationTimestamp"] == "2020-01-01T00:00:00Z");
  CHECK(seeded["metadata"]["uid"] == "11111111-2222-3333-4444-555555555555");
  pod["status"]["phase"] = "Failed";
  server.seed(pod);
  CHECK(server.get("v1", "Pod", "ns1", "p").value()["status"]["phase"] == "Failed");
  CHECK(server.list("v1", "Pod", "ns1").size() == 1);
  // A namespaced object without a namespace lands in "default".
  server.seed({{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", "d"}}}});
  CHECK(server.get("v1", "ConfigMap", "default", "d"));
  CHECK_THROWS(
      server.seed({{"apiVersion", "v9"}, {"kind", "Nothing"}, {"metadata", {{"name", "x"}}}}));
}

TEST_CASE("nodes are seeded with the configured capacity, version and provider") {
  fakekube::ServerOptions options;
  options.nodes = 3;
  options.node_cpu = "2";
  options.node_memory = "4Gi";
  options.kubelet_version = "v1.30.5-gke.100";
  options.provider_id = "gce://project/zone/instance";
  Server server(options);
  auto nodes = server.list("v1", "Node");
  REQUIRE(nodes.size() == 3);
  for (const auto& node : nodes) {
    CHECK(node["status"]["capacity"]["cpu"] == "2");
    CHECK(node["status"]["capacity"]["memory"] == "4Gi");
    CHECK(node["status"]["allocatable"]["memory"] == "4Gi");
    CHECK(node["status"]["nodeInfo"]["kubeletVersion"] == "v1.30.5-gke.100");
    CHECK(node["spec"]["providerID"] == "gce://project/zone/instance");
  }
  CHECK(server.list("v1", "Namespace").size() ==
        4);  // default, kube-system, kube-public, kube-node-lease
}
