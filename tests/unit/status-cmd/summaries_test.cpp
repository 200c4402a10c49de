// The sections of `status` computed from API objects: the Istio CR, the control plane, the data
// plane with its outdated workloads, and the problems of the whole.
#include <catch2/catch.hpp>

#include "core/istio/last_applied.hpp"
#include "plugins/status/mesh_status.hpp"
#include "plugins/status/proxy_pods.hpp"
#include "tests/unit/status-cmd/fixtures.hpp"

using namespace kyma::status;
using namespace kyma::status::test;

namespace {

std::vector<json> control_plane_workloads(const std::string& tag) {
  return {workload("Deployment", "istiod", "discovery", pilot(tag), kIstiodLabels, 2, 2),
          workload("Deployment", "istio-ingressgateway", "istio-proxy", proxy(tag), kIngressLabels,
                   3, 3),
          workload("DaemonSet", "istio-cni-node", "install-cni", cni(tag), kCniLabels, 3, 3)};
}

std::vector<json> control_plane_pods(const std::string& tag) {
  return {component_pod("istiod-a", kIstiodLabels, "discovery", pilot(tag)),
          component_pod("istiod-b", kIstiodLabels, "discovery", pilot(tag)),
          component_pod("ingress-a", kIngressLabels, "istio-proxy", proxy(tag)),
          component_pod("cni-a", kCniLabels, "install-cni", cni(tag))};
}

// A healthy 1.23.2 mesh with two injected pods of Deployment web.
ClusterSnapshot healthy_mesh() {
  ClusterSnapshot s;
  s.crs = {ready_cr("default", "2026-01-01T09:00:00Z", json::object(), "1.23.2-distroless")};
  s.workloads = control_plane_workloads("1.23.2-distroless");
  for (auto& p : control_plane_pods("1.23.2-distroless")) s.pods.push_back(slim_pod(p));
  s.pods.push_back(pod("shop", "web-1", proxy("1.23.2-distroless"), "ReplicaSet", "web-new"));
  s.pods.push_back(pod("shop", "web-2", proxy("1.23.2-distroless"), "ReplicaSet", "web-new"));
  s.injector = injector("1.23.2-distroless");
  return s;
}

bool has_problem(const MeshStatus& status, const std::string& text) {
  for (const auto& p : status.problems) {
    if (p == text) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("a healthy, current mesh has no problems") {
  MeshStatus status = build_status(healthy_mesh());
  CHECK(status.problems == std::vector<std::string>{});
  CHECK(status.healthy());
  CHECK(status.cr.state == std::optional<std::string>("Ready"));
  CHECK(status.control_plane.versions == std::vector<std::string>{"1.23.2"});
  REQUIRE(status.control_plane.components.size() == 3);  // no egress gateway: not listed
  const Component& istiod = status.control_plane.components[0];
  CHECK((istiod.name == "istiod" && istiod.ready == 2 && istiod.desired == 2));
  CHECK(istiod.pod_versions == std::vector<VersionCount>{{"1.23.2", 2}});
  CHECK(status.control_plane.components[2].kind == "DaemonSet");
  // The gateway pod has an istio-proxy container but is not part of the data plane.
  CHECK(status.data_plane.pods == 2);
  CHECK(status.data_plane.versions == std::vector<VersionCount>{{"1.23.2", 2}});
  CHECK(status.data_plane.outdated.empty());
  CHECK(status.data_plane.unresolved_replica_sets.empty());
}

TEST_CASE("the CR section: the oldest CR, its conditions, and the last applied configuration") {
  json spec = {{"config", {{"numTrustedProxies", 1}}}};
  json older = ready_cr("default", "2026-01-01T09:00:00Z", spec, "1.23.2-distroless");
  json newer = ready_cr("second", "2026-01-02T09:00:00Z", json::object(), "1.23.2-distroless");
  CrSummary cr = summarize_cr({newer, older}, true);
  CHECK((cr.found && cr.ns == "kyma-system" && cr.name == "default"));
  CHECK(cr.ignored == std::vector<std::string>{"kyma-system/second"});
  REQUIRE(cr.conditions.size() == 1);
  CHECK(cr.conditions[0].reason == "ReconcileSucceeded");
  REQUIRE(cr.last_applied);
  CHECK(cr.last_applied->istio_tag == "1.23.2-distroless");
  CHECK_FALSE(cr.last_applied->spec_changed);

  SECTION("a spec edited since the last apply is told") {
    older["spec"]["config"]["numTrustedProxies"] = 2;
    CHECK(summarize_cr({older}, true).last_applied->spec_changed);
  }
  SECTION("fields the annotation leaves out when empty do not count as a change") {
    older["spec"]["compatibilityMode"] = false;
    older["spec"]["config"]["telemetry"] = {{"metrics", json::object()}};
    CHECK_FALSE(summarize_cr({older}, true).last_applied->spec_changed);
  }
  SECTION("a CR never reconciled has no state and no last applied configuration") {
    json fresh = {{"metadata", {{"name", "default"}, {"namespace", "kyma-system"}}},
                  {"spec", json::object()}};
    CrSummary s = summarize_cr({fresh}, true);
    CHECK(s.found);
    CHECK_FALSE(s.state);
    CHECK_FALSE(s.last_applied);
  }
  SECTION("an annotation that is not JSON is reported, not thrown") {
    older["metadata"]["annotations"][kyma::istio::kLastAppliedAnnotation] = "{nope";
    CrSummary s = summarize_cr({older}, true);
    CHECK_FALSE(s.last_applied);
    CHECK(s.last_applied_error.find("is not a JSON object") != std::string::npos);
  }
  CHECK_FALSE(summarize_cr({}, true).found);
  CHECK_FALSE(summarize_cr({}, false).crd_installed);
}

TEST_CASE("outdated sidecars are found against the injector and grouped by workload") {
  ClusterSnapshot s = healthy_mesh();
  s.pods.push_back(pod("shop", "old-1", proxy("1.22.3-distroless"), "ReplicaSet", "web-old"));
  s.pods.push_back(pod("shop", "old-2", proxy("1.22.3-distroless"), "ReplicaSet", "web-old"));
  s.pods.push_back(pod("shop", "db-0", proxy("1.22.3"), "StatefulSet", "db"));
  s.pods.push_back(pod("shop", "lonely", proxy("1.22.3-distroless")));
  s.pods.push_back(pod("jobs", "migrate-x", proxy("1.22.3-distroless"), "Job", "migrate"));
  json custom = pod("shop", "custom", "my.registry/proxy:1.0.0", "ReplicaSet", "custom-rs");
  custom["metadata"]["annotations"] = {{"sidecar.istio.io/proxyImage", "my.registry/proxy:1.0.0"}};
  s.pods.push_back(slim_pod(custom));
  json native = pod("shop", "native", "", "StatefulSet", "native");
  native["spec"]["initContainers"] =
      json::array({{{"name", "istio-proxy"}, {"image", proxy("1.22.3")}}});
  s.pods.push_back(native);
  json leaving = pod("shop", "leaving", proxy("1.22.3"), "StatefulSet", "leaving");
  leaving["metadata"]["deletionTimestamp"] = "2026-01-01T00:00:00Z";
  s.pods.push_back(leaving);

  MeshStatus first = build_status(s);
  // The ReplicaSet web-old is not known yet: its pods wait for a lookup.
  CHECK(first.data_plane.unresolved_replica_sets == std::set<std::string>{"shop/web-old"});

  s.replica_sets.add(replica_set("shop", "web-old", "web"));
  MeshStatus status = build_status(s);
  const DataPlane& plane = status.data_plane;
  CHECK(plane.unresolved_replica_sets.empty());
  CHECK(plane.pods == 9);  // the terminating pod is not counted
  CHECK(plane.versions == std::vector<VersionCount>{{"1.23.2", 2}, {"1.22.3", 6}, {"1.0.0", 1}});
  CHECK(plane.custom_image_pods == 1);
  CHECK(plane.outdated_pods == 6);
  REQUIRE(plane.outdated.size() == 5);
  auto row = [&](size_t i) {
    const auto& w = plane.outdated[i];
    return w.workload.ns + "/" + w.workload.kind + "/" + w.workload.name + " " +
           std::to_string(w.pods) + (w.workload.manual ? " manual" : " automatic");
  };
  CHECK(row(0) == "jobs/Job/migrate 1 manual");
  CHECK(row(1) == "shop/Deployment/web 2 automatic");
  CHECK(row(2) == "shop/Pod/lonely 1 manual");
  CHECK(row(3) == "shop/StatefulSet/db 1 automatic");
  CHECK(row(4) == "shop/StatefulSet/native 1 automatic");
  CHECK(plane.outdated[1].versions == std::vector<std::string>{"1.22.3"});
  CHECK(has_problem(status, "6 pods in 5 workloads run an outdated sidecar"));
  CHECK_FALSE(status.healthy());
}

TEST_CASE("without the injector's image outdated sidecars cannot be told") {
  ClusterSnapshot s = healthy_mesh();
  s.pods.push_back(pod("shop", "old-1", proxy("1.22.3-distroless"), "StatefulSet", "db"));
  s.injector = nullptr;
  MeshStatus status = build_status(s);
  CHECK(status.data_plane.outdated_pods == 0);
  CHECK(status.data_plane.pods == 3);
  CHECK(has_problem(status,
                    "outdated sidecars cannot be told: ConfigMap "
                    "istio-system/istio-sidecar-injector not found"));
}

TEST_CASE("the control plane: mixed versions, replicas not ready, components missing") {
  ClusterSnapshot s = healthy_mesh();
  SECTION("a component on another version") {
    s.workloads[2] =
        workload("DaemonSet", "istio-cni-node", "install-cni", cni("1.22.3"), kCniLabels, 3, 3);
    MeshStatus status = build_status(s);
    CHECK(status.control_plane.mixed());
    CHECK(status.control_plane.versions == std::vector<std::string>{"1.23.2", "1.22.3"});
    // The CNI pod still runs 1.23.2-distroless per the pods: both are shown.
    CHECK(has_problem(status,
                      "the control plane runs mixed versions: istiod 1.23.2, "
                      "istio-ingressgateway 1.23.2, istio-cni-node 1.22.3 (pods 1.23.2: 1 pod)"));
  }
  SECTION("pods of one component on two versions, during a rollout") {
    s.pods.push_back(
        slim_pod(component_pod("istiod-old", kIstiodLabels, "discovery", pilot("1.22.3"))));
    MeshStatus status = build_status(s);
    CHECK(status.control_plane.components[0].pod_versions ==
          std::vector<VersionCount>{{"1.23.2", 2}, {"1.22.3", 1}});
    CHECK(status.control_plane.mixed());
  }
  SECTION("replicas not ready and a missing gateway") {
    s.workloads[0]["status"]["readyReplicas"] = 1;
    s.workloads.erase(s.workloads.begin() + 1);
    MeshStatus status = build_status(s);
    CHECK(has_problem(status, "istiod: 1/2 ready"));
    CHECK(has_problem(status, "istio-ingressgateway: Deployment not found"));
    CHECK_FALSE(status.control_plane.components[1].found);
  }
  SECTION("an egress gateway is listed when it is installed") {
    s.workloads.push_back(workload("Deployment", "istio-egressgateway", "istio-proxy",
                                   proxy("1.23.2-distroless"), {{"app", "istio-egressgateway"}}, 1,
                                   1));
    MeshStatus status = build_status(s);
    REQUIRE(status.control_plane.components.size() == 4);
    CHECK(status.control_plane.components[2].name == "istio-egressgateway");
    CHECK(status.healthy());
  }
}

TEST_CASE("the CR's problems: none, not reconciled, not Ready, spec changed") {
  ClusterSnapshot s = healthy_mesh();
  SECTION("no CR while Istio runs") {
    s.crs.clear();
    CHECK(build_status(s).problems == std::vector<std::string>{"no Istio CR in kyma-system"});
  }
  SECTION("a CR in Warning") {
    s.crs[0]["status"]["state"] = "Warning";
    s.crs[0]["status"]["description"] = "Some Pods could not be restarted";
    CHECK(build_status(s).problems ==
          std::vector<std::string>{
              "the Istio CR is in state Warning: Some Pods could not be restarted"});
  }
  SECTION("a spec changed since the last apply") {
    s.crs[0]["spec"] = {{"config", {{"numTrustedProxies", 3}}}};
    CHECK(build_status(s).problems ==
          std::vector<std::string>{"the Istio CR's spec changed since it was last applied"});
  }
  SECTION("nothing installed at all is said once") {
    ClusterSnapshot empty;
    empty.crd_installed = false;
    CHECK(build_status(empty).problems ==
          std::vector<std::string>{"Istio is not installed: no Istio CR in kyma-system and no "
                                   "control plane in istio-system"});
  }
}
