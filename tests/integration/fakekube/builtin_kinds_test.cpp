// Every built-in kind of issue 4 is served: created, read, listed, watched and deleted under its
// REST path, with its kind and apiVersion.
#include <catch2/catch.hpp>

#include "tests/integration/fakekube/api_client.hpp"

using fakekube::test::ApiClient;
using fakekube::test::namespace_object;
using nlohmann::json;

namespace {

struct Kind {
  const char* api_version;
  const char* kind;
  const char* plural;
  bool namespaced;
  json spec;  // extra top-level fields the kind needs
};

std::string collection(const Kind& k) {
  std::string api =
      std::string(k.api_version) == "v1" ? "/api/v1" : std::string("/apis/") + k.api_version;
  return api + (k.namespaced ? "/namespaces/ns/" : "/") + k.plural;
}

json pod_template() {
  return {{"metadata", {{"labels", {{"app", "x"}}}}},
          {"spec", {{"containers", json::array({{{"name", "c"}, {"image", "i:1"}}})}}}};
}

}  // namespace

TEST_CASE("every built-in kind of the product can be created, read, listed and deleted") {
  fakekube::test::RunningServer running;
  auto& server = running.server;
  server.seed(namespace_object("ns"));
  ApiClient api(server);
  json selector = {{"matchLabels", {{"app", "x"}}}};
  std::vector<Kind> kinds = {
      {"v1", "Pod", "pods", true, {{"spec", pod_template()["spec"]}}},
      {"v1", "Service", "services", true, {{"spec", {{"ports", json::array({{{"port", 80}}})}}}}},
      {"v1", "ConfigMap", "configmaps", true, {{"data", {{"a", "b"}}}}},
      {"v1", "Secret", "secrets", true, {{"stringData", {{"a", "b"}}}}},
      {"v1", "ServiceAccount", "serviceaccounts", true, json::object()},
      {"v1", "Node", "nodes", false, json::object()},
      {"v1", "Event", "events", true, {{"reason", "Test"}, {"involvedObject", {{"kind", "Pod"}}}}},
      {"v1", "Endpoints", "endpoints", true, json::object()},
      {"v1", "ResourceQuota", "resourcequotas", true, {{"spec", {{"hard", {{"pods", "10"}}}}}}},
      {"apps/v1",
       "Deployment",
       "deployments",
       true,
       {{"spec", {{"replicas", 0}, {"selector", selector}, {"template", pod_template()}}}}},
      {"apps/v1",
       "ReplicaSet",
       "replicasets",
       true,
       {{"spec", {{"replicas", 0}, {"selector", selector}, {"template", pod_template()}}}}},
      {"apps/v1",
       "DaemonSet",
       "daemonsets",
       true,
       {{"spec", {{"selector", selector}, {"template", pod_template()}}}}},
      {"apps/v1",
       "StatefulSet",
       "statefulsets",
       true,
       {{"spec", {{"replicas", 0}, {"selector", selector}, {"template", pod_template()}}}}},
      {"batch/v1", "Job", "jobs", true, {{"spec", {{"template", pod_template()}}}}},
      {"batch/v1",
       "CronJob",
       "cronjobs",
       true,
       {{"spec",
         {{"schedule", "* * * * *"},
          {"jobTemplate", {{"spec", {{"template", pod_template()}}}}}}}}},
      {"rbac.authorization.k8s.io/v1", "Role", "roles", true, {{"rules", json::array()}}},
      {"rbac.authorization.k8s.io/v1",
       "RoleBinding",
       "rolebindings",
       true,
       {{"roleRef", {{"kind", "Role"}, {"name", "r"}, {"apiGroup", "rbac.authorization.k8s.io"}}}}},
      {"rbac.authorization.k8s.io/v1",
       "ClusterRole",
       "clusterroles",
       false,
       {{"rules", json::array()}}},
      {"rbac.authorization.k8s.io/v1",
       "ClusterRoleBinding",
       "clusterrolebindings",
       false,
       {{"roleRef",
         {{"kind", "ClusterRole"}, {"name", "r"}, {"apiGroup", "rbac.authorization.k8s.io"}}}}},
      {"admissionregistration.k8s.io/v1",
       "MutatingWebhookConfiguration",
       "mutatingwebhookconfigurations",
       false,
       {{"webhooks", json::array()}}},
      {"admissionregistration.k8s.io/v1",
       "ValidatingWebhookConfiguration",
       "validatingwebhookconfigurations",
       false,
       {{"webhooks", json::array()}}},
      {"policy/v1",
       "PodDisruptionBudget",
       "poddisruptionbudgets",
       true,
       {{"spec", {{"minAvailable", 1}, {"selector", selector}}}}},
      {"autoscaling/v2",
       "HorizontalPodAutoscaler",
       "horizontalpodautoscalers",
       true,
       {{"spec",
         {{"minReplicas", 1},
          {"maxReplicas", 3},
          {"scaleTargetRef",
           {{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"name", "d"}}}}}}},
      {"scheduling.k8s.io/v1", "PriorityClass", "priorityclasses", false, {{"value", 1000}}},
      {"networking.k8s.io/v1",
       "NetworkPolicy",
       "networkpolicies",
       true,
       {{"spec", {{"podSelector", json::object()}}}}},
  };
  for (const auto& k : kinds) {
    INFO(k.kind);
    json object = k.spec;
    object["apiVersion"] = k.api_version;
    object["kind"] = k.kind;
    object["metadata"] = {{"name", "x-test"}};
    auto created = api.post(collection(k), object);
    REQUIRE(created.status == 201);
    json read = api.get(collection(k) + "/x-test").json();
    CHECK(read["kind"] == k.kind);
    CHECK(read["apiVersion"] == k.api_version);
    CHECK(read["metadata"].contains("namespace") == k.namespaced);
    json list = api.get(collection(k)).json();
    CHECK(list["kind"] == std::string(k.kind) + "List");
    bool listed = false;
    for (const auto& item : list["items"])
      if (item["metadata"]["name"] == "x-test") listed = true;
    CHECK(listed);
    CHECK(api.del(collection(k) + "/x-test").status == 200);
    CHECK(api.get(collection(k) + "/x-test").status == 404);
  }
}

TEST_CASE("a Secret's stringData is stored base64-encoded in data") {
  fakekube::test::RunningServer running;
  running.server.seed(namespace_object("ns"));
  ApiClient api(running.server);
  json secret = api.post("/api/v1/namespaces/ns/secrets", {{"apiVersion", "v1"},
                                                           {"kind", "Secret"},
                                                           {"metadata", {{"name", "s"}}},
                                                           {"data", {{"a", "YQ=="}}},
                                                           {"stringData", {{"b", "hello"}}}})
                    .json();
  CHECK(secret["data"] == json({{"a", "YQ=="}, {"b", "aGVsbG8="}}));
  CHECK_FALSE(secret.contains("stringData"));
  CHECK(secret["type"] == "Opaque");
}

TEST_CASE("a pod's log is empty, and the pod must exist") {
  fakekube::test::RunningServer running;
  running.server.seed(namespace_object("ns"));
  running.server.seed({{"apiVersion", "v1"},
                       {"kind", "Pod"},
                       {"metadata", {{"name", "p"}, {"namespace", "ns"}}},
                       {"spec", {{"containers", json::array({{{"name", "c"}, {"image", "i"}}})}}}});
  ApiClient api(running.server);
  auto log = api.get("/api/v1/namespaces/ns/pods/p/log");
  CHECK(log.status == 200);
  CHECK(log.body.empty());
  CHECK(api.get("/api/v1/namespaces/ns/pods/missing/log").status == 404);
  CHECK(api.get("/api/v1/namespaces/ns/pods/p/exec").status == 404);
}
