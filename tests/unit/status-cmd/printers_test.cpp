// The two ways `status` prints: the document of -o json/-o yaml and the table a person reads.
#include <catch2/catch.hpp>

#include <sstream>

#include "core/kube/exec_credentials.hpp"
#include "core/manifest/yaml.hpp"
#include "plugins/status/status_document.hpp"
#include "plugins/status/status_table.hpp"
#include "tests/unit/status-cmd/fixtures.hpp"

using namespace kyma::status;
using namespace kyma::status::test;

namespace {

ClusterSnapshot upgraded_mesh_with_old_sidecars() {
  ClusterSnapshot s;
  s.crs = {ready_cr("default", "2026-01-01T09:00:00Z", json::object(), "1.23.2-distroless")};
  s.workloads = {workload("Deployment", "istiod", "discovery", pilot("1.23.2-distroless"),
                          kIstiodLabels, 1, 1),
                 workload("Deployment", "istio-ingressgateway", "istio-proxy",
                          proxy("1.23.2-distroless"), kIngressLabels, 1, 1),
                 workload("DaemonSet", "istio-cni-node", "install-cni", cni("1.23.2-distroless"),
                          kCniLabels, 1, 1)};
  s.pods = {pod("shop", "web-1", proxy("1.22.3-distroless"), "ReplicaSet", "web-abc"),
            pod("shop", "web-2", proxy("1.23.2-distroless"), "ReplicaSet", "web-def"),
            pod("shop", "lonely", proxy("1.22.3-distroless"))};
  s.injector = injector("1.23.2-distroless");
  s.replica_sets.add(replica_set("shop", "web-abc", "web"));
  s.replica_sets.add(replica_set("shop", "web-def", "web"));
  return s;
}

std::vector<std::string> keys(const nlohmann::ordered_json& object) {
  std::vector<std::string> out;
  for (const auto& [key, value] : object.items()) out.push_back(key);
  return out;
}

}  // namespace

TEST_CASE("the document has every section with lowerCamelCase keys in a fixed order") {
  auto doc = status_document(build_status(upgraded_mesh_with_old_sidecars()));
  CHECK(keys(doc) == std::vector<std::string>{"healthy", "problems", "istio", "controlPlane",
                                              "dataPlane", "outdated"});
  CHECK(doc["healthy"] == false);
  CHECK(doc["problems"] ==
        nlohmann::ordered_json::array({"2 pods in 2 workloads run an outdated sidecar"}));
  CHECK(keys(doc["istio"]) == std::vector<std::string>{"crdInstalled", "cr", "ignoredCrs"});
  CHECK(keys(doc["istio"]["cr"]) == std::vector<std::string>{"namespace", "name", "state",
                                                             "description", "conditions",
                                                             "lastApplied", "lastAppliedError"});
  CHECK(doc["istio"]["cr"]["state"] == "Ready");
  CHECK(doc["istio"]["cr"]["lastApplied"]["istioTag"] == "1.23.2-distroless");
  CHECK(doc["istio"]["cr"]["lastApplied"]["specChanged"] == false);
  CHECK(doc["istio"]["cr"]["conditions"][0]["lastTransitionTime"] == "2026-01-01T10:00:00Z");
  CHECK(doc["controlPlane"]["versions"] == nlohmann::ordered_json::array({"1.23.2"}));
  CHECK(doc["controlPlane"]["mixedVersions"] == false);
  CHECK(keys(doc["controlPlane"]["components"][0]) ==
        std::vector<std::string>{"name", "kind", "namespace", "found", "image", "version",
                                 "readyReplicas", "desiredReplicas", "podVersions"});
  CHECK(doc["dataPlane"]["pods"] == 3);
  CHECK(doc["dataPlane"]["versions"].dump() ==
        R"([{"version":"1.23.2","pods":1},{"version":"1.22.3","pods":2}])");
  CHECK(doc["outdated"]["injectorImage"] == proxy("1.23.2-distroless"));
  CHECK(doc["outdated"]["injectorVersion"] == "1.23.2");
  CHECK(doc["outdated"]["detail"].is_null());
  CHECK(doc["outdated"]["pods"] == 2);
  CHECK(doc["outdated"]["workloads"].dump() ==
        R"([{"namespace":"shop","kind":"Deployment","name":"web","pods":1,)"
        R"("proxyVersions":["1.22.3"],"restart":"automatic","reason":null},)"
        R"({"namespace":"shop","kind":"Pod","name":"lonely","pods":1,)"
        R"("proxyVersions":["1.22.3"],"restart":"manual","reason":"no owner"}])");
}

TEST_CASE("the document of a cluster without Istio says so with nulls, not missing keys") {
  ClusterSnapshot empty;
  empty.crd_installed = false;
  auto doc = status_document(build_status(empty));
  CHECK(doc["istio"]["crdInstalled"] == false);
  CHECK(doc["istio"]["cr"].is_null());
  CHECK(doc["controlPlane"]["components"].size() == 3);
  CHECK(doc["controlPlane"]["components"][0]["found"] == false);
  CHECK(doc["controlPlane"]["components"][0]["version"].is_null());
  CHECK(doc["outdated"]["injectorImage"].is_null());
  CHECK(doc["outdated"]["detail"] == "ConfigMap istio-system/istio-sidecar-injector not found");
  // The YAML form reads back as the same document.
  auto yaml = kyma::manifest::to_yaml(json(doc));
  CHECK(kyma::manifest::parse_yaml(yaml, "status") == json(doc));
}

TEST_CASE("the table shows each section, ages from now, and what to do about outdated sidecars") {
  std::ostringstream out;
  auto now = *kyma::kube::parse_rfc3339("2026-01-01T10:05:00Z");
  print_status_table(out, build_status(upgraded_mesh_with_old_sidecars()), now);
  const std::string expected = R"(Istio CR:       kyma-system/default
State:          Ready
Last applied:   Istio 1.23.2-distroless, the spec is unchanged since
Conditions:
  TYPE    STATUS   REASON               AGE   MESSAGE
  Ready   True     ReconcileSucceeded   5m    Reconciliation succeeded

Control plane:  1.23.2
  COMPONENT              KIND         VERSION   READY
  istiod                 Deployment   1.23.2    1/1
  istio-ingressgateway   Deployment   1.23.2    1/1
  istio-cni-node         DaemonSet    1.23.2    1/1

Data plane:     3 pods with an Istio sidecar: 1.23.2: 1 pod, 1.22.3: 2 pods
New sidecars:   1.23.2 (europe-docker.pkg.dev/kyma-project/prod/external/istio/proxyv2:1.23.2-distroless)
Outdated:       2 pods in 2 workloads run a proxy image other than the injector's
  NAMESPACE   WORKLOAD         PODS   PROXY    RESTART
  shop        deployment/web   1      1.22.3   automatic
  shop        pod/lonely       1      1.22.3   manual: no owner
  Run "kubectl kyma-istio restart" to restart the workloads marked automatic.
  Restart the workloads marked manual yourself (delete their pods or re-create them).

Problems:
  - 2 pods in 2 workloads run an outdated sidecar
)";
  CHECK(out.str() == expected);
}

TEST_CASE("the table of a healthy mesh ends with a one-line summary") {
  ClusterSnapshot s = upgraded_mesh_with_old_sidecars();
  s.pods = {pod("shop", "web-2", proxy("1.23.2-distroless"), "ReplicaSet", "web-def")};
  std::ostringstream out;
  print_status_table(out, build_status(s), std::chrono::system_clock::now());
  CHECK(out.str().find("Outdated:       none\n") != std::string::npos);
  CHECK(out.str().ends_with("\nSummary:        healthy and up to date\n"));
}

TEST_CASE("the table without a CR or CRD says so plainly") {
  ClusterSnapshot s;
  s.crd_installed = false;
  std::ostringstream out;
  print_status_table(out, build_status(s), std::chrono::system_clock::now());
  CHECK(out.str().starts_with(
      "Istio CR:       none: the Istio CRD (istios.operator.kyma-project.io) is not installed\n"));
  CHECK(out.str().find("Control plane:  not found in istio-system") != std::string::npos);
  CHECK(out.str().find("  istiod                 Deployment   <not found>   -") !=
        std::string::npos);
}
