// The restarter's plan (one action per parent, warnings per pod) and its passes (Kyma's stops at
// the first problem, the customers' collects them), with a fake cluster and recorded writes.
#include <catch2/catch.hpp>

#include "core/ui/error.hpp"
#include "plugins/proxy-restart/sidecar_restarter.hpp"

using namespace kyma::proxy_restart;
using kyma::istio::ActionKind;
using kyma::istio::OwnerLookup;
using kyma::istio::RestartAction;
using nlohmann::json;

namespace {

json pod(const std::string& name, const std::string& owner_kind = "",
         const std::string& owner = "") {
  json p = {{"metadata", {{"name", name}, {"namespace", "shop"}}}};
  if (!owner_kind.empty()) {
    p["metadata"]["ownerReferences"] =
        json::array({{{"kind", owner_kind}, {"name", owner}, {"uid", owner + "-uid"}}});
  }
  return p;
}

// ReplicaSets web-1 (Deployment web) and api-1 (Deployment api), both settled.
OwnerLookup lookup() {
  static const std::vector<json> sets = {pod("web-1", "Deployment", "web"),
                                         pod("api-1", "Deployment", "api")};
  return {[](const std::string&, const std::string& name) -> std::optional<json> {
            for (const auto& rs : sets) {
              if (rs["metadata"]["name"] == name) return rs;
            }
            return std::nullopt;
          },
          [](const std::string&) { return sets; }};
}

struct RecordedWrites {
  std::vector<std::string> done;
  std::string failing;  // target name whose write throws
  RestartWrite write() {
    return [this](const RestartAction& a) {
      if (a.name == failing) throw kyma::Error("the server said no");
      done.push_back(a.target_kind + "/" + a.name);
    };
  }
};

}  // namespace

TEST_CASE("a parent is planned once for all its selected pods, with every reason") {
  auto plan = plan_pass({{pod("web-1-a", "ReplicaSet", "web-1"), {"image"}},
                         {pod("lonely"), {"image"}},
                         {pod("web-1-b", "ReplicaSet", "web-1"), {"resources", "image"}},
                         {pod("migrate-x", "Job", "migrate"), {"resources"}}},
                        lookup());
  REQUIRE(plan.size() == 3);
  CHECK(plan[0].action.kind == ActionKind::kRollout);
  CHECK(plan[0].action.target_kind == "Deployment");
  CHECK(plan[0].action.name == "web");
  CHECK(plan[0].pods == std::vector<std::string>{"web-1-a", "web-1-b"});
  CHECK(plan[0].reasons == std::vector<std::string>{"image", "resources"});
  CHECK(plan[1].action.kind == ActionKind::kWarn);
  CHECK(plan[1].action.name == "lonely");
  CHECK(plan[2].action.kind == ActionKind::kWarn);
  CHECK(plan[2].action.name == "migrate-x");
  CHECK(plan[2].pods == std::vector<std::string>{"migrate-x"});
}

TEST_CASE("the customer pass restarts what it can and collects what needs a manual restart") {
  auto plan = plan_pass({{pod("web-1-a", "ReplicaSet", "web-1"), {"image"}},
                         {pod("lonely"), {"image"}},
                         {pod("rc-x", "ReplicationController", "rc"), {"image"}},
                         {pod("api-1-a", "ReplicaSet", "api-1"), {"image"}}},
                        lookup());
  RecordedWrites writes;
  writes.failing = "api";
  PassOutcome outcome = run_pass(plan, false, writes.write());
  CHECK_FALSE(outcome.error);
  CHECK(writes.done == std::vector<std::string>{"Deployment/web", "Pod/rc-x"});
  REQUIRE(outcome.restarted.size() == 2);
  CHECK(outcome.restarted[1].action.kind == ActionKind::kDeletePod);
  REQUIRE(outcome.manual.size() == 2);
  CHECK(outcome.manual[0].action.name == "lonely");
  CHECK(outcome.manual[1].action.name == "api");
  CHECK(outcome.manual[1].action.message == "the server said no");
}

TEST_CASE("the Kyma pass stops at its first problem, after what it already restarted") {
  auto plan = plan_pass({{pod("web-1-a", "ReplicaSet", "web-1"), {"image"}},
                         {pod("lonely"), {"image"}},
                         {pod("api-1-a", "ReplicaSet", "api-1"), {"image"}}},
                        lookup());
  RecordedWrites writes;
  PassOutcome outcome = run_pass(plan, true, writes.write());
  REQUIRE(outcome.error);
  CHECK(*outcome.error == "shop/lonely: " + std::string(kyma::istio::kNoOwnerWarning));
  CHECK(writes.done == std::vector<std::string>{"Deployment/web"});

  RecordedWrites failing;
  failing.failing = "web";
  PassOutcome failed = run_pass(plan, true, failing.write());
  REQUIRE(failed.error);
  CHECK(*failed.error == "Deployment shop/web: the server said no");
  CHECK(failed.restarted.empty());
}

TEST_CASE("an owner kind that cannot be rolled out is an error for Kyma, manual for customers") {
  auto plan = plan_pass({{pod("cron-x", "CronTab", "cron"), {"image"}}}, lookup());
  REQUIRE(plan.size() == 1);
  CHECK(plan[0].action.kind == ActionKind::kError);
  auto kyma = run_pass(plan, true, no_writes());
  REQUIRE(kyma.error);
  CHECK(*kyma.error == "kind CronTab is not supported for rollout");
  auto customer = run_pass(plan, false, no_writes());
  CHECK_FALSE(customer.error);
  REQUIRE(customer.manual.size() == 1);
  CHECK(customer.manual[0].action.name == "cron");
}

TEST_CASE("a parent with another rollout running is skipped, not restarted") {
  std::vector<json> sets = {pod("web-1", "Deployment", "web"), pod("web-2", "Deployment", "web")};
  sets[1]["status"] = {{"replicas", 2}, {"readyReplicas", 1}};
  OwnerLookup rolling{[&](const std::string&, const std::string& name) -> std::optional<json> {
                        for (const auto& rs : sets) {
                          if (rs["metadata"]["name"] == name) return rs;
                        }
                        return std::nullopt;
                      },
                      [&](const std::string&) { return sets; }};
  auto plan = plan_pass({{pod("web-1-a", "ReplicaSet", "web-1"), {"image"}}}, rolling);
  RecordedWrites writes;
  auto outcome = run_pass(plan, true, writes.write());
  CHECK_FALSE(outcome.error);
  CHECK(writes.done.empty());
  REQUIRE(outcome.skipped.size() == 1);
  CHECK(outcome.skipped[0].action.name == "web");
}

TEST_CASE("the warning names the customers' manual restarts, or n/a when the pass failed") {
  RestarterOutcome outcome;
  CHECK(outcome.warnings().empty());
  PlannedAction lonely{{ActionKind::kWarn, "Pod", "shop", "lonely", "no owner"}, {"lonely"}, {}};
  outcome.customer.manual.push_back(lonely);
  REQUIRE(outcome.warnings().size() == 1);
  CHECK(outcome.warnings()[0].ns == "shop");
  CHECK(outcome.warnings()[0].name == "lonely");
  outcome.customer_pass_error = "listing ReplicaSets failed";
  REQUIRE(outcome.warnings().size() == 1);
  CHECK(outcome.warnings()[0].ns == "n/a");
  CHECK(outcome.warnings()[0].name == "n/a");
}
