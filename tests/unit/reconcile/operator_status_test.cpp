// Following an in-cluster operator: the exit code a status stands for, whether a write gives the
// operator anything to do, and when the operator has picked a write up and settled on it.
#include <catch2/catch.hpp>

#include "core/istio/last_applied.hpp"
#include "core/reconcile/operator_status.hpp"

using kyma::ExitCode;
using kyma::reconcile::exit_code_for;
using kyma::reconcile::operator_will_act;
using kyma::reconcile::OperatorPickup;
using kyma::reconcile::OperatorStatus;
using nlohmann::json;

namespace {

json cr_with(int generation, const std::string& state, const std::string& reason = "",
             const std::string& description = "") {
  json cr = {{"metadata",
              {{"name", "default"},
               {"namespace", "kyma-system"},
               {"generation", generation},
               {"resourceVersion", "10"}}},
             {"spec", {{"config", {{"numTrustedProxies", generation}}}}}};
  if (!state.empty()) {
    cr["status"] = {{"state", state}, {"description", description}};
    if (!reason.empty()) {
      std::string status =
          state == "Ready" ? "True" : (state == "Processing" ? "Unknown" : "False");
      cr["status"]["conditions"] = json::array(
          {{{"type", "Ready"}, {"status", status}, {"reason", reason}, {"message", "m"}}});
    }
  }
  return cr;
}

json processing(int generation) {
  return cr_with(generation, "Processing", "ReconcileUnknown", "Reconciling Istio");
}

json ready(int generation) {
  return cr_with(generation, "Ready", "ReconcileSucceeded");
}

json with_applied_spec(json cr, const json& spec) {
  cr["metadata"]["annotations"][kyma::istio::kLastAppliedAnnotation] =
      kyma::istio::last_applied_text(spec, "1.23.2-distroless");
  return cr;
}

ExitCode code_of(const json& cr) {
  return exit_code_for(OperatorStatus::of(cr));
}

}  // namespace

TEST_CASE("a settled status maps to the exit code of its outcome") {
  CHECK(code_of(ready(1)) == ExitCode::kOk);
  CHECK(code_of(cr_with(1, "Error", "ReconcileFailed")) == ExitCode::kFailure);
  for (const char* refusal :
       {"IstioVersionUpdateNotAllowed", "IstioCustomResourcesDangling", "OlderCRExists"}) {
    INFO(refusal);
    CHECK(code_of(cr_with(1, "Warning", refusal)) == ExitCode::kRefused);
  }
  // A manual restart or a user EnvoyFilter leave Ready=False/ReconcileFailed; the reason that
  // says so is on its own condition type.
  json manual = cr_with(1, "Warning", "ReconcileFailed");
  manual["status"]["conditions"].push_back({{"type", "ProxySidecarRestartSucceeded"},
                                            {"status", "False"},
                                            {"reason", "ProxySidecarManualRestartRequired"}});
  CHECK(code_of(manual) == ExitCode::kActionRequired);
  CHECK(code_of(cr_with(1, "Warning", "IngressTargetingUserResourceFound")) ==
        ExitCode::kActionRequired);
  CHECK(code_of(cr_with(1, "Warning")) == ExitCode::kActionRequired);
  // Not settled: nothing failed (yet).
  CHECK(code_of(processing(1)) == ExitCode::kOk);
  CHECK(code_of(cr_with(1, "")) == ExitCode::kOk);
}

TEST_CASE("the status summary names the state and the Ready condition") {
  CHECK(OperatorStatus::of(processing(1)).summary() ==
        "Processing (Ready=Unknown: ReconcileUnknown)");
  CHECK(OperatorStatus::of(cr_with(1, "")).summary() == "no status yet");
  CHECK(OperatorStatus::of(cr_with(1, "Warning")).summary() == "Warning");
}

TEST_CASE("only a write that changes the generation gives the operator something to do") {
  CHECK(operator_will_act(json(), ready(1), false));  // created
  CHECK(operator_will_act(ready(1), ready(2), false));
  json relabelled = ready(1);
  relabelled["metadata"]["resourceVersion"] = "11";
  CHECK_FALSE(operator_will_act(ready(1), relabelled, false));
  // Without generations, the resourceVersion decides.
  json a = {{"metadata", {{"resourceVersion", "1"}}}};
  json b = {{"metadata", {{"resourceVersion", "2"}}}};
  CHECK(operator_will_act(a, b, false));
  CHECK_FALSE(operator_will_act(a, a, false));

  json marked = ready(1);
  marked["metadata"]["deletionTimestamp"] = "2024-01-01T00:00:00Z";
  CHECK(operator_will_act(ready(1), marked, true));
  CHECK(operator_will_act(ready(1), json(), true));      // gone at once
  CHECK_FALSE(operator_will_act(marked, marked, true));  // already marked
}

TEST_CASE("the operator has picked up a write once it writes Processing, and settles after") {
  OperatorPickup pickup(ready(2), false);  // the write: generation 2, status still from gen 1
  json relabelled = ready(2);
  relabelled["metadata"]["labels"] = {{"a", "b"}};
  CHECK_FALSE(pickup.observe(relabelled));  // not a status write: not picked up
  CHECK_FALSE(pickup.picked_up());
  CHECK_FALSE(pickup.observe(processing(2)));
  CHECK(pickup.picked_up());
  CHECK(pickup.observe(ready(2)));
}

TEST_CASE("a reconcile that stops before Processing is picked up by its status change") {
  OperatorPickup pickup(ready(2), false);
  CHECK(pickup.observe(cr_with(2, "Warning", "OlderCRExists", "only one CR reconciles")));
  // A created CR has no status until the operator writes one.
  OperatorPickup created(cr_with(1, ""), false);
  CHECK(created.observe(cr_with(1, "Error", "ReconcileFailed", "not in kyma-system")));
}

TEST_CASE("when the operator was busy at the write its next result may be an earlier one") {
  json spec_v2 = ready(2)["spec"];
  json spec_v1 = ready(1)["spec"];
  SECTION("an earlier reconcile finishing is not taken for ours") {
    OperatorPickup pickup(processing(2), false);
    CHECK_FALSE(pickup.observe(with_applied_spec(ready(2), spec_v1)));
    CHECK_FALSE(pickup.picked_up());
    CHECK_FALSE(pickup.observe(processing(2)));
    CHECK(pickup.picked_up());
    CHECK(pickup.observe(with_applied_spec(ready(2), spec_v2)));
  }
  SECTION("a Ready that applied the written spec is ours") {
    OperatorPickup pickup(processing(2), false);
    CHECK(pickup.observe(with_applied_spec(ready(2), spec_v2)));
  }
  SECTION("a Warning after an earlier reconcile waits for a further change") {
    OperatorPickup pickup(processing(2), false);
    json warning = cr_with(2, "Warning", "IngressTargetingUserResourceFound");
    CHECK_FALSE(pickup.observe(warning));
    CHECK_FALSE(pickup.observe(warning));  // the same status again: still nothing new
    CHECK(pickup.observe(cr_with(2, "Error", "ValidationFailed")));
  }
}

TEST_CASE("a deletion is picked up by Deleting and never settles on Ready") {
  json marked = ready(1);
  marked["metadata"]["deletionTimestamp"] = "2024-01-01T00:00:00Z";
  OperatorPickup pickup(marked, true);
  json deleting = marked;
  deleting["status"] = {{"state", "Deleting"}, {"description", "Deleting Istio"}};
  CHECK_FALSE(pickup.observe(deleting));
  CHECK(pickup.picked_up());
  CHECK_FALSE(pickup.observe(marked));  // Ready: not an outcome of a deletion
  json blocked = marked;
  blocked["status"] = cr_with(1, "Warning", "IstioCustomResourcesDangling")["status"];
  CHECK(pickup.observe(blocked));
  CHECK(code_of(blocked) == ExitCode::kRefused);
}
