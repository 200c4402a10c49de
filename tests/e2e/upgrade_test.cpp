// A real upgrade end to end against fakekube: Istio 1.22.3 installed, an injected workload, the
// upgrade to 1.23.2 with the sidecar restart that follows, and the guard refusing the way back.
// Also the ingress gateway restart that `xff` triggers.
#include <catch2/catch.hpp>

#include "tests/e2e/plugin_session.hpp"

using kyma::test::condition;
using kyma::test::contains;
using kyma::test::deployment;
using kyma::test::injected_namespace;
using kyma::test::kProxyImage;
using kyma::test::PluginSession;
using kyma::test::ProcessResult;
using kyma::test::proxy_images;
using kyma::test::require_success;
using kyma::test::str;
using kyma::test::wait_until;
using nlohmann::json;
using std::chrono::seconds;

namespace {

bool all_proxies_run(PluginSession& session, const std::string& ns, const std::string& tag) {
  auto images = proxy_images(session, ns);
  if (images.empty()) return false;
  for (const auto& image : images) {
    if (image != kProxyImage + tag) return false;
  }
  return true;
}

void seed_injected_workload(PluginSession& session) {
  session.server().seed(injected_namespace("shop"));
  session.server().seed(deployment("shop", "web", 2));
}

}  // namespace

TEST_CASE("an upgrade from 1.22.3 restarts the old sidecars and the guard refuses the way back") {
  PluginSession session;
  require_success(session.plugin({"install", "--istio-version", "1.22.3"}));
  seed_injected_workload(session);
  REQUIRE(wait_until([&] { return all_proxies_run(session, "shop", "1.22.3-distroless"); },
                     seconds(20)));

  ProcessResult check = session.plugin({"upgrade", "--check"});
  require_success(check);
  CHECK(contains(check.out, "from 1.22.3-distroless to 1.23.2-distroless is allowed"));

  ProcessResult upgrade = session.plugin({"upgrade"});
  require_success(upgrade);
  CHECK(contains(upgrade.out, "workload(s) restarted"));
  auto istiod = session.server().get("apps/v1", "Deployment", "istio-system", "istiod");
  REQUIRE(istiod);
  CHECK(contains(istiod->dump(), "pilot:1.23.2-distroless"));
  CHECK(wait_until([&] { return all_proxies_run(session, "shop", "1.23.2-distroless"); },
                   seconds(20)));
  auto cr = session.istio_cr();
  REQUIRE(cr);
  CHECK(str(*cr, "/status/state") == "Ready");
  CHECK(condition(*cr, "ProxySidecarRestartSucceeded").value("status", "") == "True");

  ProcessResult back = session.plugin({"install", "--istio-version", "1.22.3"});
  CHECK(back.exit_code == 3);
  cr = session.istio_cr();
  CHECK(str(*cr, "/status/state") == "Warning");
  CHECK(str(*cr, "/status/description") ==
        "Istio version update is not allowed: target Istio version (1.22.3-distroless) is lower "
        "than current version (1.23.2-distroless) - downgrade not supported");
  CHECK(condition(*cr, "Ready").value("reason", "") == "IstioVersionUpdateNotAllowed");
  CHECK(contains(session.server().get("apps/v1", "Deployment", "istio-system", "istiod")->dump(),
                 "pilot:1.23.2-distroless"));

  ProcessResult refused_check = session.plugin({"upgrade", "--check", "--istio-version", "1.22.3"});
  CHECK(refused_check.exit_code == 3);
}

TEST_CASE("a pod without an owner cannot be restarted: the upgrade ends asking for action") {
  PluginSession session;
  require_success(session.plugin({"install", "--istio-version", "1.22.3"}));
  seed_injected_workload(session);
  session.server().seed(json::parse(R"({
    "apiVersion": "v1", "kind": "Pod", "metadata": {"name": "lonely", "namespace": "shop"},
    "spec": {"containers": [{"name": "app", "image": "busybox"}]}})"));
  REQUIRE(wait_until(
      [&] {
        return proxy_images(session, "shop").size() == 3 &&
               all_proxies_run(session, "shop", "1.22.3-distroless");
      },
      seconds(20)));

  ProcessResult upgrade = session.plugin({"upgrade"});
  CHECK(upgrade.exit_code == 4);
  CHECK(contains(upgrade.out,
                 "The sidecars of the following workloads could not be restarted: shop/lonely"));
  auto cr = session.istio_cr();
  REQUIRE(cr);
  CHECK(str(*cr, "/status/state") == "Warning");
  json sidecars = condition(*cr, "ProxySidecarRestartSucceeded");
  CHECK(sidecars.value("reason", "") == "ProxySidecarManualRestartRequired");
  CHECK(sidecars.value("message", "") ==
        "The sidecars of the following workloads could not be restarted: shop/lonely");
}

TEST_CASE("xff sets the trusted proxies, restarts the ingress gateway and waits for it") {
  PluginSession session;
  require_success(session.plugin({"install"}));
  auto before =
      session.server().get("apps/v1", "Deployment", "istio-system", "istio-ingressgateway");
  REQUIRE(before);

  ProcessResult set = session.plugin({"xff", "--trusted-proxies", "2"});
  require_success(set);
  auto after =
      session.server().get("apps/v1", "Deployment", "istio-system", "istio-ingressgateway");
  REQUIRE(after);
  CHECK_FALSE(str(*after,
                  "/spec/template/metadata/annotations/"
                  "istio-operator.kyma-project.io~1restartedAt")
                  .empty());
  auto mesh = session.server().get("v1", "ConfigMap", "istio-system", "istio");
  REQUIRE(mesh);
  CHECK(contains(str(*mesh, "/data/mesh"), "numTrustedProxies: 2"));

  ProcessResult show = session.plugin({"xff"});
  require_success(show);
  CHECK(contains(show.out, "numTrustedProxies: 2 (applied)"));

  CHECK(session.plugin({"xff", "--trusted-proxies", "-1"}).exit_code == 2);
}
