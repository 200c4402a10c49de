#include <catch2/catch.hpp>

#include "core/istio/cluster_facts.hpp"
#include "core/istio/oldest_cr.hpp"
#include "core/istio/pod_versions.hpp"

using nlohmann::json;
using namespace kyma::istio;

namespace {
json node(const std::string& cpu, const std::string& memory, const std::string& kubelet = "v1.30.0",
          const std::string& provider_id = "") {
  json n = {{"metadata", {{"name", "n"}}},
            {"status",
             {{"capacity", {{"cpu", cpu}, {"memory", memory}}},
              {"nodeInfo", {{"kubeletVersion", kubelet}, {"osImage", "Debian"}}}}}};
  if (!provider_id.empty()) n["spec"]["providerID"] = provider_id;
  return n;
}
json pod(const std::string& name, const std::string& container, const std::string& image) {
  return {{"metadata", {{"name", name}}},
          {"spec", {{"containers", json::array({{{"name", container}, {"image", image}}})}}}};
}
}  // namespace

TEST_CASE("cluster size: evaluation below 5 cores or 10G of memory, summed over nodes") {
  CHECK(cluster_size({node("4", "64Gi")}).evaluation);
  CHECK(cluster_size({node("8", "9Gi")}).evaluation);  // 9.66e9 < 10e9
  CHECK_FALSE(cluster_size({node("8", "10G")}).evaluation);
  CHECK_FALSE(cluster_size({node("2500m", "5G"), node("2.5", "5G")}).evaluation);
  CHECK(cluster_size({}).profile() == "evaluation");
  CHECK_THROWS_WITH(cluster_size({node("lots", "1Gi")}),
                    Catch::Contains("Could not evaluate cluster size"));
}

TEST_CASE("provider: the first node that matches decides") {
  CHECK(detect_provider({node("1", "1Gi", "v1.30.5-gke.1014001")}) == "gke");
  CHECK(detect_provider({node("1", "1Gi", "v1.30.5+k3s1")}) == "k3d");
  CHECK(detect_provider({node("1", "1Gi", "v1.30.5", "AWS:///eu-central-1a/i-1")}) == "aws");
  CHECK(detect_provider({node("1", "1Gi"), node("1", "1Gi", "v1.30.0", "openstack:///x")}) ==
        "openstack");
  CHECK(detect_provider({node("1", "1Gi")}).empty());
}

TEST_CASE("the oldest CR reconciles, and a tie goes to the later one in the list") {
  auto cr = [](const std::string& name, const std::string& ts) {
    return json{{"metadata", {{"name", name}, {"creationTimestamp", ts}}}};
  };
  CHECK_FALSE(oldest_cr_index({}));
  CHECK(*oldest_cr_index({cr("a", "2024-01-02T00:00:00Z"), cr("b", "2024-01-01T00:00:00Z")}) == 1);
  CHECK(*oldest_cr_index({cr("a", "2024-01-01T00:00:00Z"), cr("b", "2024-01-02T00:00:00Z")}) == 0);
  CHECK(*oldest_cr_index({cr("a", "2024-01-01T00:00:00Z"), cr("b", "2024-01-01T00:00:00Z")}) == 1);
}

TEST_CASE("pod versions must agree with each other and with the installed version") {
  const std::string hub = "europe-docker.pkg.dev/kyma-project/prod/external/istio/";
  CHECK(image_version(hub + "pilot:1.23.2-distroless") == "1.23.2");
  CHECK(image_version("registry:5000/proxyv2:1.22.3@sha256:abc") == "1.22.3");
  CHECK_FALSE(image_version("registry:5000/proxyv2"));

  auto istiod = pod("istiod-1", "discovery", hub + "pilot:1.23.2-distroless");
  auto gateway = pod("ingress-1", "istio-proxy", hub + "proxyv2:1.23.2-distroless");
  auto old_cni = pod("cni-1", "install-cni", hub + "install-cni:1.22.3-distroless");
  CHECK_FALSE(verify_pod_versions({istiod, gateway}, "1.23.2"));
  CHECK(verify_pod_versions({istiod, old_cni}, "1.23.2") ==
        "image version of Pod cni-1 1.22.3 do not match other Pods version 1.23.2");
  CHECK(verify_pod_versions({old_cni}, "1.23.2") ==
        "istio-system Pods version 1.22.3 do not match istio operator version 1.23.2");
  CHECK(verify_pod_versions({pod("x", "app", "nginx:1.0.0")}, "1.23.2") ==
        "unable to obtain installed Istio image version");
  auto terminating = old_cni;
  terminating["metadata"]["deletionTimestamp"] = "2024-01-01T00:00:00Z";
  CHECK_FALSE(verify_pod_versions({istiod, terminating}, "1.23.2"));
}
