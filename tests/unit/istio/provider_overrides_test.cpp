#include <catch2/catch.hpp>

#include <map>

#include "tests/unit/istio/changes.hpp"

#include "core/istio/istio_merge.hpp"
#include "core/istio/profile.hpp"
#include "core/istio/provider_overrides.hpp"
#include "tests/support/test_paths.hpp"

using namespace kyma::istio;
using nlohmann::json;

namespace {

using kyma::istio::test::Changes;

struct Outcome {
  Changes changes;
  bool proxy_protocol_filter;
};

Outcome merge_with(const ClusterFacts& facts, const std::string& version = "1.23.2") {
  MergeRequest r;
  r.bundle_root = kyma::test::bundle_dir();
  r.istio_version = version;
  r.facts = facts;
  auto merged = merge_istio_config(IstioCR::default_cr(), r);
  json profile = load_profile(r.bundle_root, version, Profile::kProduction);
  return {kyma::istio::test::changes(profile, merged.iop), merged.proxy_protocol_filter};
}

ClusterFacts on(const std::string& provider) {
  ClusterFacts facts;
  facts.provider = provider;
  return facts;
}

const std::string kAnnotations = "/spec/values/gateways/istio-ingressgateway/serviceAnnotations/";
const std::string kAws = "service.beta.kubernetes.io/aws-load-balancer-";
// The same prefix inside a JSON pointer, where "/" is written "~1".
const std::string kAwsPath = "service.beta.kubernetes.io~1aws-load-balancer-";

}  // namespace

TEST_CASE("providers: an unknown provider changes nothing and needs no proxy-protocol filter") {
  auto outcome = merge_with(on(""));
  CHECK(outcome.changes.empty());
  CHECK_FALSE(outcome.proxy_protocol_filter);
}

TEST_CASE("providers: k3d moves the CNI folders (module 1.10.0 values)") {
  auto outcome = merge_with(on("k3d"));
  CHECK(outcome.changes == Changes{{"replace /spec/values/cni/cniBinDir", "/bin"},
                                   {"replace /spec/values/cni/cniConfDir",
                                    "/var/lib/rancher/k3s/agent/etc/cni/net.d"}});
  CHECK_FALSE(outcome.proxy_protocol_filter);
}

TEST_CASE("providers: GKE uses its CNI folder and resource quotas") {
  auto outcome = merge_with(on("gke"));
  CHECK(outcome.changes == Changes{{"replace /spec/values/cni/cniBinDir", "/home/kubernetes/bin"},
                                   {"add /spec/values/cni/resourceQuotas", {{"enabled", true}}}});
  CHECK_FALSE(outcome.proxy_protocol_filter);
}

TEST_CASE("providers: AWS gets an NLB unless elb-deprecated keeps the classic ELB") {
  Changes nlb = {{"remove " + kAnnotations + kAwsPath + "connection-idle-timeout", json()},
                 {"remove " + kAnnotations + kAwsPath + "proxy-protocol", json()},
                 {"add " + kAnnotations + kAwsPath + "type", "nlb"},
                 {"add " + kAnnotations + kAwsPath + "scheme", "internet-facing"},
                 {"add " + kAnnotations + kAwsPath + "nlb-target-type", "instance"}};

  SECTION("no elb-deprecated ConfigMap: NLB, no filter") {
    auto outcome = merge_with(on("aws"));
    CHECK(outcome.changes == nlb);
    CHECK_FALSE(outcome.proxy_protocol_filter);
  }
  SECTION("elb-deprecated and no ingress Service yet: ELB with proxy protocol") {
    ClusterFacts facts = on("aws");
    facts.elb_deprecated_configmap = true;
    auto outcome = merge_with(facts);
    // The profile already carries exactly the ELB annotations.
    CHECK(outcome.changes.empty());
    CHECK(outcome.proxy_protocol_filter);
  }
  SECTION("elb-deprecated, but the Service already asks for an NLB: NLB") {
    ClusterFacts facts = on("aws");
    facts.elb_deprecated_configmap = true;
    facts.ingress_service_annotations = json{{kAws + "type", "nlb"}};
    auto outcome = merge_with(facts);
    CHECK(outcome.changes == nlb);
    CHECK_FALSE(outcome.proxy_protocol_filter);
  }
  SECTION("elb-deprecated and a Service without the NLB annotation: ELB") {
    ClusterFacts facts = on("aws");
    facts.elb_deprecated_configmap = true;
    facts.ingress_service_annotations = json{{kAws + "type", "classic"}};
    auto outcome = merge_with(facts);
    CHECK(outcome.changes.empty());
    CHECK(outcome.proxy_protocol_filter);
  }
  SECTION("the disclaimer annotation stays") {
    MergeRequest r;
    r.bundle_root = kyma::test::bundle_dir();
    r.facts = on("aws");
    auto merged = merge_istio_config(IstioCR::default_cr(), r);
    CHECK(merged.iop["spec"]["values"]["gateways"]["istio-ingressgateway"]["serviceAnnotations"]
              .contains("istios.operator.kyma-project.io/managed-by-disclaimer"));
  }
}

TEST_CASE(
    "providers: OpenStack needs the filter, Gardener also gets the proxy-protocol annotation") {
  auto plain = merge_with(on("openstack"));
  CHECK(plain.changes.empty());
  CHECK(plain.proxy_protocol_filter);

  ClusterFacts gardener = on("openstack");
  gardener.gardener = true;
  auto outcome = merge_with(gardener);
  CHECK(outcome.changes ==
        Changes{{"add " + kAnnotations + "loadbalancer.openstack.org~1proxy-protocol", "v1"}});
  CHECK(outcome.proxy_protocol_filter);
}

TEST_CASE("providers: the NLB decision reads only the facts") {
  ClusterFacts facts;
  CHECK(aws_uses_nlb(facts));
  facts.elb_deprecated_configmap = true;
  CHECK_FALSE(aws_uses_nlb(facts));
  facts.ingress_service_annotations = json::object();
  CHECK_FALSE(aws_uses_nlb(facts));
  facts.ingress_service_annotations =
      json{{"service.beta.kubernetes.io/aws-load-balancer-type", "nlb"}};
  CHECK(aws_uses_nlb(facts));
}

TEST_CASE("deep merge: objects merge key by key, the patch wins elsewhere") {
  json target = {{"a", {{"b", 1}, {"c", {1, 2}}}}, {"d", "x"}};
  deep_merge(target, {{"a", {{"c", {3}}, {"e", true}}}, {"d", {{"f", 1}}}});
  CHECK(target == json{{"a", {{"b", 1}, {"c", {3}}, {"e", true}}}, {"d", {{"f", 1}}}});
}
