// `kubectl kyma-istio uninstall`, end to end against fakekube: blocked by user Istio resources
// (nothing deleted, the CR says why), and a complete removal.
#include <catch2/catch.hpp>

#include <algorithm>

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
  session.server().seed(kyma::test::injected_namespace("shop"));
  session.server().seed(kyma::test::deployment("shop", "web", 1));
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

  session.server().clear_requests();
  ProcessResult r = session.plugin({"uninstall"});
  require_success(r);
  CHECK(contains(r.err, "Uninstall complete"));
  // The operator's order: the webhooks first (the API server must stop calling them), CRDs last.
  std::vector<std::string> deleted;
  for (const auto& w : session.writes()) {
    if (w.verb == "DELETE" && w.path.find("/istios/") == std::string::npos)
      deleted.push_back(w.path);
  }
  INFO(json(deleted).dump());
  REQUIRE(deleted.size() > 10);
  CHECK(contains(deleted[0], "webhookconfigurations/"));
  CHECK(contains(deleted[1], "webhookconfigurations/"));
  auto first_crd = std::find_if(deleted.begin(), deleted.end(), [](const std::string& path) {
    return contains(path, "/customresourcedefinitions/");
  });
  REQUIRE(first_crd != deleted.end());
  CHECK(std::none_of(first_crd, deleted.end(), [](const std::string& path) {
    return contains(path, "webhookconfigurations/") || contains(path, "/deployments/");
  }));
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

TEST_CASE("uninstall sets IstioUninstallSucceeded before it lets the CR go") {
  PluginSession session;
  require_success(session.plugin({"install"}));
  // Another party's finalizer keeps the CR after ours is removed, so its last status is readable.
  require_success(
      session.kubectl({"patch", "istio", "default", "-n", "kyma-system", "--type=json", "-p",
                       R"([{"op":"add","path":"/metadata/finalizers/-",)"
                       R"("value":"example.com/keep"}])"}));
  ProcessResult r = session.plugin({"uninstall", "--timeout", "2s"});
  CHECK(r.exit_code == 5);  // the CR is not gone: the other finalizer holds it
  auto cr = session.istio_cr();
  REQUIRE(cr);
  CHECK((*cr)["metadata"]["finalizers"] == json::array({"example.com/keep"}));
  CHECK(str(*cr, "/status/state") == "Deleting");
  json ready = condition(*cr, "Ready");
  CHECK(ready.value("reason", "") == "IstioUninstallSucceeded");
  CHECK(ready.value("message", "") == "Istio uninstallation succeded");
  CHECK_FALSE(session.server().get("apps/v1", "Deployment", "istio-system", "istiod"));
}

TEST_CASE("a CR without the installation finalizer is deleted and Istio is left alone") {
  PluginSession session;
  require_success(session.plugin({"install"}));
  require_success(session.kubectl({"patch", "istio", "default", "-n", "kyma-system", "--type=json",
                                   "-p", R"([{"op":"remove","path":"/metadata/finalizers"}])"}));
  ProcessResult r = session.plugin({"uninstall"});
  require_success(r);
  CHECK(contains(r.out, "Istio CR kyma-system/default: deleted"));
  CHECK(contains(r.err, "it did not install Istio, nothing else to remove"));
  CHECK_FALSE(session.istio_cr());
  CHECK(session.server().get("apps/v1", "Deployment", "istio-system", "istiod"));
}

TEST_CASE("uninstall that cannot list the pods stops with the operator's Error and keeps the CR") {
  PluginSession session;
  require_success(session.plugin({"install"}));
  session.server().add_fault(fakekube::failing("GET", "/api/v1/pods", 403, 1));
  ProcessResult r = session.plugin({"uninstall"});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "error: Could not remove istio sidecars: "));
  auto cr = session.istio_cr();
  REQUIRE(cr);
  CHECK(str(*cr, "/status/state") == "Error");
  CHECK(str(*cr, "/status/description").rfind("Could not remove istio sidecars: ", 0) == 0);
  CHECK(condition(*cr, "Ready").value("reason", "") == "IstioInstallUninstallFailed");
  // A second run finishes the job.
  require_success(session.plugin({"uninstall"}));
  CHECK_FALSE(session.istio_cr());
}

TEST_CASE(
    "uninstall that cannot read a sidecar's owner stops with the same Error and keeps the CR") {
  PluginSession session;
  require_success(session.plugin({"install"}));
  session.server().seed(kyma::test::injected_namespace("shop"));
  session.server().seed(kyma::test::deployment("shop", "web", 1));
  REQUIRE(kyma::test::wait_until([&] { return !kyma::test::proxy_images(session, "shop").empty(); },
                                 std::chrono::seconds(20)));
  session.server().add_fault(
      fakekube::failing("GET", "/apis/apps/v1/namespaces/shop/replicasets", 403, 10));
  ProcessResult r = session.plugin({"uninstall"});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "error: Could not remove istio sidecars: "));
  auto cr = session.istio_cr();
  REQUIRE(cr);
  CHECK(str(*cr, "/status/state") == "Error");
  CHECK(condition(*cr, "Ready").value("reason", "") == "IstioInstallUninstallFailed");
}
