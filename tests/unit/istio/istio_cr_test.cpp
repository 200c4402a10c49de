#include <catch2/catch.hpp>

#include "core/istio/istio_cr.hpp"
#include "core/ui/error.hpp"

using kyma::istio::IstioCR;

TEST_CASE("istio CR: reads YAML or JSON and checks apiVersion and kind") {
  auto cr = IstioCR::parse(R"(
apiVersion: operator.kyma-project.io/v1alpha2
kind: Istio
metadata:
  name: default
  namespace: kyma-system
spec:
  config:
    numTrustedProxies: 2
)",
                           "cr.yaml");
  CHECK(cr.name() == "default");
  CHECK(cr.namespace_name() == "kyma-system");
  CHECK(cr.num_trusted_proxies() == 2);
  CHECK(cr.source() == "cr.yaml");

  auto json_cr = IstioCR::parse(
      R"({"apiVersion": "operator.kyma-project.io/v1alpha2", "kind": "Istio",
          "metadata": {"name": "x"}})",
      "cr.json");
  CHECK(json_cr.spec() == nlohmann::json::object());
  CHECK(json_cr.namespace_name().empty());
}

TEST_CASE("istio CR: what is not an Istio v1alpha2 object is refused with the file named") {
  CHECK_THROWS_WITH(IstioCR::parse("", "cr.yaml"), "cr.yaml: no Istio object in it");
  CHECK_THROWS_WITH(IstioCR::parse("- a\n", "cr.yaml"),
                    "cr.yaml: expected an Istio object, found a list");
  CHECK_THROWS_WITH(
      IstioCR::parse("apiVersion: operator.kyma-project.io/v1alpha2\nkind: Other\n", "cr.yaml"),
      "cr.yaml: kind \"Other\" is not Istio");
  CHECK_THROWS_WITH(
      IstioCR::parse("apiVersion: operator.kyma-project.io/v1alpha1\nkind: Istio\n", "cr.yaml"),
      "cr.yaml: apiVersion \"operator.kyma-project.io/v1alpha1\" is not supported (v1alpha1 was "
      "removed; use operator.kyma-project.io/v1alpha2)");
  CHECK_THROWS_WITH(IstioCR::parse("kind: Istio\n", "cr.yaml"),
                    Catch::StartsWith("cr.yaml: apiVersion \"\" is not supported"));
  // YAML syntax errors keep the file, line and column.
  CHECK_THROWS_WITH(IstioCR::parse("kind: [Istio\n", "cr.yaml"), Catch::StartsWith("cr.yaml:"));
}

TEST_CASE("istio CR: the default CR is kyma-system/default with an empty spec") {
  auto cr = IstioCR::default_cr();
  CHECK(cr.name() == "default");
  CHECK(cr.namespace_name() == "kyma-system");
  CHECK(cr.spec().empty());
  CHECK(cr.object()["metadata"]["labels"]["kyma-project.io/module"] == "istio");
  CHECK_FALSE(cr.prometheus_merge());
  CHECK_FALSE(cr.compatibility_mode());
  CHECK_FALSE(cr.enable_dns_proxying().has_value());
  CHECK(cr.authorizers().empty());
}

TEST_CASE("istio CR: typed accessors") {
  auto cr = IstioCR::parse(R"(
apiVersion: operator.kyma-project.io/v1alpha2
kind: Istio
metadata: {name: default}
spec:
  compatibilityMode: true
  networkPoliciesEnabled: true
  config:
    forwardClientCertDetails: SANITIZE
    gatewayExternalTrafficPolicy: Local
    trustDomain: example.org
    enableDNSProxying: false
    telemetry: {metrics: {prometheusMerge: true}}
    proxyStatsMatcher: {inclusionRegexps: ["a.*", "b"]}
    authorizers:
    - name: ext
      service: ext.ns.svc.cluster.local
      port: 8080
      pathPrefix: /check
      timeout: 2s
      headers:
        inCheck: {include: [x-a], add: {x-b: "1"}}
        toUpstream: {onAllow: [x-c]}
        toDownstream: {onAllow: [x-d], onDeny: [x-e]}
  components:
    egressGateway: {enabled: true}
  experimental:
    enableAmbient: false
    pilot: {enableAlphaGatewayAPI: true, enableMultiNetworkDiscoverGatewayAPI: true}
)",
                           "cr.yaml");
  CHECK(cr.compatibility_mode());
  CHECK(cr.network_policies_enabled());
  CHECK(cr.forward_client_cert_details() == "SANITIZE");
  CHECK(cr.gateway_external_traffic_policy() == "Local");
  CHECK(cr.trust_domain() == "example.org");
  CHECK(cr.enable_dns_proxying() == false);
  CHECK(cr.prometheus_merge());
  CHECK(cr.proxy_stats_inclusion_regexps() == std::vector<std::string>{"a.*", "b"});
  CHECK(cr.egress_gateway_enabled() == true);
  CHECK(cr.experimental_enable_ambient() == false);
  CHECK(cr.experimental_alpha_gateway_api());
  CHECK(cr.experimental_multi_network_discovery());
  auto authorizers = cr.authorizers();
  REQUIRE(authorizers.size() == 1);
  const auto& a = authorizers[0];
  CHECK(a.name == "ext");
  CHECK(a.service == "ext.ns.svc.cluster.local");
  CHECK(a.port == 8080);
  CHECK(a.path_prefix == "/check");
  CHECK(a.timeout == "2s");
  CHECK(a.headers.in_check_include == std::vector<std::string>{"x-a"});
  CHECK(a.headers.in_check_add == nlohmann::json{{"x-b", "1"}});
  CHECK(a.headers.to_upstream_on_allow == std::vector<std::string>{"x-c"});
  CHECK(a.headers.to_downstream_on_allow == std::vector<std::string>{"x-d"});
  CHECK(a.headers.to_downstream_on_deny == std::vector<std::string>{"x-e"});
}
