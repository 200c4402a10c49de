// The merged IOP's component settings through the whole render: enablement, k8s settings and
// overlays change exactly their objects; what the bundle cannot render is refused.
#include <catch2/catch.hpp>

#include "core/manifest/object_access.hpp"
#include "core/manifest/renderer.hpp"
#include "core/ui/error.hpp"
#include "tests/unit/manifest/render_fixture.hpp"

using Catch::Matchers::Contains;
using kyma::istio::MergedConfig;
using kyma::istio::Profile;
using kyma::test::changes_between;
using kyma::test::object_named;
using kyma::test::profile_config;
using kyma::test::render;
using nlohmann::json;
using Changes = std::map<std::string, std::set<std::string>>;

namespace {

MergedConfig production() {
  return profile_config("1.23.2", Profile::kProduction);
}

Changes effect_of(const MergedConfig& changed) {
  return changes_between(render(profile_config(changed.istio_version, changed.profile)),
                         render(changed));
}

json& ingress_gateway(MergedConfig& config) {
  return config.iop["spec"]["components"]["ingressGateways"][0];
}

}  // namespace

TEST_CASE("CR k8s fields change only their field of their object") {
  SECTION("pilot resources") {
    auto config = production();
    config.iop["spec"]["components"]["pilot"]["k8s"]["resources"]["limits"]["memory"] = "3Gi";
    CHECK(effect_of(config) ==
          Changes{{"Deployment istio-system/istiod",
                   {"/spec/template/spec/containers/0/resources/limits/memory"}}});
  }
  SECTION("pilot hpaSpec") {
    auto config = production();
    config.iop["spec"]["components"]["pilot"]["k8s"]["hpaSpec"]["maxReplicas"] = 7;
    CHECK(effect_of(config) ==
          Changes{{"HorizontalPodAutoscaler istio-system/istiod", {"/spec/maxReplicas"}}});
  }
  SECTION("ingress strategy") {
    auto config = production();
    ingress_gateway(config)["k8s"]["strategy"]["rollingUpdate"]["maxUnavailable"] = "25%";
    CHECK(effect_of(config) == Changes{{"Deployment istio-system/istio-ingressgateway",
                                        {"/spec/strategy/rollingUpdate/maxUnavailable"}}});
  }
  SECTION("CNI affinity") {
    auto config = production();
    config.iop["spec"]["components"]["cni"]["k8s"]["affinity"]["podAntiAffinity"]
              ["preferredDuringSchedulingIgnoredDuringExecution"][0]["weight"] = 50;
    CHECK(effect_of(config) ==
          Changes{{"DaemonSet istio-system/istio-cni-node",
                   {"/spec/template/spec/affinity/podAntiAffinity/"
                    "preferredDuringSchedulingIgnoredDuringExecution/0/weight"}}});
  }
  SECTION("externalTrafficPolicy overlay") {
    auto config = production();
    ingress_gateway(config)["k8s"]["overlays"] = json::parse(R"([{"apiVersion": "v1",
        "kind": "Service", "name": "istio-ingressgateway",
        "patches": [{"path": "spec.externalTrafficPolicy", "value": "Local"}]}])");
    CHECK(effect_of(config) ==
          Changes{{"Service istio-system/istio-ingressgateway", {"/spec/externalTrafficPolicy"}}});
  }
  SECTION("a pod-template label overlay with an escaped key") {
    auto config = production();
    config.iop["spec"]["components"]["cni"]["k8s"]["overlays"] = json::parse(R"([{
        "kind": "DaemonSet", "name": "istio-cni-node",
        "patches": [{"path": "spec.template.metadata.labels.example\\.com/team", "value": "mesh"}]}])");
    CHECK(effect_of(config) == Changes{{"DaemonSet istio-system/istio-cni-node",
                                        {"/spec/template/metadata/labels/example.com~1team"}}});
  }
}

TEST_CASE("an enabled egress gateway adds its objects with its k8s settings") {
  auto config = production();
  auto& egress = config.iop["spec"]["components"]["egressGateways"][0];
  egress["enabled"] = true;
  auto rendered = render(config);
  REQUIRE(rendered.components.size() == 5);
  CHECK(rendered.components[4].name == "EgressGateways");
  CHECK(rendered.components[4].objects.size() == 7);
  json deployment = object_named(rendered, "Deployment istio-system/istio-egressgateway");
  CHECK((*kyma::manifest::find_container(deployment, "istio-proxy"))["resources"]["requests"] ==
        json{{"cpu", "10m"}, {"memory", "120Mi"}});
  CHECK(deployment["metadata"]["labels"]["operator.istio.io/component"] == "EgressGateways");
}

TEST_CASE("a disabled CNI drops the component and switches the injector to istio-init") {
  auto config = production();
  config.iop["spec"]["components"]["cni"]["enabled"] = false;
  auto rendered = render(config);
  for (const auto& component : rendered.components) CHECK(component.name != "Cni");
  auto values = json::parse(
      object_named(rendered, "ConfigMap istio-system/istio-sidecar-injector")["data"]["values"]
          .get<std::string>());
  CHECK(values["istio_cni"]["enabled"] == false);
}

TEST_CASE("network policies and the proxy-protocol filter are Kyma resources after install") {
  auto config = production();
  config.network_policies_enabled = true;
  config.proxy_protocol_filter = true;
  auto rendered = render(config);
  REQUIRE(rendered.kyma_resources.size() == 9);
  CHECK(kyma::manifest::describe(rendered.kyma_resources[0]) ==
        "PeerAuthentication istio-system/default");
  std::set<std::string> policies;
  for (size_t i = 1; i < 8; ++i) {
    const json& policy = rendered.kyma_resources[i];
    CHECK(policy["kind"] == "NetworkPolicy");
    CHECK(policy["metadata"]["labels"]["kyma-project.io/managed-by"] == "kyma");
    policies.insert(kyma::manifest::describe(policy));
  }
  CHECK(policies == std::set<std::string>{
                        "NetworkPolicy istio-system/kyma-project.io--istio-cni-node",
                        "NetworkPolicy istio-system/kyma-project.io--istio-ingressgateway-egress",
                        "NetworkPolicy istio-system/kyma-project.io--istio-egressgateway",
                        "NetworkPolicy istio-system/kyma-project.io--istio-ingressgateway",
                        "NetworkPolicy kyma-system/kyma-project.io--allow-istio-controller-manager",
                        "NetworkPolicy istio-system/kyma-project.io--istio-pilot",
                        "NetworkPolicy istio-system/kyma-project.io--istio-pilot-jwks"});
  const json& pilot =
      object_named(rendered, "NetworkPolicy istio-system/kyma-project.io--istio-pilot");
  CHECK(pilot["spec"]["egress"][1]["ports"][0]["port"] == 443);
  CHECK(pilot["spec"]["policyTypes"] == json::array({"Egress", "Ingress"}));
  const json& filter = rendered.kyma_resources[8];
  CHECK(kyma::manifest::describe(filter) == "EnvoyFilter istio-system/proxy-protocol");
  CHECK(filter["spec"]["configPatches"][0]["applyTo"] == "LISTENER_FILTER");
  CHECK(filter["spec"]["workloadSelector"]["labels"]["istio"] == "ingressgateway");
}

TEST_CASE("what the bundle cannot render is refused with the field") {
  SECTION("another gateway") {
    auto config = production();
    config.iop["spec"]["components"]["ingressGateways"].push_back(
        {{"name", "my-gateway"}, {"enabled", true}});
    CHECK_THROWS_WITH(render(config),
                      Contains("spec.components.ingressGateways[1]") && Contains("my-gateway"));
  }
  SECTION("another namespace") {
    auto config = production();
    config.iop["spec"]["components"]["cni"]["namespace"] = "kube-system";
    CHECK_THROWS_WITH(render(config), Contains("spec.components.cni.namespace"));
  }
  SECTION("ambient") {
    auto config = production();
    config.iop["spec"]["components"]["ztunnel"]["enabled"] = true;
    CHECK_THROWS_WITH(render(config), Contains("spec.components.ztunnel.enabled"));
  }
  SECTION("a bad overlay") {
    auto config = production();
    config.iop["spec"]["components"]["pilot"]["k8s"]["overlays"] = json::parse(
        R"([{"kind": "Deployment", "name": "istiod", "patches": [{"path": "spec.x.[k:v]", "value": 1}]}])");
    CHECK_THROWS_WITH(render(config), Contains("spec.components.pilot.k8s.overlays[0].patches[0]"));
  }
  SECTION("a version or profile the bundle does not hold") {
    auto config = production();
    config.profile = Profile::kEvaluation;
    CHECK_THROWS_WITH(kyma::manifest::render_installation(
                          config, kyma::test::bundle("1.23.2", Profile::kProduction)),
                      Contains("evaluation profile"));
  }
}
