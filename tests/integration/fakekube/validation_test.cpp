// What the real server refuses before anything is stored: negative replicas (422 Invalid) on
// every write path, and fields of the wrong JSON type (400 BadRequest, the decoder's answer).
#include <catch2/catch.hpp>

#include "tests/integration/fakekube/api_client.hpp"

using fakekube::test::ApiClient;
using fakekube::test::config_map;
using fakekube::test::deployment;
using fakekube::test::namespace_object;
using fakekube::test::Reply;
using nlohmann::json;

namespace {

struct Fixture : fakekube::test::RunningServer {
  ApiClient api{server};
  Fixture() { server.seed(namespace_object("ns")); }
};

// A Deployment, ReplicaSet or StatefulSet with `replicas`, and where its kind is served.
struct Workload {
  std::string kind;
  std::string collection;
  json object;
};

Workload workload(const std::string& kind, const json& replicas) {
  json object = deployment("w", "ns", 1);
  object["kind"] = kind;
  object["spec"]["replicas"] = replicas;
  if (kind == "StatefulSet") object["spec"]["serviceName"] = "w";
  std::string plural = kind == "Deployment"   ? "deployments"
                       : kind == "ReplicaSet" ? "replicasets"
                                              : "statefulsets";
  return {kind, "/apis/apps/v1/namespaces/ns/" + plural, object};
}

void check_negative_replicas(const Reply& reply, const std::string& kind, int value) {
  INFO(reply.body);
  CHECK(reply.status == 422);
  json status = reply.json();
  CHECK(status["reason"] == "Invalid");
  CHECK(status["message"] == kind + ".apps \"w\" is invalid: spec.replicas: Invalid value: " +
                                 std::to_string(value) + ": must be greater than or equal to 0");
  REQUIRE(status["details"]["causes"].size() == 1);
  CHECK(status["details"]["causes"][0] ==
        json({{"reason", "FieldValueInvalid"},
              {"message",
               "Invalid value: " + std::to_string(value) + ": must be greater than or equal to 0"},
              {"field", "spec.replicas"}}));
}

void check_bad_request(const Reply& reply, const std::string& message) {
  INFO(reply.body);
  CHECK(reply.status == 400);
  CHECK(reply.json()["reason"] == "BadRequest");
  CHECK(reply.json()["message"] == message);
}

}  // namespace

TEST_CASE_METHOD(Fixture, "negative replicas are refused on create, update and every patch") {
  for (const char* kind : {"Deployment", "ReplicaSet", "StatefulSet"}) {
    INFO(kind);
    Workload bad = workload(kind, -1);
    check_negative_replicas(api.post(bad.collection, bad.object), kind, -1);
    CHECK_FALSE(server.get("apps/v1", kind, "ns", "w"));

    Workload good = workload(kind, 1);
    REQUIRE(api.post(good.collection, good.object).status == 201);
    std::string item = good.collection + "/w";
    json current = api.get(item).json();
    current["spec"]["replicas"] = -2;
    check_negative_replicas(api.put(item, current), kind, -2);
    check_negative_replicas(
        api.patch(item, R"({"spec":{"replicas":-3}})", "application/merge-patch+json"), kind, -3);
    check_negative_replicas(
        api.patch(item, R"({"spec":{"replicas":-4}})", "application/strategic-merge-patch+json"),
        kind, -4);
    check_negative_replicas(
        api.patch(item, R"([{"op":"replace","path":"/spec/replicas","value":-5}])",
                  "application/json-patch+json"),
        kind, -5);
    json applied = good.object;
    applied["spec"]["replicas"] = -6;
    check_negative_replicas(api.patch(item + "?fieldManager=test&force=true", applied.dump(),
                                      "application/apply-patch+yaml"),
                            kind, -6);
    check_negative_replicas(
        api.patch(item + "/scale", R"({"spec":{"replicas":-7}})", "application/merge-patch+json"),
        kind, -7);
    CHECK(server.get("apps/v1", kind, "ns", "w").value()["spec"]["replicas"] == 1);
    CHECK(api.del(item).status == 200);
  }
  CHECK(api.get("/version").status == 200);  // and the server is still there
}

TEST_CASE_METHOD(Fixture, "fields of the wrong JSON type are a bad request, as the decoder says") {
  Workload quoted = workload("Deployment", "2");
  check_bad_request(api.post(quoted.collection, quoted.object),
                    "Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot "
                    "unmarshal string into Go struct field DeploymentSpec.spec.replicas of type "
                    "int32");
  Workload fraction = workload("StatefulSet", 2.5);
  check_bad_request(
      api.post(fraction.collection, fraction.object),
      "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: "
      "cannot unmarshal number 2.5 into Go struct field StatefulSetSpec.spec.replicas "
      "of type int32");

  json numeric_label = config_map("c", "ns", {{"key", "value"}}, {{"tier", 1}});
  check_bad_request(api.post("/api/v1/namespaces/ns/configmaps", numeric_label),
                    "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: cannot "
                    "unmarshal number into Go struct field ObjectMeta.metadata.labels of type "
                    "string");
  CHECK_FALSE(server.get("v1", "ConfigMap", "ns", "c"));

  Workload good = workload("ReplicaSet", 1);
  REQUIRE(api.post(good.collection, good.object).status == 201);
  std::string item = good.collection + "/w";
  check_bad_request(
      api.patch(item, R"({"spec":{"replicas":"3"}})", "application/merge-patch+json"),
      "ReplicaSet in version \"v1\" cannot be handled as a ReplicaSet: json: cannot unmarshal "
      "string into Go struct field ReplicaSetSpec.spec.replicas of type int32");
  check_bad_request(
      api.patch(item, R"({"metadata":{"labels":{"on":true}}})", "application/merge-patch+json"),
      "ReplicaSet in version \"v1\" cannot be handled as a ReplicaSet: json: cannot unmarshal "
      "bool into Go struct field ObjectMeta.metadata.labels of type string");
  check_bad_request(
      api.patch(item, R"({"spec":{"template":{"metadata":{"labels":{"v":2}}}}})",
                "application/strategic-merge-patch+json"),
      "ReplicaSet in version \"v1\" cannot be handled as a ReplicaSet: json: cannot unmarshal "
      "number into Go struct field ObjectMeta.spec.template.metadata.labels of type string");
  json current = api.get(item).json();
  current["metadata"]["labels"] = json::array({"a"});
  check_bad_request(api.put(item, current),
                    "ReplicaSet in version \"v1\" cannot be handled as a ReplicaSet: json: cannot "
                    "unmarshal array into Go struct field ObjectMeta.metadata.labels of type "
                    "map[string]string");
  CHECK(server.get("apps/v1", "ReplicaSet", "ns", "w").value()["spec"]["replicas"] == 1);
}
