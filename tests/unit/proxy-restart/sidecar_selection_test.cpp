#include <catch2/catch.hpp>

#include "plugins/proxy-restart/sidecar_selection.hpp"

using nlohmann::json;
using namespace kyma::proxy_restart;

namespace {

const std::string kImage =
    "europe-docker.pkg.dev/kyma-project/prod/external/istio/proxyv2:1.23.2-distroless";

json proxy(const std::string& image, const std::string& rcpu = "10m",
           const std::string& rmem = "192Mi", const std::string& lcpu = "1000m",
           const std::string& lmem = "1024Mi") {
  return {{"name", "istio-proxy"},
          {"image", image},
          {"resources",
           {{"requests", {{"cpu", rcpu}, {"memory", rmem}}},
            {"limits", {{"cpu", lcpu}, {"memory", lmem}}}}}};
}

json injected_pod(json proxy_container) {
  return {{"metadata",
           {{"name", "app-1"},
            {"namespace", "shop"},
            {"annotations", {{"sidecar.istio.io/status", "{}"}}}}},
          {"spec",
           {{"containers", json::array({{{"name", "app"}, {"image", "nginx"}}, proxy_container})},
            {"initContainers", json::array({{{"name", "istio-validation"}}})}}},
          {"status",
           {{"phase", "Running"},
            {"conditions", json::array({{{"type", "Ready"}, {"status", "True"}}})}}}};
}

SelectionContext context() {
  SelectionContext ctx;
  ctx.expected_image = kImage;
  ctx.expected_resources = {"10m", "192Mi", "1", "1Gi"};
  return ctx;
}

}  // namespace

TEST_CASE("an up-to-date pod is left alone") {
  CHECK(restart_reasons(injected_pod(proxy(kImage)), context()).empty());
}

TEST_CASE("an old proxy image or different resources select the pod") {
  auto old = injected_pod(proxy("x/proxyv2:1.22.3-distroless"));
  CHECK(restart_reasons(old, context()) == std::vector<std::string>{"image"});
  auto small = injected_pod(proxy(kImage, "10m", "32Mi", "250m", "254Mi"));
  CHECK(restart_reasons(small, context()) == std::vector<std::string>{"resources"});
}

TEST_CASE("a native sidecar in initContainers is checked too") {
  auto pod = injected_pod(proxy(kImage));
  pod["spec"]["containers"] = json::array({{{"name", "app"}}});
  pod["spec"]["initContainers"].push_back(proxy("x/proxyv2:1.22.3"));
  CHECK(restart_reasons(pod, context()) == std::vector<std::string>{"image"});
}

TEST_CASE("a custom proxy image annotation exempts the pod from the image predicate") {
  auto pod = injected_pod(proxy("my/proxy:1"));
  pod["metadata"]["annotations"]["sidecar.istio.io/proxyImage"] = "my/proxy:1";
  CHECK(restart_reasons(pod, context()).empty());
}

TEST_CASE("resource annotations replace the expected resources") {
  auto pod = injected_pod(proxy(kImage, "200m", "256Mi", "", ""));
  pod["spec"]["containers"][1]["resources"].erase("limits");
  pod["metadata"]["annotations"]["sidecar.istio.io/proxyCPU"] = "200m";
  pod["metadata"]["annotations"]["sidecar.istio.io/proxyMemory"] = "256Mi";
  CHECK(restart_reasons(pod, context()).empty());
  // A limit without its request sets the request as well.
  auto limited = injected_pod(proxy(kImage, "1", "192Mi", "1", ""));
  limited["spec"]["containers"][1]["resources"]["limits"].erase("memory");
  limited["spec"]["containers"][1]["resources"]["requests"].erase("memory");
  limited["metadata"]["annotations"]["sidecar.istio.io/proxyCPULimit"] = "1000m";
  CHECK(restart_reasons(limited, context()).empty());
  // An annotation that does not parse means no match on resources.
  auto broken = injected_pod(proxy(kImage, "5", "5Gi"));
  broken["metadata"]["annotations"]["sidecar.istio.io/proxyCPU"] = "lots";
  CHECK(restart_reasons(broken, context()).empty());
}

TEST_CASE("prometheus merge compares the pod's scrape annotations with the setting") {
  auto ctx = context();
  auto pod = injected_pod(proxy(kImage));
  CHECK(restart_reasons(pod, ctx).empty());
  ctx.prometheus_merge = true;
  CHECK(restart_reasons(pod, ctx) == std::vector<std::string>{"prometheusMerge"});
  pod["metadata"]["annotations"]["prometheus.io/path"] = "/stats/prometheus";
  pod["metadata"]["annotations"]["prometheus.io/port"] = "15020";
  CHECK(restart_reasons(pod, ctx).empty());
  ctx.prometheus_merge = false;
  CHECK(restart_reasons(pod, ctx) == std::vector<std::string>{"prometheusMerge"});
}

TEST_CASE("spec changes and the CNI mode select every injected pod") {
  auto pod = injected_pod(proxy(kImage));
  auto ctx = context();
  ctx.dns_proxying_changed = true;
  ctx.stats_matcher_changed = true;
  ctx.compatibility_changed = true;
  CHECK(restart_reasons(pod, ctx) ==
        std::vector<std::string>{"compatibilityMode", "enableDNSProxying", "proxyStatsMatcher"});
  auto cni = context();
  cni.disable_cni = true;
  CHECK(restart_reasons(pod, cni) == std::vector<std::string>{"cni"});
  pod["spec"]["initContainers"][0]["name"] = "istio-init";
  CHECK(restart_reasons(pod, context()) == std::vector<std::string>{"cni"});
}

TEST_CASE("only running, ready, injected, live pods are candidates") {
  auto pod = injected_pod(proxy(kImage));
  CHECK(is_candidate(pod));
  auto not_ready = pod;
  not_ready["status"]["conditions"][0]["status"] = "False";
  CHECK_FALSE(is_candidate(not_ready));
  auto pending = pod;
  pending["status"]["phase"] = "Pending";
  CHECK_FALSE(is_candidate(pending));
  auto deleting = pod;
  deleting["metadata"]["deletionTimestamp"] = "2024-01-01T00:00:00Z";
  CHECK_FALSE(is_candidate(deleting));
  auto plain = pod;
  plain["metadata"]["annotations"].erase("sidecar.istio.io/status");
  CHECK_FALSE(is_candidate(plain));
}

TEST_CASE("kyma workloads and customer workloads are separate passes") {
  auto pod = injected_pod(proxy(kImage));
  CHECK(in_pass(pod, WorkloadPass::kCustomer));
  CHECK_FALSE(in_pass(pod, WorkloadPass::kKyma));
  pod["metadata"]["labels"]["kyma-project.io/module"] = "api-gateway";
  CHECK(in_pass(pod, WorkloadPass::kKyma));
  auto system = injected_pod(proxy(kImage));
  system["metadata"]["namespace"] = "kyma-system";
  CHECK(in_pass(system, WorkloadPass::kKyma));
}
