#include <sstream>

#include <catch2/catch.hpp>

#include "plugins/proxy-restart/restart_report.hpp"

using namespace kyma::proxy_restart;
using kyma::istio::ActionKind;

namespace {

PlannedAction action(ActionKind kind, const std::string& target_kind, const std::string& ns,
                     const std::string& name, std::vector<std::string> pods,
                     std::vector<std::string> reasons, const std::string& message = "") {
  return {{kind, target_kind, ns, name, message}, std::move(pods), std::move(reasons)};
}

}  // namespace

TEST_CASE("workloads are named as kubectl names them") {
  CHECK(kubectl_name("Deployment", "web") == "deployment.apps/web");
  CHECK(kubectl_name("StatefulSet", "db") == "statefulset.apps/db");
  CHECK(kubectl_name("DaemonSet", "agent") == "daemonset.apps/agent");
  CHECK(kubectl_name("ReplicaSet", "rs") == "replicaset.apps/rs");
  CHECK(kubectl_name("Pod", "lonely") == "pod/lonely");
}

TEST_CASE("the dry-run table lists Kyma's pass, then the customers', with what happens to each") {
  RestarterOutcome outcome;
  outcome.kyma.restarted.push_back(action(ActionKind::kRollout, "Deployment", "kyma-system",
                                          "api-gateway", {"a", "b"}, {"image"}));
  outcome.customer.restarted.push_back(
      action(ActionKind::kRollout, "Deployment", "shop", "web", {"w"}, {"image", "resources"}));
  outcome.customer.restarted.push_back(
      action(ActionKind::kDeletePod, "Pod", "shop", "rc-1", {"rc-1"}, {"image"}));
  outcome.customer.manual.push_back(
      action(ActionKind::kWarn, "Pod", "shop", "lonely", {"lonely"}, {"image"}, "no owner"));
  outcome.customer.skipped.push_back(
      action(ActionKind::kSkip, "Deployment", "shop", "api", {"api-1"}, {"image"}, "busy"));
  std::ostringstream out;
  print_plan_table(out, outcome);
  CHECK(out.str() ==
        "NAMESPACE     KIND         NAME          PODS   REASONS           ACTION\n"
        "kyma-system   Deployment   api-gateway   2      image             Restart\n"
        "shop          Deployment   web           1      image,resources   Restart\n"
        "shop          Pod          rc-1          1      image             DeletePod\n"
        "shop          Pod          lonely        1      image             ManualRestart\n"
        "shop          Deployment   api           1      image             RolloutInProgress\n");
}

TEST_CASE("a run prints one line per restarted workload and per manual restart") {
  CHECK(restarted_line(action(ActionKind::kRollout, "Deployment", "shop", "web", {"w"},
                              {"image", "resources"})) ==
        "deployment.apps/web -n shop restarted (image,resources)");
  CHECK(restarted_line(action(ActionKind::kDeletePod, "Pod", "shop", "rc-1", {"rc-1"},
                              {"image"})) == "pod/rc-1 -n shop deleted (image)");
  CHECK(manual_line(action(ActionKind::kWarn, "Pod", "shop", "lonely", {"lonely"}, {"image"},
                           "pod sidecar could not be updated because it is owned by a Job.")) ==
        "pod/lonely -n shop needs a manual restart (image): pod sidecar could not be updated "
        "because it is owned by a Job.");
}

TEST_CASE("only rolled-out workloads are waited for") {
  auto targets =
      rollout_targets({action(ActionKind::kRollout, "Deployment", "shop", "web", {}, {}),
                       action(ActionKind::kRollout, "StatefulSet", "shop", "db", {}, {}),
                       action(ActionKind::kRollout, "ReplicaSet", "shop", "bare-rs", {}, {}),
                       action(ActionKind::kDeletePod, "Pod", "shop", "rc-1", {}, {})});
  REQUIRE(targets.size() == 2);
  CHECK(targets[0].kind == "Deployment");
  CHECK(targets[0].ns == "shop");
  CHECK(targets[0].name == "web");
  CHECK(targets[0].api_version == "apps/v1");
  CHECK(targets[1].kind == "StatefulSet");
}
