// Istio CR -> merge (core/istio) -> render: for a CR that sets one field of
// operator-behaviour.md §1.3, exactly the objects (and fields) that field reaches change.
#include <catch2/catch.hpp>

#include "core/istio/istio_cr.hpp"
#include "core/istio/istio_merge.hpp"
#include "core/manifest/object_access.hpp"
#include "core/manifest/renderer.hpp"
#include "tests/support/test_paths.hpp"
#include "tests/unit/manifest/render_fixture.hpp"

using kyma::istio::IstioCR;
using kyma::istio::Profile;
using kyma::test::changes_between;
using nlohmann::json;
using Changes = std::map<std::string, std::set<std::string>>;

namespace {

kyma::manifest::RenderedInstallation render_cr(const json& spec, const std::string& provider = "",
                                               Profile profile = Profile::kProduction) {
  json object = {{"apiVersion", "operator.kyma-project.io/v1alpha2"},
                 {"kind", "Istio"},
                 {"metadata", {{"name", "default"}, {"namespace", "kyma-system"}}},
                 {"spec", spec}};
  kyma::istio::MergeRequest request;
  request.bundle_root = kyma::test::compiled_bundle_root();
  request.istio_version = "1.23.2";
  request.forced_profile = profile;
  request.facts.provider = provider;
  auto config = kyma::istio::merge_istio_config(IstioCR::from_json(object, "cr.yaml"), request);
  return kyma::test::render(config);
}

// The changed objects, each with the first segments of its changed paths.
std::map<std::string, std::set<std::string>> touched(const Changes& changes, size_t depth = 3) {
  std::map<std::string, std::set<std::string>> out;
  for (const auto& [id, paths] : changes) {
    for (const auto& path : paths) {
      size_t at = 0;
      for (size_t i = 0; i < depth && at != std::string::npos; ++i) at = path.find('/', at + 1);
      out[id].insert(path.substr(0, at));
    }
  }
  return out;
}

const char* kMesh = "ConfigMap istio-system/istio";
const char* kInjector = "ConfigMap istio-system/istio-sidecar-injector";
const char* kIstiod = "Deployment istio-system/istiod";
const char* kIngress = "Deployment istio-system/istio-ingressgateway";

}  // namespace

TEST_CASE("the default CR renders exactly the Kyma profile") {
  auto from_cr = render_cr(json::object());
  auto from_profile =
      kyma::test::render(kyma::test::profile_config("1.23.2", Profile::kProduction));
  CHECK(changes_between(from_profile, from_cr).empty());
}

TEST_CASE("each CR field changes exactly what it reaches") {
  const auto base = render_cr(json::object());
  struct Case {
    const char* spec;
    std::map<std::string, std::set<std::string>> expected;
  };
  const std::vector<Case> cases = {
      {R"({"config": {"numTrustedProxies": 2}})", {{kMesh, {"/data/mesh"}}}},
      {R"({"config": {"authorizers": [{"name": "a", "service": "a.ns.svc.cluster.local", "port": 80}]}})",
       {{kMesh, {"/data/mesh"}}}},
      {R"({"config": {"gatewayExternalTrafficPolicy": "Local"}})",
       {{"Service istio-system/istio-ingressgateway", {"/spec/externalTrafficPolicy"}}}},
      {R"({"config": {"forwardClientCertDetails": "APPEND_FORWARD"}})", {{kMesh, {"/data/mesh"}}}},
      {R"({"config": {"trustDomain": "example.org"}})",
       {{kMesh, {"/data/mesh"}}, {kIngress, {"/spec/template/spec"}}}},
      {R"({"config": {"enableDNSProxying": true}})",
       {{kMesh, {"/data/mesh"}}, {kIngress, {"/spec/template/spec"}}}},
      {R"({"config": {"telemetry": {"metrics": {"prometheusMerge": true}}}})",
       {{kMesh, {"/data/mesh"}}, {kIngress, {"/spec/template/metadata"}}}},
      {R"({"config": {"proxyStatsMatcher": {"inclusionRegexps": [".*outlier.*"]}}})",
       {{kMesh, {"/data/mesh"}}}},
      {R"({"components": {"pilot": {"k8s": {"resources": {"limits": {"cpu": "5"}}}}}})",
       {{kIstiod, {"/spec/template/spec"}}}},
      {R"({"components": {"pilot": {"k8s": {"hpaSpec": {"minReplicas": 3}}}}})",
       {{"HorizontalPodAutoscaler istio-system/istiod", {"/spec/minReplicas"}}}},
      {R"({"components": {"pilot": {"k8s": {"strategy": {"rollingUpdate": {"maxSurge": 2, "maxUnavailable": 0}}}}}})",
       {{kIstiod, {"/spec/strategy/rollingUpdate"}}}},
      {R"({"components": {"ingressGateway": {"k8s": {"hpaSpec": {"maxReplicas": 20}}}}})",
       {{"HorizontalPodAutoscaler istio-system/istio-ingressgateway", {"/spec/maxReplicas"}}}},
      {R"({"components": {"ingressGateway": {"k8s": {"resources": {"requests": {"memory": "256Mi"}}}}}})",
       {{kIngress, {"/spec/template/spec"}}}},
      {R"({"components": {"cni": {"k8s": {"resources": {"limits": {"memory": "2Gi"}}}}}})",
       {{"DaemonSet istio-system/istio-cni-node", {"/spec/template/spec"}}}},
      {R"({"components": {"cni": {"k8s": {"affinity": {"podAntiAffinity": {}}}}}})",
       {{"DaemonSet istio-system/istio-cni-node", {"/spec/template/spec"}}}},
      {R"({"components": {"proxy": {"k8s": {"resources": {"limits": {"cpu": "2"}}}}}})",
       {{kInjector, {"/data/values"}}}},
      {R"({"compatibilityMode": true})",
       {{kMesh, {"/data/mesh"}},
        {kIstiod, {"/spec/template/spec"}},
        {kIngress, {"/spec/template/spec"}}}},
  };
  for (const auto& c : cases) {
    INFO(c.spec);
    CHECK(touched(changes_between(base, render_cr(json::parse(c.spec)))) == c.expected);
  }
}

TEST_CASE("CR fields that add objects") {
  const auto base = render_cr(json::object());
  auto egress =
      changes_between(base, render_cr({{"components", {{"egressGateway", {{"enabled", true}}}}}}));
  CHECK(egress.size() == 7);
  for (const auto& [id, paths] : egress) {
    INFO(id);
    CHECK(id.find("egressgateway") != std::string::npos);
    CHECK(paths == std::set<std::string>{"(added)"});
  }
  auto policies = changes_between(base, render_cr({{"networkPoliciesEnabled", true}}));
  CHECK(policies.size() == 7);
  for (const auto& [id, paths] : policies) CHECK(id.rfind("NetworkPolicy ", 0) == 0);
}

TEST_CASE("cluster providers change the CNI folders and the ingress Service") {
  const auto base = render_cr(json::object());
  auto k3d = touched(changes_between(base, render_cr(json::object(), "k3d")));
  CHECK(k3d == std::map<std::string, std::set<std::string>>{
                   {"ConfigMap istio-system/istio-cni-config", {"/data/CNI_NET_DIR"}},
                   {"DaemonSet istio-system/istio-cni-node", {"/spec/template/spec"}}});
  auto gke = changes_between(base, render_cr(json::object(), "gke"));
  CHECK(gke.count("ResourceQuota istio-system/istio-cni-resource-quota") == 1);
  auto aws = render_cr(json::object(), "aws");
  auto aws_changes = changes_between(base, aws);
  CHECK(aws_changes.count("Service istio-system/istio-ingressgateway") == 1);
  const json& service = kyma::test::object_named(aws, "Service istio-system/istio-ingressgateway");
  // The ELB annotations the profile carries are replaced, not kept beside the NLB ones.
  CHECK_FALSE(service["metadata"]["annotations"].contains(
      "service.beta.kubernetes.io/aws-load-balancer-connection-idle-timeout"));
}
