// `kubectl kyma-istio install`, end to end: the real kubectl runs the staged plugin against a
// fakekube cluster, and the cluster's objects and the Istio CR's status are checked afterwards.
#include <catch2/catch.hpp>

#include <csignal>

#include "core/manifest/live_comparison.hpp"
#include "tests/e2e/plugin_session.hpp"

using kyma::test::condition;
using kyma::test::contains;
using kyma::test::PluginSession;
using kyma::test::ProcessResult;
using kyma::test::require_success;
using kyma::test::str;
using nlohmann::json;

namespace {

// Every object `manifest` renders is in the cluster with every field as rendered: manifest shows
// exactly what install applies.
void require_installed(PluginSession& session, const std::vector<json>& rendered) {
  REQUIRE(rendered.size() > 40);
  for (const auto& object : rendered) {
    INFO(object["kind"] << " " << str(object, "/metadata/namespace") << "/"
                        << str(object, "/metadata/name"));
    auto live =
        session.server().get(object["apiVersion"], object["kind"],
                             str(object, "/metadata/namespace"), str(object, "/metadata/name"));
    REQUIRE(live);
    CHECK(kyma::manifest::live_contains(object, *live));
  }
}

const json* find_container(const json& workload, const std::string& name) {
  for (const auto& c : workload["spec"]["template"]["spec"]["containers"]) {
    if (c.value("name", "") == name) return &c;
  }
  return nullptr;
}

// The writes the session's server saw, but for the Istio CR's (its status is the only thing a
// converged run writes).
std::vector<std::string> writes_but_cr(PluginSession& session) {
  std::vector<std::string> writes;
  for (const auto& w : session.writes()) {
    if (w.path.rfind("/apis/operator.kyma-project.io/v1alpha2/namespaces/kyma-system/istios/", 0) ==
        0) {
      continue;
    }
    writes.push_back(w.verb + " " + w.path);
  }
  return writes;
}

std::string failure_policy(PluginSession& session, const std::string& configuration) {
  auto live = session.server().get("admissionregistration.k8s.io/v1",
                                   "ValidatingWebhookConfiguration", "", configuration);
  return live ? str(*live, "/webhooks/0/failurePolicy") : "(absent)";
}

}  // namespace

TEST_CASE("install on an empty cluster creates every object and leaves the CR Ready") {
  PluginSession session;
  ProcessResult r = session.plugin({"install"});
  require_success(r);
  CHECK(contains(r.out, "Istio CR kyma-system/default: Ready"));
  CHECK(contains(r.err, "Installation complete"));

  require_installed(session, session.rendered());

  auto cr = session.istio_cr();
  REQUIRE(cr);
  CHECK(str(*cr, "/status/state") == "Ready");
  CHECK(str(*cr, "/status/description").empty());
  json ready = condition(*cr, "Ready");
  CHECK(ready.value("status", "") == "True");
  CHECK(ready.value("reason", "") == "ReconcileSucceeded");
  CHECK(condition(*cr, "IngressTargetingUserResourceFound").value("reason", "") ==
        "IngressTargetingUserResourceNotFound");
  CHECK(condition(*cr, "ProxySidecarRestartSucceeded").value("status", "") == "True");
  CHECK((*cr)["metadata"]["finalizers"] ==
        json::array({"istios.operator.kyma-project.io/istio-installation"}));
  json last = json::parse(
      str(*cr, "/metadata/annotations/operator.kyma-project.io~1lastAppliedConfiguration"));
  CHECK(last["IstioTag"] == "1.23.2-distroless");

  auto istiod = session.server().get("apps/v1", "Deployment", "istio-system", "istiod");
  REQUIRE(istiod);
  const json* discovery = find_container(*istiod, "discovery");
  REQUIRE(discovery);
  CHECK((*discovery)["resources"]["limits"] == json({{"cpu", "4000m"}, {"memory", "2Gi"}}));
  CHECK((*istiod)["status"].value("readyReplicas", 0) >= 1);
}

TEST_CASE("a second install writes nothing to Istio's objects") {
  PluginSession session;
  require_success(session.plugin({"install"}));
  session.server().clear_requests();

  ProcessResult again = session.plugin({"install"});
  require_success(again);
  CHECK(contains(again.out, "unchanged"));
  std::vector<std::string> writes = writes_but_cr(session);
  INFO("writes: " << json(writes).dump());
  CHECK(writes.empty());
  // The live state is read in LIST calls per kind, not one GET per object.
  INFO("requests: " << session.server().requests().size());
  CHECK(session.server().requests().size() <= 44);  // 42 when this was written
}

TEST_CASE("istiod's switch of its validating webhooks to Fail is not undone by a re-run") {
  PluginSession session;
  require_success(session.plugin({"install"}));
  const std::vector<std::string> validators = {"istio-validator-istio-system",
                                               "istiod-default-validator"};
  for (const auto& name : validators) {
    CHECK(failure_policy(session, name) == "Ignore");
    // What istiod does once validation works (with its own field manager, by update).
    require_success(session.kubectl(
        {"patch", "validatingwebhookconfiguration", name, "--type=json", "--field-manager",
         "pilot-discovery", "-p",
         R"([{"op":"replace","path":"/webhooks/0/failurePolicy","value":"Fail"}])"}));
  }
  session.server().clear_requests();

  require_success(session.plugin({"install"}));
  std::vector<std::string> writes = writes_but_cr(session);
  INFO("writes: " << json(writes).dump());
  CHECK(writes.empty());
  for (const auto& name : validators) CHECK(failure_policy(session, name) == "Fail");
}

TEST_CASE("an install that fails mid-way exits non-zero, and a re-run converges") {
  PluginSession session;
  session.server().add_fault(fakekube::failing(
      "PATCH", "/apis/apps/v1/namespaces/istio-system/deployments/istiod", 500, 1));

  ProcessResult failed = session.plugin({"install"});
  CHECK(failed.exit_code == 1);
  CHECK(contains(failed.err, "error: Could not install Istio"));
  auto cr = session.istio_cr();
  REQUIRE(cr);
  CHECK(str(*cr, "/status/state") == "Error");
  CHECK(str(*cr, "/status/description") ==
        "Could not install Istio: Istio installation resulted in an error");
  CHECK(condition(*cr, "Ready").value("reason", "") == "IstioInstallUninstallFailed");

  ProcessResult rerun = session.plugin({"install"});
  require_success(rerun);
  CHECK(str(*session.istio_cr(), "/status/state") == "Ready");
  require_installed(session, session.rendered());
}

TEST_CASE("a Kyma resource that cannot be applied is named in the CR's Error") {
  PluginSession session;
  // The PeerAuthentication istio-system/default is the only object applied in that group.
  session.server().add_fault(fakekube::failing("PATCH", "/apis/security.istio.io/", 500));

  ProcessResult failed = session.plugin({"install"});
  CHECK(failed.exit_code == 1);
  auto cr = session.istio_cr();
  REQUIRE(cr);
  CHECK(str(*cr, "/status/state") == "Error");
  CHECK(str(*cr, "/status/description")
            .rfind("Could not reconcile Istio resource PeerAuthentication/default: ", 0) == 0);
  CHECK(condition(*cr, "Ready").value("reason", "") == "CustomResourcesReconcileFailed");
  CHECK(
      contains(failed.err, "error: Could not reconcile Istio resource PeerAuthentication/default"));

  require_success(session.plugin({"install"}));
  CHECK(str(*session.istio_cr(), "/status/state") == "Ready");
}

TEST_CASE("a small cluster gets the evaluation profile") {
  PluginSession session(kyma::test::evaluation_cluster());
  ProcessResult r = session.plugin({"install"});
  require_success(r);
  CHECK(contains(r.out, "evaluation profile"));
  auto istiod = session.server().get("apps/v1", "Deployment", "istio-system", "istiod");
  REQUIRE(istiod);
  const json* discovery = find_container(*istiod, "discovery");
  REQUIRE(discovery);
  CHECK((*discovery)["resources"]["requests"] == json({{"cpu", "50m"}, {"memory", "128Mi"}}));
  CHECK_FALSE(session.server().get("policy/v1", "PodDisruptionBudget", "istio-system", "istiod"));
}

TEST_CASE("a CR outside kyma-system is not reconciled, with the operator's state") {
  PluginSession session;
  std::string file = session.file("cr.yaml",
                                  "apiVersion: operator.kyma-project.io/v1alpha2\n"
                                  "kind: Istio\n"
                                  "metadata: {name: elsewhere, namespace: default}\n");
  ProcessResult r = session.plugin({"install", "-f", file});
  CHECK(r.exit_code == 1);
  auto cr = session.istio_cr("default", "elsewhere");
  REQUIRE(cr);
  CHECK(str(*cr, "/status/state") == "Error");
  CHECK(str(*cr, "/status/description") ==
        "Stopped Istio CR reconciliation: Istio CR is not in kyma-system namespace");
  CHECK(condition(*cr, "Ready").value("reason", "") == "ReconcileFailed");
  CHECK_FALSE(session.server().get("apps/v1", "Deployment", "istio-system", "istiod"));
}

TEST_CASE(
    "duplicate authorizers: the command line names the field, the CR has the operator's words") {
  PluginSession session;
  std::string file = session.file("cr.yaml",
                                  "apiVersion: operator.kyma-project.io/v1alpha2\n"
                                  "kind: Istio\n"
                                  "metadata: {name: default, namespace: kyma-system}\n"
                                  "spec:\n"
                                  "  config:\n"
                                  "    authorizers:\n"
                                  "    - {name: ext, service: a.b.svc.cluster.local, port: 80}\n"
                                  "    - {name: ext, service: c.d.svc.cluster.local, port: 80}\n");
  ProcessResult r = session.plugin({"install", "-f", file});
  CHECK(r.exit_code == 1);  // nothing was installed: a failure, whatever the CR's state
  CHECK(contains(r.err,
                 "warning: spec.config.authorizers[1].name: Authorizer name needs to be "
                 "unique: ext is duplicated\n"));
  auto cr = session.istio_cr();
  REQUIRE(cr);
  CHECK(str(*cr, "/status/state") == "Warning");
  CHECK(str(*cr, "/status/description") == "Authorizer name needs to be unique: ext is duplicated");
  CHECK(condition(*cr, "Ready").value("reason", "") == "ValidationFailed");
  CHECK_FALSE(session.server().get("apps/v1", "Deployment", "istio-system", "istiod"));

  ProcessResult rendered = session.plugin({"manifest", "-f", file});
  CHECK(rendered.exit_code == 1);
  CHECK(rendered.err ==
        "error: " + file +
            ": spec.config.authorizers[1].name: Authorizer name needs to be unique: "
            "ext is duplicated\n");
}

TEST_CASE("a second, newer CR is left alone with OlderCRExists") {
  PluginSession session;
  require_success(session.plugin({"install"}));
  std::string file = session.file("second.yaml",
                                  "apiVersion: operator.kyma-project.io/v1alpha2\n"
                                  "kind: Istio\n"
                                  "metadata: {name: second, namespace: kyma-system}\n"
                                  "spec: {config: {numTrustedProxies: 3}}\n");
  ProcessResult r = session.plugin({"install", "-f", file});
  CHECK(r.exit_code == 3);
  auto cr = session.istio_cr("kyma-system", "second");
  REQUIRE(cr);
  CHECK(str(*cr, "/status/state") == "Warning");
  CHECK(str(*cr, "/status/description") ==
        "Stopped Istio CR reconciliation: only Istio CR default in kyma-system reconciles the "
        "module");
  CHECK(condition(*cr, "Ready").value("reason", "") == "OlderCRExists");
}

TEST_CASE("an invalid CR file is refused before anything is sent") {
  PluginSession session;
  std::string file = session.file("bad.yaml",
                                  "apiVersion: operator.kyma-project.io/v1alpha2\n"
                                  "kind: Istio\n"
                                  "metadata: {name: default, namespace: kyma-system}\n"
                                  "spec: {components: {pilot: {k8s: {resources: {limits: {cpu: "
                                  "1x}}}}}}\n");
  ProcessResult r = session.plugin({"install", "-f", file});
  CHECK(r.exit_code != 0);
  CHECK(contains(r.err, "spec.components.pilot.k8s.resources.limits.cpu"));
  CHECK(session.writes().empty());
}

TEST_CASE("a dry run on an empty cluster writes nothing and says what it would create") {
  PluginSession session;
  ProcessResult r = session.plugin({"install", "--dry-run"});
  require_success(r);
  CHECK(contains(r.out, "deployment.apps/istiod -n istio-system created (dry run)"));
  CHECK(session.writes().empty());
}

TEST_CASE("a workload that never gets ready times out naming it and its pod's reason") {
  PluginSession session;
  session.server().fail_pods("istio-system", "istiod", "ImagePullBackOff");
  ProcessResult r = session.plugin({"install", "--timeout", "3s"});
  CHECK(r.exit_code == 5);
  CHECK(contains(r.err, "istiod"));
  CHECK(contains(r.err, "ImagePullBackOff"));
  auto cr = session.istio_cr();
  REQUIRE(cr);
  CHECK(str(*cr, "/status/state") == "Error");
}

TEST_CASE("objects of a component that is switched off are pruned") {
  PluginSession session;
  std::string with_egress = session.file("egress.yaml",
                                         "apiVersion: operator.kyma-project.io/v1alpha2\n"
                                         "kind: Istio\n"
                                         "metadata: {name: default, namespace: kyma-system}\n"
                                         "spec: {components: {egressGateway: {enabled: true}}}\n");
  require_success(session.plugin({"install", "-f", with_egress}));
  REQUIRE(session.server().get("apps/v1", "Deployment", "istio-system", "istio-egressgateway"));

  std::string without = session.file("plain.yaml",
                                     "apiVersion: operator.kyma-project.io/v1alpha2\n"
                                     "kind: Istio\n"
                                     "metadata: {name: default, namespace: kyma-system}\n"
                                     "spec: {components: {egressGateway: {enabled: false}}}\n");
  ProcessResult r = session.plugin({"install", "-f", without});
  require_success(r);
  CHECK(contains(r.out, "pruned"));
  CHECK_FALSE(session.server().get("apps/v1", "Deployment", "istio-system", "istio-egressgateway"));
  CHECK_FALSE(session.server().get("v1", "Service", "istio-system", "istio-egressgateway"));
  // CRDs are never pruned, and the rest stays.
  CHECK(session.server().get("apps/v1", "Deployment", "istio-system", "istiod"));
  CHECK(session.server().get("apiextensions.k8s.io/v1", "CustomResourceDefinition", "",
                             "virtualservices.networking.istio.io"));
}

TEST_CASE("an install killed or interrupted mid-way converges when run again") {
  int signal = SIGINT;
  SECTION("Ctrl-C (SIGINT)") {
    signal = SIGINT;
  }
  SECTION("killed (SIGKILL): no chance to clean up") {
    signal = SIGKILL;
  }
  PluginSession session;
  // Hold the ingress gateway's apply long enough to stop the process there, after the earlier
  // components were applied.
  session.server().add_fault(fakekube::delayed(
      "PATCH", "/apis/apps/v1/namespaces/istio-system/deployments/istio-ingressgateway",
      std::chrono::seconds(6)));
  {
    kyma::test::BackgroundPlugin install(session, {"install"});
    REQUIRE(kyma::test::wait_until(
        [&] {
          return session.server()
              .get("apps/v1", "Deployment", "istio-system", "istiod")
              .has_value();
        },
        std::chrono::seconds(20)));
    CHECK(install.stop(signal).exit_code != 0);
  }
  session.server().clear_faults();

  require_success(session.plugin({"install"}));
  require_installed(session, session.rendered());
  CHECK(str(*session.istio_cr(), "/status/state") == "Ready");
}

TEST_CASE("an install whose connection drops during a write fails, and a re-run converges") {
  PluginSession session;
  session.server().add_fault(fakekube::dropped(
      "PATCH", "/apis/apps/v1/namespaces/istio-system/daemonsets/istio-cni-node", 1));
  ProcessResult failed = session.plugin({"install"});
  CHECK(failed.exit_code == 1);
  CHECK(str(*session.istio_cr(), "/status/state") == "Error");
  // The write was not sent again on its own: the client never repeats a write blindly.
  int cni_patches = 0;
  for (const auto& w : session.writes()) {
    cni_patches += w.verb == "PATCH" && contains(w.path, "/daemonsets/istio-cni-node");
  }
  CHECK(cni_patches == 1);

  require_success(session.plugin({"install"}));
  require_installed(session, session.rendered());
  CHECK(str(*session.istio_cr(), "/status/state") == "Ready");
}

TEST_CASE("a pod in istio-system on another Istio version fails the verification") {
  PluginSession session;
  session.server().seed(
      {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "istio-system"}}}});
  session.server().seed(json::parse(R"({
    "apiVersion": "v1", "kind": "Pod",
    "metadata": {"name": "leftover", "namespace": "istio-system",
                 "labels": {"kyma-project.io/module": "istio"}},
    "spec": {"containers": [{"name": "istio-proxy",
      "image": "europe-docker.pkg.dev/kyma-project/prod/external/istio/proxyv2:1.22.3-distroless"}]}})"));
  ProcessResult r = session.plugin({"install"});
  CHECK(r.exit_code == 1);
  auto cr = session.istio_cr();
  REQUIRE(cr);
  CHECK(str(*cr, "/status/state") == "Error");
  CHECK(contains(str(*cr, "/status/description"),
                 "Verifying Pod versions in istio-system namespace failed: "));
}

namespace {

std::string restarted_at(PluginSession& session, const std::string& kind, const std::string& name) {
  auto workload = session.server().get("apps/v1", kind, "istio-system", name);
  return workload ? str(*workload,
                        "/spec/template/metadata/annotations/"
                        "istio-operator.kyma-project.io~1restartedAt")
                  : "(absent)";
}

std::string cr_with(const std::string& spec) {
  return "apiVersion: operator.kyma-project.io/v1alpha2\nkind: Istio\n"
         "metadata: {name: default, namespace: kyma-system}\nspec:\n" +
         spec;
}

}  // namespace

TEST_CASE("switching network policies on and off creates, then deletes them, restarting Istio") {
  PluginSession session;
  require_success(session.plugin({"install"}));
  CHECK(session.server().list("networking.k8s.io/v1", "NetworkPolicy", "istio-system").empty());
  const std::string istiod_before = restarted_at(session, "Deployment", "istiod");
  const std::string gateway_before = restarted_at(session, "Deployment", "istio-ingressgateway");
  const std::string cni_before = restarted_at(session, "DaemonSet", "istio-cni-node");

  ProcessResult on = session.plugin(
      {"install", "-f", session.file("on.yaml", cr_with("  networkPoliciesEnabled: true\n"))});
  require_success(on);
  CHECK_FALSE(
      session.server().list("networking.k8s.io/v1", "NetworkPolicy", "istio-system").empty());
  const std::string istiod_on = restarted_at(session, "Deployment", "istiod");
  CHECK(istiod_on != istiod_before);
  CHECK(restarted_at(session, "Deployment", "istio-ingressgateway") != gateway_before);
  CHECK(restarted_at(session, "DaemonSet", "istio-cni-node") != cni_before);
  CHECK(restarted_at(session, "DaemonSet", "istio-cni-node") != "(absent)");

  // Unchanged: no restart.
  require_success(session.plugin({"install"}));
  CHECK(restarted_at(session, "Deployment", "istiod") == istiod_on);

  ProcessResult off = session.plugin(
      {"install", "-f", session.file("off.yaml", cr_with("  networkPoliciesEnabled: false\n"))});
  require_success(off);
  CHECK(session.server().list("networking.k8s.io/v1", "NetworkPolicy", "istio-system").empty());
  CHECK(contains(off.out, "deleted"));
}

TEST_CASE("a user EnvoyFilter on the ingress gateway ends the install in Warning with exit 4") {
  PluginSession session;
  require_success(session.plugin({"install"}));
  require_success(session.kubectl(
      {"apply", "-f",
       session.file("filter.yaml",
                    "apiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\n"
                    "metadata: {name: custom-lua, namespace: istio-system}\n"
                    "spec:\n  workloadSelector:\n    labels: {istio: ingressgateway}\n"
                    "  configPatches: []\n")}));
  ProcessResult r = session.plugin({"install"});
  CHECK(r.exit_code == 4);
  const std::string description =
      "misconfigured EnvoyFilter can potentially break Istio Ingress Gateway: user-created "
      "EnvoyFilter istio-system/custom-lua targeting Ingress Gateway found";
  CHECK(contains(r.err, "warning: " + description));
  auto cr = session.istio_cr();
  REQUIRE(cr);
  CHECK(str(*cr, "/status/state") == "Warning");
  CHECK(str(*cr, "/status/description") == description);
  CHECK(condition(*cr, "Ready").value("reason", "") == "ReconcileFailed");
  json found = condition(*cr, "IngressTargetingUserResourceFound");
  CHECK(found.value("status", "") == "True");
  CHECK(found.value("reason", "") == "IngressTargetingUserResourceFound");

  require_success(session.kubectl({"delete", "envoyfilter", "custom-lua", "-n", "istio-system"}));
  require_success(session.plugin({"install"}));
  CHECK(condition(*session.istio_cr(), "IngressTargetingUserResourceFound").value("status", "") ==
        "False");
}

namespace {

bool injector_deactivated(PluginSession& session) {
  auto injector =
      session.server().get("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", "",
                           "istio-sidecar-injector");
  if (!injector || !(*injector)["webhooks"].is_array() || (*injector)["webhooks"].empty()) {
    return false;
  }
  for (const auto& hook : (*injector)["webhooks"]) {
    if (hook.value("/namespaceSelector/matchLabels/istio.io~1deactivated"_json_pointer, "") !=
        "never-match") {
      return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE(
    "the injector webhook is deactivated only once the tag webhooks exist, as istioctl does") {
  PluginSession session;
  // A fresh install that fails after Pilot: injection still has its webhook, the chart's.
  session.server().add_fault(fakekube::failing(
      "PATCH", "/apis/apps/v1/namespaces/istio-system/deployments/istio-ingressgateway", 500, 1));
  CHECK(session.plugin({"install"}).exit_code == 1);
  REQUIRE(session.server().get("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration",
                               "", "istio-sidecar-injector"));
  CHECK_FALSE(injector_deactivated(session));
  CHECK_FALSE(session.server().get("admissionregistration.k8s.io/v1",
                                   "MutatingWebhookConfiguration", "",
                                   "istio-revision-tag-default"));

  // The re-run creates the tag webhooks, then deactivates the injector.
  ProcessResult rerun = session.plugin({"install"});
  require_success(rerun);
  CHECK(contains(rerun.err, "Deactivated the istio-sidecar-injector webhook"));
  CHECK(injector_deactivated(session));
  CHECK(session.server().get("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", "",
                             "istio-revision-tag-default"));

  // From then on the deactivated form is what is applied, and nothing changes.
  session.server().clear_requests();
  ProcessResult converged = session.plugin({"install"});
  require_success(converged);
  CHECK_FALSE(contains(converged.err, "Deactivated"));
  for (const auto& w : session.writes()) CHECK_FALSE(contains(w.path, "mutatingwebhook"));
}
