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

TEST_CASE("deployment rollout judged as kubectl rollout status and istioctl") {
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

  // istioctl: the new ReplicaSet (same template) must have spec.replicas ready pods.
  auto d = deployment(2, 2, 2, 2, 2, 2);
  CHECK_FALSE(deployment_rolled_out(d, {replica_set("old", 1, 2), replica_set("new", 2, 1)}).ready);
  CHECK(deployment_rolled_out(d, {replica_set("old", 1, 0), replica_set("new", 2, 2)}).ready);
  CHECK_FALSE(deployment_rolled_out(d, {replica_set("old", 1, 2)}).ready);

  auto stuck = deployment(2, 2, 2, 1, 2, 1);
  stuck["status"]["conditions"] = json::array(
      {{{"type", "Progressing"}, {"status", "False"}, {"reason", "ProgressDeadlineExceeded"}}});
  CHECK(deployment_rolled_out(stuck).message ==
        "deployment \"istiod\" exceeded its progress deadline");
}

TEST_CASE("daemonset and statefulset rollouts") {
  json ds = {{"metadata", {{"name", "cni"}, {"generation", 1}}},
             {"spec", {{"updateStrategy", {{"type", "RollingUpdate"}}}}},
             {"status",
              {{"observedGeneration", 1},
               {"desiredNumberScheduled", 3},
               {"updatedNumberScheduled", 2},
               {"numberAvailable", 2}}}};
  CHECK(daemonset_rolled_out(ds).message ==
        "Waiting for daemon set \"cni\" rollout to finish: 2 out of 3 new pods have been "
        "updated...");
  ds["status"]["updatedNumberScheduled"] = 3;
  CHECK(daemonset_rolled_out(ds).message ==
        "Waiting for daemon set \"cni\" rollout to finish: 2 of 3 updated pods are available...");
  ds["status"]["numberAvailable"] = 3;
  CHECK(daemonset_rolled_out(ds).ready);

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
