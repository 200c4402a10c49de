#include <catch2/catch.hpp>

#include "core/istio/cluster_facts.hpp"

using namespace kyma::istio;
using nlohmann::json;

namespace {
json node(const std::string& cpu, const std::string& memory, const std::string& provider_id,
          const std::string& os_image) {
  return {{"metadata", {{"name", "n"}}},
          {"spec", {{"providerID", provider_id}}},
          {"status",
           {{"capacity", {{"cpu", cpu}, {"memory", memory}}},
            {"nodeInfo", {{"kubeletVersion", "v1.30.1"}, {"osImage", os_image}}}}}};
}
}  // namespace

TEST_CASE("cluster facts: filled from the objects the caller read") {
  std::vector<json> nodes = {node("4", "16Gi", "aws:///eu-central-1a/i-1", "Garden Linux 1443"),
                             node("4", "16Gi", "aws:///eu-central-1b/i-2", "Garden Linux 1443")};
  json service = {
      {"metadata",
       {{"name", "istio-ingressgateway"},
        {"annotations", {{"service.beta.kubernetes.io/aws-load-balancer-type", "nlb"}}}}}};
  json features = {{"data", {{"features", R"({"disableCni": true})"}}}};
  auto facts = read_cluster_facts(nodes, true, service, features);
  CHECK_FALSE(facts.size.evaluation);
  CHECK(facts.provider == "aws");
  CHECK(facts.gardener);
  CHECK(facts.elb_deprecated_configmap);
  CHECK(facts.ingress_service_annotations ==
        json{{"service.beta.kubernetes.io/aws-load-balancer-type", "nlb"}});
  CHECK(facts.features.disable_cni);
  CHECK_FALSE(facts.features.enable_control_plane_vpa);
  CHECK(aws_uses_nlb(facts));

  auto small = read_cluster_facts({node("2", "8Gi", "", "Ubuntu")}, false, std::nullopt, nullptr);
  CHECK(small.size.evaluation);
  CHECK(small.provider.empty());
  CHECK_FALSE(small.gardener);
  CHECK_FALSE(small.ingress_service_annotations.has_value());
  CHECK_FALSE(small.features.disable_cni);

  // A Service without annotations reads as "no NLB asked for".
  auto bare = read_cluster_facts(nodes, true, json{{"metadata", {{"name", "x"}}}}, nullptr);
  CHECK(bare.ingress_service_annotations == json::object());
  CHECK_FALSE(aws_uses_nlb(bare));
}
