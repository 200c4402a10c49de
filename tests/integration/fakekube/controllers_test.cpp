// The simulated controllers: Deployments -> ReplicaSets -> Pods, rollouts on template changes,
// DaemonSets (a pod per Node), StatefulSets (<name>-<i>), pod readiness after the configured
// delay, and pods a test keeps failing.
#include <catch2/catch.hpp>

#include "tests/fakekube/cluster.hpp"
#include "tests/fakekube/controllers/controllers.hpp"
#include "tests/fakekube/controllers/workloads.hpp"
#include "tests/integration/fakekube/api_client.hpp"
#include "tests/support/process.hpp"

using fakekube::test::ApiClient;
using fakekube::test::deployment;
using fakekube::test::namespace_object;
using kyma::test::wait_until;
using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

fakekube::ServerOptions fast(int nodes = 1) {
  fakekube::ServerOptions options;
  options.nodes = nodes;
  options.pod_ready_delay = milliseconds(50);
  return options;
}

struct Fixture : fakekube::test::RunningServer {
  explicit Fixture(int nodes = 1) : RunningServer(fast(nodes)) {
    server.seed(namespace_object("ns"));
  }
  ApiClient api{server};
  json get(const std::string& api_version, const std::string& kind, const std::string& name) {
    auto o = server.get(api_version, kind, "ns", name);
    return o ? *o : json();
  }
  std::vector<json> pods() { return server.list("v1", "Pod", "ns"); }
  bool all_ready(size_t count) {
    auto list = pods();
    if (list.size() != count) return false;
    for (const auto& p : list) {
      bool ready = false;
      for (const auto& c : p["status"].value("conditions", json::array()))
        if (c["type"] == "Ready" && c["status"] == "True") ready = true;
      if (!ready) return false;
    }
    return true;
  }
};

struct ThreeNodes : Fixture {
  ThreeNodes() : Fixture(3) {}
};

json daemon_set(const std::string& name) {
  json labels = {{"app", name}};
  return {{"apiVersion", "apps/v1"},
          {"kind", "DaemonSet"},
          {"metadata", {{"name", name}, {"namespace", "ns"}}},
          {"spec",
           {{"selector", {{"matchLabels", labels}}},
            {"template",
             {{"metadata", {{"labels", labels}}},
              {"spec", {{"containers", json::array({{{"name", "c"}, {"image", "ds:1"}}})}}}}}}}};
}

json stateful_set(const std::string& name, int replicas) {
  json s = daemon_set(name);
  s["kind"] = "StatefulSet";
  s["spec"]["replicas"] = replicas;
  s["spec"]["serviceName"] = name;
  return s;
}

std::string condition_reason(const json& object, const std::string& type) {
  for (const auto& c : object["status"].value("conditions", json::array()))
    if (c["type"] == type) return c.value("reason", "");
  return "";
}

}  // namespace

TEST_CASE_METHOD(Fixture, "a Deployment gets a ReplicaSet that gets Pods that become Ready") {
  api.post("/apis/apps/v1/namespaces/ns/deployments", deployment("web", "ns", 3));
  auto sets = server.list("apps/v1", "ReplicaSet", "ns");
  REQUIRE(sets.size() == 1);
  json rs = sets[0];
  std::string hash = rs["metadata"]["labels"]["pod-template-hash"];
  CHECK(rs["metadata"]["name"] == "web-" + hash);
  CHECK(rs["spec"]["replicas"] == 3);
  CHECK(rs["spec"]["selector"]["matchLabels"]["pod-template-hash"] == hash);
  json ref = rs["metadata"]["ownerReferences"][0];
  CHECK(ref["kind"] == "Deployment");
  CHECK(ref["controller"] == true);
  CHECK(ref["uid"] == get("apps/v1", "Deployment", "web")["metadata"]["uid"]);
  CHECK(rs["metadata"]["annotations"]["deployment.kubernetes.io/revision"] == "1");

  auto list = pods();
  REQUIRE(list.size() == 3);
  for (const auto& pod : list) {
    CHECK(pod["metadata"]["name"].get<std::string>().rfind("web-" + hash + "-", 0) == 0);
    CHECK(pod["metadata"]["ownerReferences"][0]["kind"] == "ReplicaSet");
    CHECK(pod["metadata"]["labels"]["pod-template-hash"] == hash);
    CHECK(pod["spec"]["nodeName"] == "fakekube-node-1");
  }
  REQUIRE(wait_until([&] { return all_ready(3); }, seconds(5)));
  json pod = pods()[0];
  CHECK(pod["status"]["phase"] == "Running");
  CHECK(pod["status"]["containerStatuses"][0]["ready"] == true);
  CHECK(pod["status"]["containerStatuses"][0]["state"].contains("running"));
  std::set<std::string> conditions;
  for (const auto& c : pod["status"]["conditions"])
    if (c["status"] == "True") conditions.insert(c["type"]);
  for (const char* c : {"PodScheduled", "Initialized", "ContainersReady", "Ready"})
    CHECK(conditions.count(c) == 1);

  REQUIRE(wait_until(
      [&] {
        return get("apps/v1", "Deployment", "web")["status"].value("availableReplicas", 0) == 3;
      },
      seconds(5)));
  json status = get("apps/v1", "Deployment", "web")["status"];
  CHECK(status["observedGeneration"] == 1);
  CHECK(status["replicas"] == 3);
  CHECK(status["updatedReplicas"] == 3);
  CHECK(status["readyReplicas"] == 3);
  CHECK(condition_reason(get("apps/v1", "Deployment", "web"), "Progressing") ==
        "NewReplicaSetAvailable");
  CHECK(condition_reason(get("apps/v1", "Deployment", "web"), "Available") ==
        "MinimumReplicasAvailable");
}

TEST_CASE_METHOD(Fixture, "a template change rolls to a new ReplicaSet with new pods") {
  api.post("/apis/apps/v1/namespaces/ns/deployments", deployment("web", "ns", 2));
  REQUIRE(wait_until([&] { return all_ready(2); }, seconds(5)));
  std::set<std::string> old_uids;
  for (const auto& p : pods()) old_uids.insert(p["metadata"]["uid"]);
  std::string old_hash = pods()[0]["metadata"]["labels"]["pod-template-hash"];

  // What kubectl rollout restart sends.
  api.patch(
      "/apis/apps/v1/namespaces/ns/deployments/web",
      R"({"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2024-01-01T00:00:00Z"}}}}})",
      "application/strategic-merge-patch+json");
  auto sets = server.list("apps/v1", "ReplicaSet", "ns");
  REQUIRE(sets.size() == 2);
  for (const auto& rs : sets) {
    bool is_old = rs["metadata"]["labels"]["pod-template-hash"] == old_hash;
    CHECK(rs["spec"]["replicas"] == (is_old ? 0 : 2));
    CHECK(rs["metadata"]["annotations"]["deployment.kubernetes.io/revision"] ==
          (is_old ? "1" : "2"));
  }
  auto now = pods();
  REQUIRE(now.size() == 2);
  for (const auto& p : now) {
    CHECK(old_uids.count(p["metadata"]["uid"]) == 0);
    CHECK(p["metadata"]["labels"]["pod-template-hash"] != old_hash);
    CHECK(p["metadata"]["annotations"]["kubectl.kubernetes.io/restartedAt"] ==
          "2024-01-01T00:00:00Z");
  }
  REQUIRE(wait_until(
      [&] {
        json d = get("apps/v1", "Deployment", "web");
        return d["status"].value("availableReplicas", 0) == 2 &&
               condition_reason(d, "Progressing") == "NewReplicaSetAvailable";
      },
      seconds(5)));
  json d = get("apps/v1", "Deployment", "web");
  CHECK(d["status"]["observedGeneration"] == 2);
  CHECK(d["status"]["updatedReplicas"] == 2);
  CHECK(d["metadata"]["annotations"]["deployment.kubernetes.io/revision"] == "2");
}

TEST_CASE_METHOD(Fixture, "scaling a Deployment adds and removes pods") {
  api.post("/apis/apps/v1/namespaces/ns/deployments", deployment("web", "ns", 1));
  api.patch("/apis/apps/v1/namespaces/ns/deployments/web/scale", R"({"spec":{"replicas":4}})",
            "application/merge-patch+json");
  CHECK(pods().size() == 4);
  json scale = api.get("/apis/apps/v1/namespaces/ns/deployments/web/scale").json();
  CHECK(scale["kind"] == "Scale");
  CHECK(scale["spec"]["replicas"] == 4);
  api.patch("/apis/apps/v1/namespaces/ns/deployments/web", R"({"spec":{"replicas":1}})",
            "application/merge-patch+json");
  CHECK(pods().size() == 1);
}

TEST_CASE_METHOD(Fixture, "pods of a failing rule stay Pending with their waiting reason") {
  server.fail_pods("ns", "bad", "ImagePullBackOff");
  api.post("/apis/apps/v1/namespaces/ns/deployments", deployment("bad", "ns", 1));
  api.post("/apis/apps/v1/namespaces/ns/deployments", deployment("good", "ns", 1));
  REQUIRE(wait_until(
      [&] {
        for (const auto& p : pods())
          if (p["metadata"]["name"].get<std::string>().rfind("good", 0) == 0)
            return p["status"]["phase"] == "Running";
        return false;
      },
      seconds(5)));
  json bad;
  for (const auto& p : pods())
    if (p["metadata"]["name"].get<std::string>().rfind("bad", 0) == 0) bad = p;
  REQUIRE(bad.is_object());
  CHECK(bad["status"]["phase"] == "Pending");
  CHECK(bad["status"]["containerStatuses"][0]["ready"] == false);
  CHECK(bad["status"]["containerStatuses"][0]["state"]["waiting"]["reason"] == "ImagePullBackOff");
  CHECK(get("apps/v1", "Deployment", "bad")["status"].value("availableReplicas", 0) == 0);
  CHECK(condition_reason(get("apps/v1", "Deployment", "bad"), "Available") ==
        "MinimumReplicasUnavailable");

  // A rule also catches pods that exist already.
  server.fail_pods("ns", "good", "CrashLoopBackOff");
  for (const auto& p : pods())
    if (p["metadata"]["name"].get<std::string>().rfind("good", 0) == 0)
      CHECK(p["status"]["containerStatuses"][0]["state"]["waiting"]["reason"] ==
            "CrashLoopBackOff");
}

TEST_CASE("pods turn Ready only after pod_ready_delay") {
  fakekube::ServerOptions options;
  options.pod_ready_delay = milliseconds(600);
  fakekube::test::RunningServer running(options);
  running.server.seed(namespace_object("ns"));
  auto start = std::chrono::steady_clock::now();
  running.server.seed(
      {{"apiVersion", "v1"},
       {"kind", "Pod"},
       {"metadata", {{"name", "p"}, {"namespace", "ns"}}},
       {"spec", {{"containers", json::array({{{"name", "c"}, {"image", "i:1"}}})}}}});
  CHECK(running.server.get("v1", "Pod", "ns", "p").value()["status"]["phase"] == "Pending");
  REQUIRE(wait_until(
      [&] {
        return running.server.get("v1", "Pod", "ns", "p").value()["status"]["phase"] == "Running";
      },
      seconds(5), milliseconds(10)));
  CHECK(std::chrono::steady_clock::now() - start >= milliseconds(550));
}

TEST_CASE_METHOD(ThreeNodes, "a DaemonSet runs one pod per Node and reports it") {
  api.post("/apis/apps/v1/namespaces/ns/daemonsets", daemon_set("agent"));
  auto list = pods();
  REQUIRE(list.size() == 3);
  std::set<std::string> nodes;
  for (const auto& p : list) nodes.insert(p["spec"]["nodeName"]);
  CHECK(nodes == std::set<std::string>{"fakekube-node-1", "fakekube-node-2", "fakekube-node-3"});
  REQUIRE(wait_until(
      [&] { return get("apps/v1", "DaemonSet", "agent")["status"].value("numberReady", 0) == 3; },
      seconds(5)));
  json status = get("apps/v1", "DaemonSet", "agent")["status"];
  CHECK(status["desiredNumberScheduled"] == 3);
  CHECK(status["currentNumberScheduled"] == 3);
  CHECK(status["updatedNumberScheduled"] == 3);
  CHECK(status["numberAvailable"] == 3);
  CHECK(status["observedGeneration"] == 1);

  std::string old_hash = list[0]["metadata"]["labels"]["controller-revision-hash"];
  api.patch("/apis/apps/v1/namespaces/ns/daemonsets/agent",
            R"({"spec":{"template":{"spec":{"containers":[{"name":"c","image":"ds:2"}]}}}})",
            "application/strategic-merge-patch+json");
  list = pods();
  REQUIRE(list.size() == 3);
  for (const auto& p : list) {
    CHECK(p["metadata"]["labels"]["controller-revision-hash"] != old_hash);
    CHECK(p["spec"]["containers"][0]["image"] == "ds:2");
  }
  // A new Node gets its pod.
  json node = server.list("v1", "Node")[0];
  node["metadata"] = {{"name", "fakekube-node-4"}};
  server.seed(node);
  CHECK(pods().size() == 4);
}

TEST_CASE_METHOD(Fixture, "a StatefulSet runs <name>-<i> pods and tracks revisions") {
  api.post("/apis/apps/v1/namespaces/ns/statefulsets", stateful_set("db", 2));
  REQUIRE(server.get("v1", "Pod", "ns", "db-0"));
  REQUIRE(server.get("v1", "Pod", "ns", "db-1"));
  REQUIRE(wait_until(
      [&] { return get("apps/v1", "StatefulSet", "db")["status"].value("readyReplicas", 0) == 2; },
      seconds(5)));
  json status = get("apps/v1", "StatefulSet", "db")["status"];
  CHECK(status["replicas"] == 2);
  CHECK(status["updatedReplicas"] == 2);
  CHECK(status["currentRevision"] == status["updateRevision"]);
  CHECK(get("apps/v1", "StatefulSet", "db")["spec"]["updateStrategy"]["type"] == "RollingUpdate");
  std::string old_uid = server.get("v1", "Pod", "ns", "db-0").value()["metadata"]["uid"];

  api.patch("/apis/apps/v1/namespaces/ns/statefulsets/db",
            R"({"spec":{"template":{"metadata":{"annotations":{"restarted":"now"}}}}})",
            "application/merge-patch+json");
  json pod = server.get("v1", "Pod", "ns", "db-0").value();
  CHECK(pod["metadata"]["uid"] != old_uid);
  REQUIRE(wait_until(
      [&] {
        json s = get("apps/v1", "StatefulSet", "db")["status"];
        return s.value("readyReplicas", 0) == 2 && s["currentRevision"] == s["updateRevision"];
      },
      seconds(5)));
  CHECK(get("apps/v1", "StatefulSet", "db")["status"]["updateRevision"] !=
        status["updateRevision"]);

  api.patch("/apis/apps/v1/namespaces/ns/statefulsets/db", R"({"spec":{"replicas":1}})",
            "application/merge-patch+json");
  CHECK_FALSE(server.get("v1", "Pod", "ns", "db-1"));
}

TEST_CASE_METHOD(Fixture, "deleting a pod of a ReplicaSet brings a replacement") {
  api.post("/apis/apps/v1/namespaces/ns/deployments", deployment("web", "ns", 1));
  std::string first = pods()[0]["metadata"]["name"];
  CHECK(api.del("/api/v1/namespaces/ns/pods/" + first).status == 200);
  auto now = pods();
  REQUIRE(now.size() == 1);
  CHECK(now[0]["metadata"]["name"] != first);
}

TEST_CASE("the ReplicaSet controller wants no pods for a negative count it is handed") {
  // Validation refuses such a count; the controller must not rely on that. The object goes into
  // the store directly, as nothing on the API would take it.
  fakekube::Cluster cluster{fakekube::ClusterOptions{}};
  auto rs_type = cluster.storage_type("apps/replicasets");
  json rs = deployment("web", "default", 1);
  rs["kind"] = "ReplicaSet";
  for (int replicas : {0, 1}) {
    INFO("pods before: " << replicas);
    rs["metadata"]["name"] = "web-" + std::to_string(replicas);
    rs["spec"]["replicas"] = replicas;
    json created = cluster.create(*rs_type, "default", rs, {});
    CHECK(cluster.find_all("v1", "Pod", "default").size() == static_cast<size_t>(replicas));
    created["spec"]["replicas"] = -1;
    fakekube::OperationScope op(cluster);
    cluster.store().put("apps/replicasets",
                        std::make_shared<const fakekube::StoredObject>(created));
    fakekube::reconcile_replicaset(cluster, "default", created["metadata"]["name"]);
    CHECK(cluster.find_all("v1", "Pod", "default").empty());
  }
}

TEST_CASE_METHOD(Fixture, "setting an image back reuses the ReplicaSet it had") {
  const std::string item = "/apis/apps/v1/namespaces/ns/deployments/web";
  api.post("/apis/apps/v1/namespaces/ns/deployments", deployment("web", "ns", 2));
  auto sets = server.list("apps/v1", "ReplicaSet", "ns");
  REQUIRE(sets.size() == 1);
  std::string original = sets[0]["metadata"]["name"];
  json first_template = get("apps/v1", "Deployment", "web")["spec"]["template"];
  api.patch(item, R"({"spec":{"template":{"spec":{"containers":[{"name":"app","image":"b:2"}]}}}})",
            "application/strategic-merge-patch+json");
  REQUIRE(server.list("apps/v1", "ReplicaSet", "ns").size() == 2);

  // What kubectl rollout undo sends: the old template, from a typed object, so with
  // creationTimestamp: null.
  json back = first_template;
  back["metadata"]["creationTimestamp"] = nullptr;
  json undo = json::array({{{"op", "replace"}, {"path", "/spec/template"}, {"value", back}}});
  REQUIRE(api.patch(item, undo.dump(), "application/json-patch+json").status == 200);
  sets = server.list("apps/v1", "ReplicaSet", "ns");
  CHECK(sets.size() == 2);
  json reused = get("apps/v1", "ReplicaSet", original);
  CHECK(reused["spec"]["replicas"] == 2);
  CHECK(reused["metadata"]["annotations"]["deployment.kubernetes.io/revision"] == "3");
  REQUIRE(pods().size() == 2);
  for (const auto& p : pods()) CHECK(p["spec"]["containers"][0]["image"] == "example.com/app:1");

  CHECK(fakekube::template_hash(back) == fakekube::template_hash(first_template));
  json nested = first_template;
  nested["spec"]["containers"][0]["resources"] = {{"limits", nullptr}};
  json without = first_template;
  without["spec"]["containers"][0]["resources"] = json::object();
  CHECK(fakekube::template_hash(nested) == fakekube::template_hash(without));
}
