// `kubectl kyma-istio uninstall`, end to end against fakekube: blocked by user Istio resources
// (nothing deleted, the CR says why), and a complete removal.
#include <catch2/catch.hpp>

#include "tests/e2e/plugin_session.hpp"

using kyma::test::condition;
using kyma::test::contains;
using kyma::test::PluginSession;
using kyma::test::ProcessResult;
using kyma::test::require_success;
using kyma::test::str;
using nlohmann::json;

namespace {

json virtual_service(const std::string& ns, const std::string& name) {
  return {{"apiVersion", "networking.istio.io/v1"},
          {"kind", "VirtualService"},
          {"metadata", {{"name", name}, {"namespace", ns}}},
          {"spec", {{"hosts", {"reviews"}}}}};
}

}  // namespace

TEST_CASE("uninstall blocked by a user VirtualService lists it and deletes nothing") {
  PluginSession session;
  require_success(session.plugin({"install"}));
  session.server().seed(virtual_service("default", "reviews"));
  // The module's own resources do not block.
  json own = virtual_service("istio-system", "istio-healthz");
  session.server().seed(own);
  session.server().clear_requests();

  ProcessResult r = session.plugin({"uninstall"});
  CHECK(r.exit_code == 3);
  CHECK(contains(r.err, "VirtualService default/reviews"));
  CHECK_FALSE(contains(r.err, "istio-healthz"));
  for (const auto& w : session.writes()) {
    INFO(w.verb << " " << w.path);
    CHECK(w.path.find("/istios/default/status") != std::string::npos);
  }
  CHECK(session.server().get("apps/v1", "Deployment", "istio-system", "istiod"));
  auto cr = session.istio_cr();
  REQUIRE(cr);
  CHECK_FALSE(cr->contains(json::json_pointer("/metadata/deletionTimestamp")));
  CHECK(str(*cr, "/status/state") == "Warning");
  CHECK(str(*cr, "/status/description") ==
        "There are Istio resources that block deletion. Please take a look at "
        "kyma-system/istio-controller-manager logs to see more information about the warning");
  CHECK(condition(*cr, "Ready").value("reason", "") == "IstioCustomResourcesDangling");
}

TEST_CASE("uninstall without blockers leaves no Istio object behind") {
  PluginSession session;
  std::vector<json> rendered = session.rendered();
  REQUIRE_FALSE(rendered.empty());
  require_success(session.plugin({"install"}));
  session.server().seed(
      {{"apiVersion", "v1"},
       {"kind", "Namespace"},
       {"metadata", {{"name", "shop"}, {"labels", {{"istio-injection", "enabled"}}}}}});
  session.server().seed(json::parse(R"({
    "apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "shop"},
    "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "web"}},
      "template": {"metadata": {"labels": {"app": "web"}},
        "spec": {"containers": [{"name": "web", "image": "nginx"}]}}}})"));
  auto injected = [&] {
    for (const auto& pod : session.server().list("v1", "Pod", "shop")) {
      if (pod.dump().find("\"istio-proxy\"") != std::string::npos) return true;
    }
    return false;
  };
  REQUIRE(kyma::test::wait_until(injected, std::chrono::seconds(20)));

  ProcessResult dry = session.plugin({"uninstall", "--dry-run"});
  require_success(dry);
  CHECK(contains(dry.out, "would be deleted"));
  CHECK(session.server().get("apps/v1", "Deployment", "istio-system", "istiod"));

  ProcessResult r = session.plugin({"uninstall"});
  require_success(r);
  CHECK(contains(r.err, "Uninstall complete"));
  for (const auto& object : rendered) {
    INFO(object["kind"] << " " << str(object, "/metadata/namespace") << "/"
                        << str(object, "/metadata/name"));
    CHECK_FALSE(session.server().get(object["apiVersion"], object["kind"],
                                     str(object, "/metadata/namespace"),
                                     str(object, "/metadata/name")));
  }
  CHECK_FALSE(session.istio_cr());
  CHECK(session.server().list("v1", "Pod", "istio-system").empty());
  // The workload was restarted and came back without a sidecar.
  CHECK(kyma::test::wait_until(
      [&] { return !injected() && !session.server().list("v1", "Pod", "shop").empty(); },
      std::chrono::seconds(20)));
}

TEST_CASE("uninstall with no Istio CR has nothing to do") {
  PluginSession session;
  ProcessResult r = session.plugin({"uninstall"});
  require_success(r);
  CHECK(contains(r.out, "nothing to uninstall"));
  CHECK(session.writes().empty());
}
