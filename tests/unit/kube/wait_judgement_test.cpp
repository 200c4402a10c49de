#include <catch2/catch.hpp>

#include "core/kube/wait.hpp"
#include "core/ui/error.hpp"

using namespace kyma::kube;
using nlohmann::json;

namespace {

json deployment(int generation, int observed, int replicas, int updated, int status_replicas,
                int available) {
  return {{"metadata", {{"name", "istiod"}, {"uid", "d-uid"}, {"generation", generation}}},
          {"spec",
           {{"replicas", replicas},
            {"template", {{"metadata", {{"labels", {{"app", "istiod"}}}}}, {"spec", {{"x", 2}}}}}}},
          {"status",
           {{"observedGeneration", observed},
            {"updatedReplicas", updated},
            {"replicas", status_replicas},
            {"availableReplicas", available}}}};
}

json replica_set(const std::string& name, int x, int ready) {
  return {{"metadata",
           {{"name", name},
            {"ownerReferences", json::array({{{"kind", "Deployment"}, {"uid", "d-uid"}}})}}},
          {"spec",
           {{"template",
             {{"metadata", {{"labels", {{"app", "istiod"}, {"pod-template-hash", name}}}}},
              {"spec", {{"x", x}}}}}}},
          {"status", {{"readyReplicas", ready}}}};
}

}  // namespace

TEST_CASE("deployment rollout as kubectl rollout status judges it from the counts") {
  CHECK_FALSE(deployment_rolled_out(deployment(2, 1, 2, 2, 2, 2)).ready);
  CHECK(deployment_rolled_out(deployment(2, 1, 2, 2, 2, 2)).message ==
        "Waiting for deployment spec update to be observed...");
  CHECK(deployment_rolled_out(deployment(2, 2, 3, 1, 3, 1)).message ==
        "Waiting for deployment \"istiod\" rollout to finish: 1 out of 3 new replicas have been "
        "updated...");
  CHECK(deployment_rolled_out(deployment(2, 2, 2, 2, 3, 2)).message ==
        "Waiting for deployment \"istiod\" rollout to finish: 1 old replicas are pending "
        "termination...");
  CHECK(deployment_rolled_out(deployment(2, 2, 2, 2, 2, 1)).message ==
        "Waiting for deployment \"istiod\" rollout to finish: 1 of 2 updated replicas are "
        "available...");
  auto done = deployment_rolled_out(deployment(2, 2, 2, 2, 2, 2));
  CHECK(done.ready);
  CHECK(done.message == "deployment \"istiod\" successfully rolled out");

  auto stuck = deployment(2, 2, 2, 1, 2, 1);
  stuck["status"]["conditions"] = json::array(
      {{{"type", "Progressing"}, {"status", "False"}, {"reason", "ProgressDeadlineExceeded"}}});
  CHECK(deployment_rolled_out(stuck).message ==
        "deployment \"istiod\" exceeded its progress deadline");
}

TEST_CASE("deployment rollout as istioctl judges it: the new ReplicaSet is ready") {
  // Counts say nothing here: old pods still terminating do not hold the rollout up.
  auto d = deployment(2, 2, 2, 2, 4, 2);
  auto ready_new = deployment_rolled_out(d, {replica_set("old", 1, 2), replica_set("new", 2, 2)});
  CHECK(ready_new.ready);
  CHECK(ready_new.message == "deployment \"istiod\" successfully rolled out");

  auto old_ready = deployment_rolled_out(d, {replica_set("old", 1, 2), replica_set("new", 2, 1)});
  CHECK_FALSE(old_ready.ready);
  CHECK(old_ready.message ==
        "Waiting for deployment \"istiod\" rollout to finish: 1 of 2 pods of the new ReplicaSet "
        "\"new\" are ready...");

  // Only the old template exists yet, or the ReplicaSet belongs to another Deployment.
  CHECK(deployment_rolled_out(d, {replica_set("old", 1, 2)}).message ==
        "Waiting for deployment \"istiod\" rollout to finish: waiting for the new ReplicaSet to "
        "be created...");
  auto foreign = replica_set("new", 2, 2);
  foreign["metadata"]["ownerReferences"][0]["uid"] = "other";
  CHECK_FALSE(deployment_rolled_out(d, {foreign}).ready);
  CHECK_FALSE(deployment_rolled_out(d, {}).ready);

  // Spec not observed yet: whatever the ReplicaSets say.
  CHECK_FALSE(
      deployment_rolled_out(deployment(3, 2, 2, 2, 2, 2), {replica_set("new", 2, 2)}).ready);

  auto stuck = d;
  stuck["status"]["conditions"] = json::array(
      {{{"type", "Progressing"}, {"status", "False"}, {"reason", "ProgressDeadlineExceeded"}}});
  CHECK(deployment_rolled_out(stuck, {replica_set("new", 2, 0)}).message ==
        "deployment \"istiod\" exceeded its progress deadline");
}

TEST_CASE("daemonset rollouts as istioctl judges them") {
  json ds = {{"metadata", {{"name", "cni"}, {"generation", 1}}},
             {"spec", {{"updateStrategy", {{"type", "RollingUpdate"}}}}},
             {"status",
              {{"observedGeneration", 1},
               {"desiredNumberScheduled", 3},
               {"updatedNumberScheduled", 2},
               {"numberReady", 3}}}};
  CHECK(daemonset_rolled_out(ds).message ==
        "Waiting for daemon set \"cni\" rollout to finish: 2 out of 3 new pods have been "
        "updated...");
  ds["status"]["updatedNumberScheduled"] = 3;
  ds["status"]["numberReady"] = 2;
  CHECK(daemonset_rolled_out(ds).message ==
        "Waiting for daemon set \"cni\" rollout to finish: 2 of 3 pods are ready...");
  ds["status"]["numberReady"] = 3;
  CHECK(daemonset_rolled_out(ds).ready);
  ds["metadata"]["generation"] = 2;
  CHECK(daemonset_rolled_out(ds).message == "Waiting for daemon set spec update to be observed...");

  json none = {{"metadata", {{"name", "cni"}, {"generation", 1}}},
               {"status", {{"observedGeneration", 1}, {"desiredNumberScheduled", 0}}}};
  CHECK_FALSE(daemonset_rolled_out(none).ready);  // no strategy given: RollingUpdate

  json on_delete = {{"metadata", {{"name", "cni"}, {"generation", 1}}},
                    {"spec", {{"updateStrategy", {{"type", "OnDelete"}}}}},
                    {"status",
                     {{"observedGeneration", 1},
                      {"desiredNumberScheduled", 2},
                      {"updatedNumberScheduled", 1},
                      {"numberReady", 0}}}};
  CHECK_FALSE(daemonset_rolled_out(on_delete).ready);
  on_delete["status"]["updatedNumberScheduled"] = 2;
  CHECK(daemonset_rolled_out(on_delete).ready);  // OnDelete does not wait for readiness
}

TEST_CASE("statefulset rollouts") {
  json sts = {{"metadata", {{"name", "db"}, {"generation", 1}}},
              {"spec", {{"replicas", 2}}},
              {"status",
               {{"observedGeneration", 1},
                {"readyReplicas", 1},
                {"updatedReplicas", 1},
                {"currentRevision", "a"},
                {"updateRevision", "b"}}}};
  CHECK(statefulset_rolled_out(sts).message == "Waiting for 1 pods to be ready...");
  sts["status"]["readyReplicas"] = 2;
  CHECK_FALSE(statefulset_rolled_out(sts).ready);
  sts["status"]["currentRevision"] = "b";
  CHECK(statefulset_rolled_out(sts).ready);

  auto partitioned = sts;
  partitioned["spec"]["updateStrategy"] = {{"type", "RollingUpdate"},
                                           {"rollingUpdate", {{"partition", 1}}}};
  partitioned["status"]["updatedReplicas"] = 0;
  CHECK_FALSE(statefulset_rolled_out(partitioned).ready);
  partitioned["status"]["updatedReplicas"] = 1;
  CHECK(statefulset_rolled_out(partitioned).ready);

  auto on_delete = sts;
  on_delete["spec"]["updateStrategy"] = {{"type", "OnDelete"}};
  on_delete["status"]["replicas"] = 2;
  on_delete["status"]["updatedReplicas"] = 1;
  CHECK_FALSE(statefulset_rolled_out(on_delete).ready);
  on_delete["status"]["updatedReplicas"] = 2;
  CHECK(statefulset_rolled_out(on_delete).ready);
}

TEST_CASE("label selectors in query form") {
  CHECK(label_selector_string(json::object()) == "");
  CHECK(label_selector_string({{"matchLabels", {{"app", "istiod"}, {"istio", "pilot"}}}}) ==
        "app=istiod,istio=pilot");
  json expressions = {{"matchLabels", {{"app", "x"}}},
                      {"matchExpressions",
                       json::array({{{"key", "tier"}, {"operator", "In"}, {"values", {"b", "a"}}},
                                    {{"key", "env"}, {"operator", "NotIn"}, {"values", {"dev"}}},
                                    {{"key", "canary"}, {"operator", "Exists"}},
                                    {{"key", "legacy"}, {"operator", "DoesNotExist"}}})}};
  CHECK(label_selector_string(expressions) == "app=x,tier in (a,b),env notin (dev),canary,!legacy");
}

TEST_CASE("the reason pods are not ready comes from the newest pod that gives one") {
  auto pod = [](const std::string& name, const std::string& created, json status) {
    return json{{"metadata", {{"name", name}, {"creationTimestamp", created}}},
                {"status", std::move(status)}};
  };
  json pulling = {
      {"containerStatuses",
       json::array(
           {{{"name", "sidecar"}, {"ready", true}, {"state", {{"running", json::object()}}}},
            {{"name", "discovery"},
             {"ready", false},
             {"state",
              {{"waiting",
                {{"reason", "ImagePullBackOff"},
                 {"message", "Back-off pulling image \"x:1\""}}}}}}})}};
  json crashed = {
      {"containerStatuses",
       json::array({{{"name", "app"},
                     {"state", {{"terminated", {{"reason", "Error"}, {"exitCode", 2}}}}}}})}};
  json unscheduled = {
      {"conditions", json::array({{{"type", "PodScheduled"},
                                   {"status", "False"},
                                   {"reason", "Unschedulable"},
                                   {"message", "0/1 nodes are available: 1 Insufficient cpu."}}})}};
  json fine = {{"conditions", json::array({{{"type", "Ready"}, {"status", "True"}}})}};

  std::vector<json> pods = {pod("old", "2024-01-01T00:00:00Z", crashed),
                            pod("new", "2024-01-01T00:05:00Z", pulling)};
  CHECK(pod_failure_reason(pods) ==
        "pod \"new\": container \"discovery\" is waiting: ImagePullBackOff: Back-off pulling image "
        "\"x:1\"");
  pods[1] = pod("new", "2024-01-01T00:05:00Z", fine);  // the newest says nothing: the next one
  CHECK(pod_failure_reason(pods) ==
        "pod \"old\": container \"app\" terminated: Error (exit code 2)");
  CHECK(pod_failure_reason({pod("p", "2024-01-01T00:00:00Z", unscheduled)}) ==
        "pod \"p\": not scheduled: 0/1 nodes are available: 1 Insufficient cpu.");
  auto deleting = pod("gone", "2024-02-01T00:00:00Z", pulling);
  deleting["metadata"]["deletionTimestamp"] = "2024-02-01T00:01:00Z";
  CHECK(pod_failure_reason({deleting}) == "");
  CHECK(pod_failure_reason({}) == "");
}

TEST_CASE("durations as Go prints them") {
  using std::chrono::milliseconds;
  CHECK(format_duration(milliseconds(300)) == "300ms");
  CHECK(format_duration(milliseconds(20'000)) == "20s");
  CHECK(format_duration(milliseconds(1'500)) == "1.5s");
  CHECK(format_duration(milliseconds(90'000)) == "1m30s");
  CHECK(format_duration(milliseconds(300'000)) == "5m0s");
  CHECK(format_duration(milliseconds(3'600'000)) == "1h0m0s");
}

TEST_CASE("CRD established") {
  json crd = {{"metadata", {{"name", "istios.operator.kyma-project.io"}}},
              {"status", {{"conditions", json::array()}}}};
  CHECK_FALSE(crd_established(crd).ready);
  crd["status"]["conditions"].push_back({{"type", "Established"}, {"status", "True"}});
  CHECK(crd_established(crd).ready);
}

TEST_CASE("wait_until_ready times out with exit code 5 and the reason") {
  int calls = 0;
  WaitOptions options;
  options.timeout = std::chrono::milliseconds(60);
  options.interval = std::chrono::milliseconds(10);
  try {
    wait_until_ready(
        [&] {
          ++calls;
          return Readiness{false, "2 of 3 pods ready"};
        },
        "deployment \"x\"", options);
    FAIL("expected a timeout");
  } catch (const kyma::TimeoutError& e) {
    CHECK(e.code() == kyma::ExitCode::kTimeout);
    CHECK(std::string(e.what()) == "timed out waiting for deployment \"x\": 2 of 3 pods ready");
  }
  CHECK(calls >= 3);
  int n = 0;
  wait_until_ready([&] { return Readiness{++n >= 3, ""}; }, "x", options);
  CHECK(n == 3);
}
