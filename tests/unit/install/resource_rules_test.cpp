#include <catch2/catch.hpp>

#include "plugins/install/uninstall_blockers.hpp"
#include "plugins/install/user_envoyfilter_check.hpp"

using nlohmann::json;
using namespace kyma::install;

namespace {
json object(const std::string& ns, const std::string& name, json labels = json::object()) {
  return {{"metadata", {{"namespace", ns}, {"name", name}, {"labels", labels}}}};
}
}  // namespace

TEST_CASE("the fourteen Istio kinds are checked") {
  CHECK(blocking_kinds().size() == 14);
  CHECK(blocking_kinds()[2].api_version() == "networking.istio.io/v1alpha3");
}

TEST_CASE("user resources block, the module's own do not") {
  CHECK(blocks_uninstall("VirtualService", object("shop", "web")));
  CHECK_FALSE(blocks_uninstall("VirtualService", object("istio-system", "istio-healthz")));
  CHECK_FALSE(blocks_uninstall("PeerAuthentication", object("istio-system", "default")));
  CHECK(blocks_uninstall("PeerAuthentication", object("shop", "default")));
  CHECK_FALSE(blocks_uninstall("EnvoyFilter", object("istio-system", "stats-filter-1.23")));
  CHECK(blocks_uninstall("EnvoyFilter", object("istio-system", "stats-filter-x")));
  CHECK_FALSE(
      blocks_uninstall("Gateway", object("shop", "gw", {{"kyma-project.io/module", "istio"}})));
  // The operator's regexes are unanchored: a name containing a controlled name is ignored too.
  CHECK_FALSE(blocks_uninstall("EnvoyFilter", object("istio-system", "my-proxy-protocol-copy")));
  CHECK_FALSE(blocks_uninstall("EnvoyFilter", object("istio-system", "tcp-stats-filter-1.234")));
  CHECK_FALSE(blocks_uninstall("VirtualService", object("old-istio-system", "istio-healthz")));
  CHECK(blocks_uninstall("EnvoyFilter", object("istio-system", "stats-filter-1.2")));
}

TEST_CASE("a user EnvoyFilter on the ingress gateway is found; module and RateLimit ones are not") {
  auto ef = [](const std::string& name, json selector) {
    return json{{"metadata", {{"namespace", "istio-system"}, {"name", name}}},
                {"spec", {{"workloadSelector", {{"labels", selector}}}}}};
  };
  auto mine = ef("proxy-protocol", {{"istio", "ingressgateway"}});
  mine["metadata"]["labels"] = {{"kyma-project.io/module", "istio"}};
  auto ratelimit = ef("rl", {{"app", "istio-ingressgateway"}});
  ratelimit["metadata"]["ownerReferences"] = json::array({{{"kind", "RateLimit"}}});
  auto other = ef("sidecar-only", {{"app", "web"}});
  CHECK_FALSE(find_user_ingress_envoyfilter({mine, ratelimit, other}));
  auto user = ef("custom-lua", {{"istio", "ingressgateway"}});
  CHECK(find_user_ingress_envoyfilter({mine, user}) == "istio-system/custom-lua");
  CHECK(user_envoyfilter_description("istio-system/custom-lua") ==
        "misconfigured EnvoyFilter can potentially break Istio Ingress Gateway: user-created "
        "EnvoyFilter istio-system/custom-lua targeting Ingress Gateway found");
}
