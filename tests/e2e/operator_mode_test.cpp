// --mode auto|client|operator, end to end: with the operator's Deployment
// kyma-system/istio-controller-manager in the cluster the plugin writes only the Istio CR and
// follows the status a fake operator (a thread in this process) writes.
#include <catch2/catch.hpp>

#include "core/istio/istio_cr.hpp"
#include "tests/e2e/fake_operator.hpp"
#include "tests/e2e/plugin_session.hpp"

using kyma::test::contains;
using kyma::test::FakeOperator;
using kyma::test::FakeOperatorOutcome;
using kyma::test::PluginSession;
using kyma::test::ProcessResult;
using kyma::test::require_success;
using kyma::test::str;
using nlohmann::json;

namespace {

const char* const kIstioApi = "operator.kyma-project.io/v1alpha2";

// A cluster run by the Kyma Istio module: the operator's Deployment and the Istio CRD.
void make_kyma_cluster(PluginSession& session) {
  kyma::test::seed_operator_deployment(session.server());
  kyma::test::seed_istio_crd(session.server());
}

// The default CR as the operator left it after a successful reconcile.
json ready_default_cr() {
  json cr = kyma::istio::IstioCR::default_cr().object();
  cr["metadata"]["finalizers"] = {"istios.operator.kyma-project.io/istio-installation"};
  cr["status"] = {{"state", "Ready"},
                  {"description", ""},
                  {"conditions",
                   {{{"type", "Ready"},
                     {"status", "True"},
                     {"reason", "ReconcileSucceeded"},
                     {"message", "Reconciliation succeeded"},
                     {"lastTransitionTime", "2024-10-25T10:00:00Z"}}}}};
  return cr;
}

// Every write the plugin made went to the Istio CR kyma-system/default.
void require_only_cr_writes(const PluginSession& session) {
  auto writes = session.writes();
  CHECK_FALSE(writes.empty());
  for (const auto& w : writes) {
    INFO(w.verb << " " << w.path);
    CHECK(w.path ==
          "/apis/operator.kyma-project.io/v1alpha2/namespaces/kyma-system/istios/default");
  }
}

std::string state_of(const PluginSession& session) {
  auto cr = session.istio_cr();
  return cr ? str(*cr, "/status/state") : "";
}

}  // namespace

TEST_CASE(
    "operator mode: auto picks it when the operator runs, writes only the CR, follows to Ready") {
  PluginSession session;
  make_kyma_cluster(session);
  FakeOperator fake(session.server());
  session.server().clear_requests();

  ProcessResult r = session.plugin({"install"});
  require_success(r);
  CHECK(contains(r.err, "Mode: operator (Deployment kyma-system/istio-controller-manager exists"));
  // Progress follows the operator's states.
  CHECK(contains(r.err,
                 "Istio CR kyma-system/default: Processing (Ready=Unknown: ReconcileUnknown)"));
  CHECK(contains(r.err, "Istio CR kyma-system/default is Ready"));
  CHECK(contains(r.out, "Istio CR kyma-system/default: Ready"));
  require_only_cr_writes(session);
  // The plugin itself installed nothing.
  CHECK_FALSE(session.server().get("apps/v1", "Deployment", "istio-system", "istiod"));
  CHECK_FALSE(session.server().get("v1", "Namespace", "", "istio-system"));
  CHECK(fake.reconciles() == 1);
  CHECK(state_of(session) == "Ready");
}

TEST_CASE("operator mode: a watch whose history is gone goes on from a fresh read of the CR") {
  PluginSession session;
  make_kyma_cluster(session);
  FakeOperatorOutcome outcome;
  outcome.restart_api_server = true;
  FakeOperator fake(session.server(), outcome);
  session.server().clear_requests();
  ProcessResult r = session.plugin({"install", "--timeout", "60s"});
  require_success(r);
  CHECK(contains(r.out, "Istio CR kyma-system/default: Ready"));
  CHECK(fake.reconciles() == 1);
  // After the write: a watch, its resumption (410 Expired), a list, and - unless the list already
  // shows the outcome, which happens when the machine is slow - a watch from the list.
  int watches = 0, lists_after_write = 0;
  bool written = false;
  for (const auto& q : session.server().requests()) {
    if (q.path.find("/istios") == std::string::npos) continue;
    if (q.verb == "PATCH") written = true;
    if (q.verb != "GET" || !written) continue;
    (q.query.find("watch=true") != std::string::npos ? watches : lists_after_write)++;
  }
  CHECK(lists_after_write == 1);
  CHECK(watches >= 2);
}

TEST_CASE("operator mode: a Warning outcome maps to its exit code and carries its description") {
  PluginSession session;
  make_kyma_cluster(session);
  SECTION("a manual sidecar restart is the user's to do: 4") {
    FakeOperatorOutcome outcome;
    outcome.state = "Warning";
    outcome.reason = "ProxySidecarManualRestartRequired";
    outcome.description = "Some Pods with Istio sidecar injection failed to restart";
    FakeOperator fake(session.server(), outcome);
    ProcessResult r = session.plugin({"install"});
    CHECK(r.exit_code == 4);
    CHECK(contains(r.out, "Istio CR kyma-system/default: Warning"));
    CHECK(contains(r.err, "ProxySidecarRestartSucceeded=False ProxySidecarManualRestartRequired"));
    CHECK(contains(r.err, "warning: Some Pods with Istio sidecar injection failed to restart\n"));
  }
  SECTION("a version the operator refuses is a guard's refusal: 3 (xff in operator mode)") {
    session.server().seed(ready_default_cr());
    FakeOperatorOutcome outcome;
    outcome.state = "Warning";
    outcome.reason = "IstioVersionUpdateNotAllowed";
    outcome.description = "Istio version update is not allowed: downgrade not supported";
    FakeOperator fake(session.server(), outcome);
    // The operator reconciles what it finds when it starts; the command starts after that.
    REQUIRE(kyma::test::wait_until([&] { return state_of(session) == "Warning"; },
                                   std::chrono::seconds(10)));
    session.server().clear_requests();
    ProcessResult r = session.plugin({"xff", "--trusted-proxies", "2"});
    CHECK(r.exit_code == 3);
    CHECK(contains(r.err, "Processing"));
    CHECK(contains(r.err, "warning: Istio version update is not allowed: downgrade not supported"));
    require_only_cr_writes(session);
    CHECK(fake.reconciles() == 2);
    CHECK(session.istio_cr().value()["spec"]["config"]["numTrustedProxies"] == 2);
  }
}

TEST_CASE("operator mode: an operator that never answers times out naming the last state") {
  PluginSession session;
  make_kyma_cluster(session);
  session.server().seed(ready_default_cr());
  ProcessResult r = session.plugin({"xff", "--trusted-proxies", "1", "--timeout", "2s"});
  CHECK(r.exit_code == 5);
  CHECK(contains(r.out, "Istio CR kyma-system/default: Ready"));
  CHECK(contains(r.err,
                 "error: timed out after 2s waiting for the Kyma Istio operator: it has not "
                 "picked up the change to Istio CR kyma-system/default (last state seen: "
                 "Ready (Ready=True: ReconcileSucceeded))"));
  // The change itself was written.
  CHECK(session.istio_cr().value()["spec"]["config"]["numTrustedProxies"] == 1);
}

TEST_CASE("operator mode: a write that changes nothing reports the status without waiting") {
  PluginSession session;
  make_kyma_cluster(session);
  session.server().seed(ready_default_cr());
  // No operator runs: waiting for one would time out (exit 5).
  SECTION("the same CR from a file") {
    std::string file = session.file("istio.yaml", R"(apiVersion: operator.kyma-project.io/v1alpha2
kind: Istio
metadata:
  name: default
  namespace: kyma-system
  labels:
    app.kubernetes.io/name: default
    kyma-project.io/module: istio
spec: {}
)");
    ProcessResult r = session.plugin({"install", "-f", file, "--timeout", "60s"});
    require_success(r);
    CHECK(contains(r.err, "is unchanged"));
    CHECK(contains(r.out, "Istio CR kyma-system/default: Ready"));
  }
  SECTION("no file and an existing CR: nothing written at all") {
    session.server().clear_requests();
    ProcessResult r = session.plugin({"install", "--timeout", "60s"});
    require_success(r);
    CHECK(contains(r.out, "Istio CR kyma-system/default: Ready"));
    CHECK(session.writes().empty());
  }
}

TEST_CASE("operator mode: --mode client reconciles from here even with the operator present") {
  PluginSession session;
  make_kyma_cluster(session);
  ProcessResult r = session.plugin({"install", "--mode", "client"});
  require_success(r);
  CHECK_FALSE(contains(r.err, "Mode:"));
  CHECK(contains(r.err, "Installation complete"));
  CHECK(session.server().get("apps/v1", "Deployment", "istio-system", "istiod"));
  CHECK(state_of(session) == "Ready");
}

TEST_CASE("operator mode: uninstall deletes the CR and follows until it is gone") {
  PluginSession session;
  make_kyma_cluster(session);
  session.server().seed(ready_default_cr());
  FakeOperator fake(session.server());
  REQUIRE(
      kyma::test::wait_until([&] { return fake.reconciles() == 1 && state_of(session) == "Ready"; },
                             std::chrono::seconds(10)));

  ProcessResult dry = session.plugin({"uninstall", "--dry-run"});
  require_success(dry);
  CHECK(contains(dry.out, "Istio CR kyma-system/default would be deleted"));
  CHECK(session.istio_cr());

  session.server().clear_requests();
  ProcessResult r = session.plugin({"uninstall"});
  require_success(r);
  // Whether the Deleting state is seen on the way depends on how fast the operator is; the end
  // is what counts.
  CHECK(contains(r.err, "Istio CR kyma-system/default deleted by the Kyma Istio operator"));
  CHECK(contains(r.out, "Istio CR kyma-system/default: deleted"));
  CHECK_FALSE(session.istio_cr());
  auto writes = session.writes();
  REQUIRE(writes.size() == 1);
  CHECK(writes[0].verb == "DELETE");
  // The operator's CRD stays: it is the operator's.
  CHECK(session.server().get("apiextensions.k8s.io/v1", "CustomResourceDefinition", "",
                             "istios.operator.kyma-project.io"));
}

TEST_CASE("operator mode: a deletion the operator blocks exits 3 and leaves the CR marked") {
  PluginSession session;
  make_kyma_cluster(session);
  session.server().seed(ready_default_cr());
  FakeOperatorOutcome outcome;
  outcome.block_deletion = true;
  FakeOperator fake(session.server(), outcome);
  REQUIRE(
      kyma::test::wait_until([&] { return fake.reconciles() == 1 && state_of(session) == "Ready"; },
                             std::chrono::seconds(10)));

  ProcessResult r = session.plugin({"uninstall"});
  CHECK(r.exit_code == 3);
  CHECK(contains(r.out, "Istio CR kyma-system/default: Warning"));
  CHECK(contains(r.err, "stays marked for deletion"));
  CHECK(contains(r.err,
                 "warning: There are Istio resources that block deletion. Please take a "
                 "look at kyma-system/istio-controller-manager logs"));
  auto cr = session.istio_cr();
  REQUIRE(cr);
  CHECK(cr->contains(json::json_pointer("/metadata/deletionTimestamp")));

  // Again: the CR is already marked, so nothing new happens and the status is reported at once.
  ProcessResult again = session.plugin({"uninstall", "--timeout", "60s"});
  CHECK(again.exit_code == 3);
  CHECK(contains(again.err, "is unchanged"));
}

TEST_CASE("operator mode: upgrade is refused, upgrade --check still reports") {
  PluginSession session;
  make_kyma_cluster(session);
  json cr = ready_default_cr();
  cr["metadata"]["annotations"]["operator.kyma-project.io/lastAppliedConfiguration"] =
      R"({"config":{"telemetry":{"metrics":{}}},"IstioTag":"1.22.3-distroless"})";
  session.server().seed(cr);
  session.server().clear_requests();

  ProcessResult r = session.plugin({"upgrade"});
  CHECK(r.exit_code == 3);  // refused by the cluster's setup, not a usage error
  CHECK(contains(r.err, "upgrade the Kyma Istio module instead"));
  CHECK(session.writes().empty());

  ProcessResult check = session.plugin({"upgrade", "--check"});
  require_success(check);
  CHECK(contains(check.out, "Upgrade from 1.22.3-distroless to 1.23.2-distroless is allowed"));
}

TEST_CASE("operator mode: install --dry-run shows the CR and writes nothing") {
  PluginSession session;
  make_kyma_cluster(session);
  session.server().clear_requests();
  ProcessResult r = session.plugin({"install", "--dry-run"});
  require_success(r);
  CHECK(contains(r.out, "kind: Istio"));
  CHECK(contains(r.out, "name: default"));
  CHECK(contains(r.err, "would be created"));
  CHECK(session.writes().empty());
  CHECK_FALSE(session.istio_cr());
}

TEST_CASE("operator mode: without the Istio CRD the install says the operator provides it") {
  PluginSession session;
  kyma::test::seed_operator_deployment(session.server());
  session.server().clear_requests();
  ProcessResult r = session.plugin({"install", "--mode", "operator"});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "error: the Istio CRD istios.operator.kyma-project.io is not installed"));
  CHECK(session.writes().empty());
}
