// The default configuration (an empty Istio CR): every object of the rendered bundle is there,
// with the Kyma profile's k8s settings applied, istioctl's labels, in istioctl's order.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "core/manifest/object_access.hpp"
#include "core/manifest/object_order.hpp"
#include "core/manifest/renderer.hpp"
#include "tests/unit/manifest/render_fixture.hpp"

using kyma::istio::Profile;
using kyma::manifest::describe;
using kyma::manifest::find_container;
using kyma::manifest::kind_of;
using kyma::manifest::RenderedInstallation;
using kyma::test::object_named;
using kyma::test::profile_config;
using kyma::test::render;
using nlohmann::json;

namespace {

struct IndexRow {
  std::string component, identity;
};

std::vector<IndexRow> index_rows(const std::string& version, Profile profile) {
  const auto& bundle = kyma::test::bundle(version, profile);
  std::ifstream in(bundle.dir / "INDEX.tsv");
  std::vector<IndexRow> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::istringstream fields(line);
    for (std::string cell; std::getline(fields, cell, '\t');) cells.push_back(cell);
    REQUIRE(cells.size() == 6);
    rows.push_back({cells[0], cells[1] + " " + (cells[3] == "-" ? "" : cells[3] + "/") + cells[4]});
  }
  return rows;
}

json container_resources(const RenderedInstallation& rendered, const std::string& workload,
                         const std::string& container) {
  json object = object_named(rendered, workload);
  json* c = find_container(object, container);
  REQUIRE(c != nullptr);
  return (*c)["resources"];
}

json resources(const char* req_cpu, const char* req_mem, const char* lim_cpu, const char* lim_mem) {
  return {{"requests", {{"cpu", req_cpu}, {"memory", req_mem}}},
          {"limits", {{"cpu", lim_cpu}, {"memory", lim_mem}}}};
}

std::string env_value(const json& container, const std::string& name) {
  for (const auto& e : container["env"]) {
    if (e["name"] == name) return e.value("value", std::string("<valueFrom>"));
  }
  return "<absent>";
}

}  // namespace

TEST_CASE("every object of the production bundle is rendered, egress only when enabled") {
  auto rendered = render(profile_config("1.23.2", Profile::kProduction));
  auto objects = kyma::test::by_identity(rendered);
  size_t expected = 0;
  for (const auto& row : index_rows("1.23.2", Profile::kProduction)) {
    INFO(row.identity);
    if (row.component == "egressgateway") {
      CHECK(objects.count(row.identity) == 0);
    } else {
      CHECK(objects.count(row.identity) == 1);
      ++expected;
    }
  }
  // 14 CRDs + 1 + 17 + 7 + 7 + 2 tag webhooks, then Kyma's PriorityClass, Namespace and
  // PeerAuthentication.
  CHECK(expected == 48);
  CHECK(objects.size() == expected + 3);
  CHECK(rendered.tag_webhooks.size() == 2);
}

TEST_CASE("the production profile's k8s settings land on istiod, the gateway and CNI") {
  const auto& bundle = kyma::test::bundle("1.23.2", Profile::kProduction);
  json rendered_istiod =
      *kyma::manifest::find_object(bundle.objects("pilot"), "Deployment", "istiod");
  json* discovery = find_container(rendered_istiod, "discovery");
  REQUIRE(discovery != nullptr);
  // The chart's own value, which the profile overrides.
  CHECK((*discovery)["resources"] == json{{"requests", {{"cpu", "500m"}, {"memory", "2048Mi"}}}});

  auto rendered = render(profile_config("1.23.2", Profile::kProduction));
  CHECK(container_resources(rendered, "Deployment istio-system/istiod", "discovery") ==
        resources("100m", "512Mi", "4000m", "2Gi"));
  CHECK(container_resources(rendered, "Deployment istio-system/istio-ingressgateway",
                            "istio-proxy") == resources("100m", "128Mi", "2000m", "1024Mi"));
  CHECK(container_resources(rendered, "DaemonSet istio-system/istio-cni-node", "install-cni") ==
        resources("100m", "512Mi", "500m", "1024Mi"));

  const json& istiod_hpa = object_named(rendered, "HorizontalPodAutoscaler istio-system/istiod");
  CHECK(istiod_hpa["spec"]["minReplicas"] == 2);
  CHECK(istiod_hpa["spec"]["maxReplicas"] == 5);
  const json& ingress_hpa =
      object_named(rendered, "HorizontalPodAutoscaler istio-system/istio-ingressgateway");
  CHECK(ingress_hpa["spec"]["minReplicas"] == 3);
  CHECK(ingress_hpa["spec"]["maxReplicas"] == 10);
  CHECK(ingress_hpa["spec"]["metrics"][0]["resource"]["target"]["averageUtilization"] == 80);

  const json& ingress = object_named(rendered, "Deployment istio-system/istio-ingressgateway");
  CHECK(ingress["spec"]["strategy"]["rollingUpdate"]["maxSurge"] == "100%");
  CHECK(ingress["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0);
  // Typed like istioctl's structs: the profile's quoted "65534" becomes a number.
  CHECK(ingress["spec"]["template"]["spec"]["securityContext"]["runAsUser"] == 65534);
  CHECK(ingress["spec"]["template"]["spec"]["securityContext"]["seccompProfile"]["type"] ==
        "RuntimeDefault");
  CHECK(ingress["spec"]["template"]["spec"]["affinity"]["podAntiAffinity"]
               ["preferredDuringSchedulingIgnoredDuringExecution"][0]["weight"] == 100);

  json istiod = object_named(rendered, "Deployment istio-system/istiod");
  json* d = find_container(istiod, "discovery");
  CHECK(env_value(*d, "PILOT_HTTP10") == "1");
  CHECK(env_value(*d, "METRIC_ROTATION_INTERVAL") == "5m0s");
  CHECK(env_value(*d, "REVISION") == "default");  // merged by name: the chart's entries stay
  CHECK(istiod["spec"]["template"]["metadata"]["annotations"].contains(
      "istios.operator.kyma-project.io/managed-by-disclaimer"));
  const json& service = object_named(rendered, "Service istio-system/istiod");
  CHECK(service["metadata"]["annotations"]["prometheus.io/port"] == "15014");
}

TEST_CASE("evaluation renders the light profile and has no PodDisruptionBudgets") {
  auto rendered = render(profile_config("1.23.2", Profile::kEvaluation));
  CHECK(container_resources(rendered, "Deployment istio-system/istiod", "discovery") ==
        resources("50m", "128Mi", "1000m", "1024Mi"));
  const json& hpa = object_named(rendered, "HorizontalPodAutoscaler istio-system/istiod");
  CHECK(hpa["spec"]["minReplicas"] == 1);
  CHECK(hpa["spec"]["maxReplicas"] == 1);
  for (const auto& object : rendered.all_objects()) {
    CHECK(kind_of(object) != "PodDisruptionBudget");
  }
  auto objects = kyma::test::by_identity(rendered);
  for (const auto& row : index_rows("1.23.2", Profile::kEvaluation)) {
    INFO(row.identity);
    CHECK(objects.count(row.identity) == (row.component == "egressgateway" ? 0u : 1u));
  }
}

TEST_CASE("both bundled Istio versions render in both profiles") {
  for (const char* version : {"1.23.2", "1.22.3"}) {
    for (Profile profile : {Profile::kProduction, Profile::kEvaluation}) {
      INFO(version << " " << kyma::istio::profile_name(profile));
      auto rendered = render(profile_config(version, profile));
      size_t expected = 0;
      for (const auto& row : index_rows(version, profile)) {
        if (row.component != "egressgateway") ++expected;
      }
      CHECK(rendered.all_objects().size() == expected + 3);
      const json& istiod = object_named(rendered, "Deployment istio-system/istiod");
      CHECK(istiod["metadata"]["labels"]["operator.istio.io/version"] == version);
      std::string image =
          istiod["spec"]["template"]["spec"]["containers"][0]["image"].get<std::string>();
      CHECK(image.find(std::string(version) + "-distroless") != std::string::npos);
    }
  }
}

TEST_CASE("istioctl's apply-time labels and Kyma's module label are on every Istio object") {
  auto rendered = render(profile_config("1.23.2", Profile::kProduction));
  for (const auto& component : rendered.components) {
    for (const auto& object : component.objects) {
      INFO(describe(object));
      const json& labels = object["metadata"]["labels"];
      CHECK(labels["operator.istio.io/component"] == component.name);
      CHECK(labels["operator.istio.io/managed"] == "Reconcile");
      CHECK(labels["operator.istio.io/version"] == "1.23.2");
      CHECK(labels["istio.io/rev"] == "default");
      CHECK(labels["install.operator.istio.io/owning-resource"] ==
            "installed-state-default-operator");
      CHECK(labels["install.operator.istio.io/owning-resource-namespace"] == "istio-system");
      CHECK(labels["kyma-project.io/module"] == "istio");
      if (kind_of(object) == "Deployment" || kind_of(object) == "DaemonSet") {
        CHECK(object["spec"]["template"]["metadata"]["labels"]["kyma-project.io/module"] ==
              "istio");
      }
    }
  }
  for (const auto& webhook : rendered.tag_webhooks) {
    INFO(describe(webhook));
    const json& labels = webhook["metadata"]["labels"];
    CHECK(labels["install.operator.istio.io/owning-resource-not-pruned"] == "true");
    CHECK(labels["install.operator.istio.io/owning-resource"] ==
          "installed-state-default-operator");
    CHECK(labels["kyma-project.io/module"] == "istio");
    CHECK(labels["istio.io/tag"] == "default");
  }
  // The tag webhook keeps its own `app` label; the injector's is not copied over it.
  CHECK(rendered.tag_webhooks[1]["metadata"]["labels"]["app"] == "istiod");
}

TEST_CASE("components come in istioctl's order, objects in DefaultObjectOrder") {
  auto rendered = render(profile_config("1.23.2", Profile::kProduction));
  std::vector<std::string> names;
  for (const auto& c : rendered.components) names.push_back(c.name);
  CHECK(names == std::vector<std::string>{"Base", "Pilot", "Cni", "IngressGateways"});

  for (const auto& component : rendered.components) {
    int last = -100000;
    bool past_crds = false;
    for (const auto& object : component.objects) {
      INFO(component.name << ": " << describe(object));
      bool crd = kind_of(object) == "CustomResourceDefinition";
      CHECK(!(crd && past_crds));
      if (!crd) past_crds = true;
      int score = kyma::manifest::default_object_order(object);
      CHECK(score >= last);
      last = score;
    }
  }
  const auto& pilot = rendered.components[1].objects;
  CHECK(kind_of(pilot.front()) == "ServiceAccount");
  CHECK(kind_of(pilot.back()) == "Service");

  REQUIRE(rendered.prerequisites.size() == 2);
  CHECK(describe(rendered.prerequisites[0]) == "PriorityClass istio-kyma-priority");
  CHECK(describe(rendered.prerequisites[1]) == "Namespace istio-system");
  CHECK(describe(rendered.tag_webhooks[0]) ==
        "MutatingWebhookConfiguration istio-revision-tag-default");
  CHECK(describe(rendered.tag_webhooks[1]) ==
        "ValidatingWebhookConfiguration istiod-default-validator");
  REQUIRE(rendered.kyma_resources.size() == 1);
  CHECK(describe(rendered.kyma_resources[0]) == "PeerAuthentication istio-system/default");
}

TEST_CASE("rendering is deterministic, byte for byte") {
  auto config = profile_config("1.23.2", Profile::kProduction);
  auto a = render(config);
  auto b = render(config);
  CHECK(kyma::manifest::to_yaml_manifest(a) == kyma::manifest::to_yaml_manifest(b));
  CHECK(kyma::manifest::to_json_list(a) == kyma::manifest::to_json_list(b));
}

TEST_CASE("the injector webhook is deactivated and the tag webhook takes over its path") {
  auto rendered = render(profile_config("1.23.2", Profile::kProduction));
  const json& injector =
      object_named(rendered, "MutatingWebhookConfiguration istio-sidecar-injector");
  REQUIRE(injector["webhooks"].size() == 4);
  const json never = {{"matchLabels", {{"istio.io/deactivated", "never-match"}}}};
  for (const auto& webhook : injector["webhooks"]) {
    CHECK(webhook["namespaceSelector"] == never);
    CHECK(webhook["objectSelector"] == never);
  }
  for (const auto& webhook : rendered.tag_webhooks[0]["webhooks"]) {
    CHECK(webhook["clientConfig"]["service"]["path"] ==
          injector["webhooks"][0]["clientConfig"]["service"]["path"]);
    CHECK(webhook["namespaceSelector"] != never);
  }
}

TEST_CASE("Kyma's PriorityClass, Namespace and PeerAuthentication") {
  auto rendered = render(profile_config("1.23.2", Profile::kProduction));
  const json& priority = rendered.prerequisites[0];
  CHECK(priority["value"] == 2100000);
  CHECK(priority["globalDefault"] == false);
  CHECK(priority["metadata"]["labels"]["kyma-project.io/module"] == "istio");
  CHECK(priority["metadata"]["labels"]["app.kubernetes.io/component"] == "operator");
  // Every Istio pod names it.
  const json& istiod = object_named(rendered, "Deployment istio-system/istiod");
  CHECK(istiod["spec"]["template"]["spec"]["priorityClassName"] == priority["metadata"]["name"]);

  const json& ns = rendered.prerequisites[1];
  CHECK(ns["metadata"]["labels"]["namespaces.warden.kyma-project.io/validate"] == "enabled");
  CHECK(ns["metadata"]["annotations"]["istios.operator.kyma-project.io/managed-by-disclaimer"]
            .get<std::string>()
            .rfind("DO NOT EDIT", 0) == 0);

  const json& peer = rendered.kyma_resources[0];
  CHECK(peer["spec"]["mtls"]["mode"] == "STRICT");
  CHECK(peer["metadata"]["labels"]["app.kubernetes.io/version"] == "1.10.0");
  CHECK(peer["metadata"]["annotations"].contains(
      "istios.operator.kyma-project.io/managed-by-disclaimer"));
}
