#include <catch2/catch.hpp>

#include "core/istio/user_envoyfilter_check.hpp"

using nlohmann::json;
using namespace kyma::istio;

TEST_CASE(
    "a user EnvoyFilter on the ingress gateway is found, and module and RateLimit ones are not") {
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
