#include <catch2/catch.hpp>

#include <map>

#include "tests/unit/istio/changes.hpp"

#include "core/istio/istio_merge.hpp"
#include "core/istio/profile.hpp"
#include "core/ui/error.hpp"
#include "tests/support/test_paths.hpp"
#include "tests/unit/istio/cr_fixtures.hpp"

using namespace kyma::istio;
using kyma::istio::test::changes;
using kyma::istio::test::Changes;
using kyma::istio::test::cr_with_spec;
using kyma::istio::test::kFullSpec;
using nlohmann::json;

namespace {

MergeRequest request(const std::string& version = "1.23.2",
                     std::optional<Profile> profile = std::nullopt, ClusterFacts facts = {}) {
  MergeRequest r;
  r.bundle_root = kyma::test::bundle_dir();
  r.istio_version = version;
  r.forced_profile = profile;
  r.facts = std::move(facts);
  return r;
}

json profile_of(const std::string& version = "1.23.2", Profile p = Profile::kProduction) {
  return load_profile(kyma::test::bundle_dir(), version, p);
}

Changes changes_for(const std::string& spec_yaml, ClusterFacts facts = {},
                    const std::string& version = "1.23.2") {
  auto merged = merge_istio_config(cr_with_spec(spec_yaml), request(version, std::nullopt, facts));
  return changes(profile_of(version), merged.iop);
}

const std::string kMesh = "/spec/meshConfig";
const std::string kComponents = "/spec/components";

}  // namespace

TEST_CASE("merge: the default CR gives the profile itself, for both profiles and versions") {
  for (const char* version : {"1.23.2", "1.22.3"}) {
    for (Profile p : {Profile::kProduction, Profile::kEvaluation}) {
      INFO(version << " " << profile_name(p));
      auto merged = merge_istio_config(IstioCR::default_cr(), request(version, p));
      json expected = profile_of(version, p);
      // The operator always writes prometheusMerge; the Kyma profiles already say false.
      CHECK(merged.iop["spec"]["meshConfig"]["enablePrometheusMerge"] == false);
      CHECK(changes(expected, merged.iop).empty());
      CHECK(merged.istio_version == version);
      CHECK(merged.tag == std::string(version) + "-distroless");
      CHECK(merged.profile == p);
      CHECK_FALSE(merged.network_policies_enabled);
      CHECK_FALSE(merged.proxy_protocol_filter);
    }
  }
}

TEST_CASE("merge: the cluster size picks the profile, --profile overrides it") {
  ClusterFacts small;
  small.size.evaluation = true;
  auto by_size = merge_istio_config(IstioCR::default_cr(), request("1.23.2", std::nullopt, small));
  CHECK(by_size.profile == Profile::kEvaluation);
  CHECK(changes(profile_of("1.23.2", Profile::kEvaluation), by_size.iop).empty());
  auto forced =
      merge_istio_config(IstioCR::default_cr(), request("1.23.2", Profile::kProduction, small));
  CHECK(forced.profile == Profile::kProduction);
}

TEST_CASE("merge: spec.config fields change exactly their meshConfig field") {
  CHECK(changes_for("  config: {numTrustedProxies: 2}\n") ==
        Changes{{"add " + kMesh + "/defaultConfig/gatewayTopology", {{"numTrustedProxies", 2}}}});
  CHECK(changes_for("  config: {numTrustedProxies: 0}\n") ==
        Changes{{"add " + kMesh + "/defaultConfig/gatewayTopology", {{"numTrustedProxies", 0}}}});
  CHECK(changes_for("  config: {forwardClientCertDetails: SANITIZE}\n") ==
        Changes{{"add " + kMesh + "/defaultConfig/gatewayTopology",
                 {{"forwardClientCertDetails", "SANITIZE"}}}});
  CHECK(changes_for("  config: {numTrustedProxies: 1, forwardClientCertDetails: SANITIZE}\n") ==
        Changes{{"add " + kMesh + "/defaultConfig/gatewayTopology",
                 {{"numTrustedProxies", 1}, {"forwardClientCertDetails", "SANITIZE"}}}});
  CHECK(changes_for("  config: {telemetry: {metrics: {prometheusMerge: true}}}\n") ==
        Changes{{"replace " + kMesh + "/enablePrometheusMerge", true}});
  CHECK(changes_for("  config: {telemetry: {metrics: {prometheusMerge: false}}}\n").empty());
  CHECK(changes_for("  config: {trustDomain: example.org}\n") ==
        Changes{{"replace " + kMesh + "/trustDomain", "example.org"}});
  CHECK(changes_for("  config: {enableDNSProxying: true}\n") ==
        Changes{{"add " + kMesh + "/defaultConfig/proxyMetadata/ISTIO_META_DNS_CAPTURE", "true"}});
  CHECK(changes_for("  config: {enableDNSProxying: false}\n") ==
        Changes{{"add " + kMesh + "/defaultConfig/proxyMetadata/ISTIO_META_DNS_CAPTURE", "false"}});
  CHECK(changes_for("  config: {proxyStatsMatcher: {inclusionRegexps: [a.*, b]}}\n") ==
        Changes{{"add " + kMesh + "/defaultConfig/proxyStatsMatcher",
                 {{"inclusionRegexps", {"a.*", "b"}}}}});
  CHECK(changes_for("  config: {proxyStatsMatcher: {inclusionRegexps: []}}\n").empty());
}

TEST_CASE("merge: authorizers are appended after the profile's extension providers") {
  auto diff = changes_for(
      "  config:\n    authorizers:\n"
      "    - name: full\n      service: ext.ns.svc.cluster.local\n      port: 8080\n"
      "      pathPrefix: /check\n      timeout: 1500ms\n"
      "      headers:\n        inCheck: {include: [x-a], add: {x-b: v}}\n"
      "        toUpstream: {onAllow: [x-c]}\n        toDownstream: {onAllow: [x-d], onDeny: "
      "[x-e]}\n"
      "    - {name: minimal, service: m.ns.svc.cluster.local, port: 9000, timeout: 2m}\n");
  std::string at = "add " + kMesh + "/extensionProviders/-";
  CHECK(
      diff ==
      Changes{{at,
               {{"name", "full"},
                {"envoyExtAuthzHttp",
                 {{"service", "ext.ns.svc.cluster.local"},
                  {"port", 8080},
                  {"pathPrefix", "/check"},
                  {"timeout", "1s"},  // whole seconds only
                  {"includeRequestHeadersInCheck", {"x-a"}},
                  {"includeAdditionalHeadersInCheck", {{"x-b", "v"}}},
                  {"headersToUpstreamOnAllow", {"x-c"}},
                  {"headersToDownstreamOnAllow", {"x-d"}},
                  {"headersToDownstreamOnDeny", {"x-e"}}}}}},
              {at,
               {{"name", "minimal"},
                {"envoyExtAuthzHttp",
                 {{"service", "m.ns.svc.cluster.local"}, {"port", 9000}, {"timeout", "120s"}}}}}});
}

TEST_CASE("merge: gatewayExternalTrafficPolicy appends a Service overlay to the ingress gateway") {
  CHECK(changes_for("  config: {gatewayExternalTrafficPolicy: Local}\n") ==
        Changes{{"add " + kComponents + "/ingressGateways/0/k8s/overlays",
                 json::array({{{"apiVersion", "v1"},
                               {"kind", "Service"},
                               {"name", "istio-ingressgateway"},
                               {"patches", json::array({{{"path", "spec.externalTrafficPolicy"},
                                                         {"value", "Local"}}})}}})}});
}

TEST_CASE("merge: component resources, hpaSpec and rollingUpdate overwrite single keys") {
  const std::string pilot = kComponents + "/pilot/k8s";
  CHECK(changes_for("  components: {pilot: {k8s: {resources: {limits: {cpu: 5000m}}}}}\n") ==
        Changes{{"replace " + pilot + "/resources/limits/cpu", "5000m"}});
  CHECK(
      changes_for("  components: {pilot: {k8s: {hpaSpec: {minReplicas: 3, maxReplicas: 9}}}}\n") ==
      Changes{{"replace " + pilot + "/hpaSpec/minReplicas", 3},
              {"replace " + pilot + "/hpaSpec/maxReplicas", 9}});
  CHECK(
      changes_for("  components: {pilot: {k8s: {strategy: {rollingUpdate: {maxSurge: 50%}}}}}\n") ==
      Changes{{"add " + pilot + "/strategy", {{"rollingUpdate", {{"maxSurge", "50%"}}}}}});

  const std::string ingress = kComponents + "/ingressGateways/0/k8s";
  CHECK(changes_for("  components:\n    ingressGateway:\n      k8s:\n"
                    "        hpaSpec: {maxReplicas: 20}\n"
                    "        resources: {requests: {memory: 256Mi}}\n"
                    "        strategy: {rollingUpdate: {maxSurge: 2, maxUnavailable: 25%}}\n") ==
        Changes{{"replace " + ingress + "/hpaSpec/maxReplicas", 20},
                {"replace " + ingress + "/resources/requests/memory", "256Mi"},
                // int stays int, string stays string
                {"replace " + ingress + "/strategy/rollingUpdate/maxSurge", 2},
                {"replace " + ingress + "/strategy/rollingUpdate/maxUnavailable", "25%"}});
  // The profile's HPA metrics stay.
  auto merged = merge_istio_config(
      cr_with_spec("  components: {ingressGateway: {k8s: {hpaSpec: {minReplicas: 1}}}}\n"),
      request());
  CHECK(
      merged.iop.at(json::json_pointer("/spec/components/ingressGateways/0/k8s/hpaSpec/metrics")) ==
      profile_of().at(
          json::json_pointer("/spec/components/ingressGateways/0/k8s/hpaSpec/metrics")));
}

TEST_CASE("merge: the egress gateway switch and its k8s settings") {
  const std::string egress = kComponents + "/egressGateways/0";
  CHECK(changes_for("  components: {egressGateway: {enabled: true}}\n") ==
        Changes{{"replace " + egress + "/enabled", true}});
  CHECK(changes_for("  components: {egressGateway: {enabled: false}}\n").empty());
  CHECK(
      changes_for("  components: {egressGateway: {k8s: {hpaSpec: {minReplicas: 1, maxReplicas: 4},"
                  " resources: {limits: {cpu: 100m}}}}}\n") ==
      Changes{{"add " + egress + "/k8s/hpaSpec", {{"minReplicas", 1}, {"maxReplicas", 4}}},
              {"replace " + egress + "/k8s/resources/limits/cpu", "100m"}});
}

TEST_CASE("merge: CNI affinity replaces whole sections, resources per key") {
  const std::string cni = kComponents + "/cni/k8s";
  // podAntiAffinity given with only required terms: the profile's preferred term is lost.
  CHECK(changes_for("  components:\n    cni:\n      k8s:\n        affinity:\n"
                    "          podAntiAffinity:\n"
                    "            requiredDuringSchedulingIgnoredDuringExecution:\n"
                    "            - {topologyKey: kubernetes.io/hostname, labelSelector: "
                    "{matchLabels: {app: x}}}\n") ==
        Changes{{"remove " + cni +
                     "/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution",
                 json()},
                {"add " + cni +
                     "/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution",
                 json::array({{{"topologyKey", "kubernetes.io/hostname"},
                               {"labelSelector", {{"matchLabels", {{"app", "x"}}}}}}})}});
  // A section the CR does not name keeps the profile's terms.
  json node_terms = {
      {"nodeSelectorTerms",
       json::array({{{"matchExpressions", json::array({{{"key", "kubernetes.io/os"},
                                                        {"operator", "In"},
                                                        {"values", {"linux"}}}})}}})}};
  CHECK(changes_for("  components:\n    cni:\n      k8s:\n        affinity:\n"
                    "          nodeAffinity:\n"
                    "            requiredDuringSchedulingIgnoredDuringExecution:\n"
                    "              nodeSelectorTerms:\n"
                    "              - matchExpressions:\n"
                    "                - {key: kubernetes.io/os, operator: In, values: [linux]}\n") ==
        Changes{{"add " + cni + "/affinity/nodeAffinity",
                 {{"requiredDuringSchedulingIgnoredDuringExecution", node_terms}}}});
  // A section given empty ends up empty.
  CHECK(changes_for("  components: {cni: {k8s: {affinity: {podAntiAffinity: {}}}}}\n") ==
        Changes{{"remove " + cni +
                     "/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution",
                 json()}});
  CHECK(changes_for("  components: {cni: {k8s: {resources: {limits: {memory: 2Gi}}}}}\n") ==
        Changes{{"replace " + cni + "/resources/limits/memory", "2Gi"}});
}

TEST_CASE("merge: sidecar proxy resources go to values.global.proxy.resources") {
  const std::string proxy = "/spec/values/global/proxy/resources";
  CHECK(changes_for("  components: {proxy: {k8s: {resources: {limits: {memory: 2Gi}, "
                    "requests: {cpu: 20m}}}}}\n") ==
        Changes{{"replace " + proxy + "/limits/memory", "2Gi"},
                {"replace " + proxy + "/requests/cpu", "20m"}});
}

TEST_CASE("merge: networkPoliciesEnabled is a decision beside the IOP, not in it") {
  auto merged = merge_istio_config(cr_with_spec("  networkPoliciesEnabled: true\n"), request());
  CHECK(merged.network_policies_enabled);
  CHECK(changes(profile_of(), merged.iop).empty());
}

TEST_CASE("merge: experimental pilot switches append env vars to istiod") {
  const std::string next = "-";
  CHECK(changes_for("  experimental: {pilot: {enableAlphaGatewayAPI: true}}\n") ==
        Changes{{"add " + kComponents + "/pilot/k8s/env/" + next,
                 {{"name", "PILOT_ENABLE_ALPHA_GATEWAY_API"}, {"value", "true"}}}});
  CHECK(changes_for("  experimental: {pilot: {enableMultiNetworkDiscoverGatewayAPI: true}}\n") ==
        Changes{{"add " + kComponents + "/pilot/k8s/env/" + next,
                 {{"name", "PILOT_MULTI_NETWORK_DISCOVER_GATEWAY_API"}, {"value", "true"}}}});
  CHECK(changes_for("  experimental: {pilot: {enableAlphaGatewayAPI: false}}\n").empty());
}

TEST_CASE("merge: compatibility mode uses the values of the Istio release") {
  const std::string next = "-";
  const std::string metadata = kMesh + "/defaultConfig/proxyMetadata/";
  CHECK(changes_for("  compatibilityMode: true\n") ==
        Changes{{"add " + kComponents + "/pilot/k8s/env/" + next,
                 {{"name", "ENABLE_DELIMITED_STATS_TAG_REGEX"}, {"value", "false"}}},
                {"add " + metadata + "ENABLE_DEFERRED_CLUSTER_CREATION", "false"},
                {"add " + metadata + "ENABLE_DELIMITED_STATS_TAG_REGEX", "false"}});
  CHECK(changes_for("  compatibilityMode: false\n").empty());

  auto old = changes_for("  compatibilityMode: true\n", {}, "1.22.3");
  CHECK(old == Changes{{"add " + kComponents + "/pilot/k8s/env/-",
                        {{"name", "ENABLE_ENHANCED_RESOURCE_SCOPING"}, {"value", "false"}}},
                       {"add " + kComponents + "/pilot/k8s/env/-",
                        {{"name", "ENABLE_RESOLUTION_NONE_TARGET_PORT"}, {"value", "false"}}},
                       {"add " + metadata + "ISTIO_DELTA_XDS", "false"}});
}

TEST_CASE("merge: a CR setting every field merges, and each field lands where expected") {
  auto merged = merge_istio_config(cr_with_spec(kFullSpec), request());
  const json& spec = merged.iop["spec"];
  CHECK(spec["meshConfig"]["defaultConfig"]["gatewayTopology"]["numTrustedProxies"] == 2);
  CHECK(spec["meshConfig"]["enablePrometheusMerge"] == true);
  CHECK(spec["meshConfig"]["trustDomain"] == "my-domain.example");
  CHECK(spec["components"]["egressGateways"][0]["enabled"] == true);
  CHECK(spec["components"]["egressGateways"][0]["k8s"]["resources"]["requests"]["cpu"] == "1.5");
  CHECK(spec["values"]["global"]["proxy"]["resources"]["limits"]["cpu"] == "500m");
  CHECK(merged.network_policies_enabled);
  // Experimental env first (before the CR), compatibility last.
  const json& env = spec["components"]["pilot"]["k8s"]["env"];
  CHECK(env[env.size() - 3]["name"] == "PILOT_ENABLE_ALPHA_GATEWAY_API");
  CHECK(env[env.size() - 2]["name"] == "PILOT_MULTI_NETWORK_DISCOVER_GATEWAY_API");
  CHECK(env[env.size() - 1]["name"] == "ENABLE_DELIMITED_STATS_TAG_REGEX");
}

TEST_CASE("merge: values the operator could not decode fail as a misconfigured CR") {
  try {
    merge_istio_config(
        cr_with_spec("  config: {authorizers: [{name: a, port: 80, timeout: soon}]}\n"), request());
    FAIL("no error");
  } catch (const MergeError& e) {
    CHECK(std::string(e.what()) ==
          "Could not merge Istio operator configuration: spec.config.authorizers[0].timeout: "
          "time: invalid duration \"soon\"");
    auto described = e.described();
    CHECK(described.reason == Reason::kIstioCustomResourceMisconfigured);
    CHECK(described.level == Level::kError);
    CHECK(described.full_description() == e.what());
  }
  CHECK_THROWS_AS(merge_istio_config(
                      cr_with_spec("  config: {authorizers: [{name: a, port: -1}]}\n"), request()),
                  MergeError);
}

TEST_CASE("merge: an unknown Istio version or a bundle that lacks it is named") {
  CHECK_THROWS_WITH(merge_istio_config(IstioCR::default_cr(), request("1.30.2")),
                    Catch::StartsWith("Istio 1.30.2 is not supported by this build"));
  auto r = request("1.23.9");
  CHECK_THROWS_WITH(merge_istio_config(IstioCR::default_cr(), r),
                    Catch::Contains("the Istio 1.23.9 bundle has no production profile"));
}

TEST_CASE("merge: istio-features switches") {
  ClusterFacts no_cni;
  no_cni.features.disable_cni = true;
  CHECK(changes_for("", no_cni) == Changes{{"replace " + kComponents + "/cni/enabled", false}});

  // The control-plane VPA strips memory metrics from every hpaSpec and keeps the others.
  json profile = profile_of();
  json memory = {{"type", "Resource"},
                 {"resource", {{"name", "memory"}, {"target", {{"type", "Utilization"}}}}}};
  auto& pilot_hpa = profile["spec"]["components"]["pilot"]["k8s"]["hpaSpec"];
  pilot_hpa["metrics"] = json::array({memory});
  auto& ingress_metrics =
      profile["spec"]["components"]["ingressGateways"][0]["k8s"]["hpaSpec"]["metrics"];
  json cpu_metric = ingress_metrics[0];
  ingress_metrics.push_back(memory);
  ClusterFacts vpa;
  vpa.features.enable_control_plane_vpa = true;
  auto result = merge_into_profile(profile, IstioCR::default_cr(), vpa, release_traits("1.23.2"));
  const json& merged = result.iop;
  CHECK(merged["spec"]["components"]["pilot"]["k8s"]["hpaSpec"]["metrics"] == json::array());
  CHECK(merged["spec"]["components"]["ingressGateways"][0]["k8s"]["hpaSpec"]["metrics"] ==
        json::array({cpu_metric}));
  CHECK_FALSE(result.proxy_protocol_filter);
}

TEST_CASE("istio-features: read from the ConfigMap, defaults when absent or unreadable") {
  auto features = istio_features(
      {{"data", {{"features", R"({"disableCni": true, "enableControlPlaneVPA": true})"}}}});
  CHECK(features.disable_cni);
  CHECK(features.enable_control_plane_vpa);
  CHECK_FALSE(istio_features(nullptr).disable_cni);
  CHECK_FALSE(istio_features({{"data", {{"features", "not json"}}}}).disable_cni);
  CHECK_FALSE(istio_features({{"data", {{"other", "{}"}}}}).enable_control_plane_vpa);
}
