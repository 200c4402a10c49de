// components.*.k8s settings as istioctl applies them: one strategic merge patch each, onto the
// component's workload, container, Service, HPA or PDB.
#include <catch2/catch.hpp>

#include "core/manifest/k8s_settings.hpp"
#include "core/manifest/object_access.hpp"
#include "core/ui/error.hpp"
#include "tests/unit/manifest/render_fixture.hpp"

using Catch::Matchers::Contains;
using kyma::istio::Profile;
using kyma::manifest::apply_k8s_settings;
using kyma::manifest::K8sTarget;
using kyma::test::changed_paths;
using nlohmann::json;

namespace {

std::vector<json> pilot_objects() {
  return kyma::test::bundle("1.23.2", Profile::kProduction).objects("pilot");
}

K8sTarget pilot_target(bool autoscale) {
  return {"Pilot", "Deployment", "istiod", "discovery", autoscale};
}

// Applies one setting and returns, per changed object, the changed JSON paths.
std::map<std::string, std::set<std::string>> effect_of(const json& k8s, bool autoscale = true) {
  auto before = pilot_objects();
  auto after = before;
  apply_k8s_settings(after, k8s, pilot_target(autoscale), "spec.components.pilot.k8s");
  std::map<std::string, std::set<std::string>> out;
  for (size_t i = 0; i < before.size(); ++i) {
    if (before[i] != after[i])
      out[kyma::manifest::describe(before[i])] = changed_paths(before[i], after[i]);
  }
  return out;
}

bool all_below(const std::set<std::string>& paths, const std::string& prefix) {
  for (const auto& p : paths) {
    if (p.rfind(prefix, 0) != 0) return false;
  }
  return !paths.empty();
}

}  // namespace

TEST_CASE("each k8s setting changes exactly its field of exactly its object") {
  struct Case {
    const char* setting;
    json value;
    const char* object;
    const char* prefix;
  };
  const std::vector<Case> cases = {
      {"affinity",
       {{"nodeAffinity", {{"x", 1}}}},
       "Deployment istio-system/istiod",
       "/spec/template/spec/affinity"},
      {"env", json::array({{{"name", "NEW"}, {"value", "v"}}}), "Deployment istio-system/istiod",
       "/spec/template/spec/containers/0/env"},
      {"hpaSpec",
       {{"maxReplicas", 9}},
       "HorizontalPodAutoscaler istio-system/istiod",
       "/spec/maxReplicas"},
      {"imagePullPolicy", "Always", "Deployment istio-system/istiod",
       "/spec/template/spec/containers/0/imagePullPolicy"},
      {"nodeSelector",
       {{"pool", "a"}},
       "Deployment istio-system/istiod",
       "/spec/template/spec/nodeSelector"},
      {"podDisruptionBudget",
       {{"minAvailable", 2}},
       "PodDisruptionBudget istio-system/istiod",
       "/spec/minAvailable"},
      {"podAnnotations",
       {{"a", "b"}},
       "Deployment istio-system/istiod",
       "/spec/template/metadata/annotations/a"},
      {"priorityClassName", "other", "Deployment istio-system/istiod",
       "/spec/template/spec/priorityClassName"},
      {"readinessProbe",
       {{"periodSeconds", "7"}},
       "Deployment istio-system/istiod",
       "/spec/template/spec/containers/0/readinessProbe/periodSeconds"},
      {"resources",
       {{"limits", {{"cpu", "1"}}}},
       "Deployment istio-system/istiod",
       "/spec/template/spec/containers/0/resources/limits"},
      {"strategy",
       {{"rollingUpdate", {{"maxSurge", "50%"}}}},
       "Deployment istio-system/istiod",
       "/spec/strategy/rollingUpdate/maxSurge"},
      {"tolerations", json::array({{{"key", "k"}, {"operator", "Exists"}}}),
       "Deployment istio-system/istiod", "/spec/template/spec/tolerations"},
      {"serviceAnnotations", {{"a", "b"}}, "Service istio-system/istiod", "/metadata/annotations"},
      {"service", {{"type", "NodePort"}}, "Service istio-system/istiod", "/spec/type"},
      {"securityContext",
       {{"runAsUser", "1000"}},
       "Deployment istio-system/istiod",
       "/spec/template/spec/securityContext"},
  };
  for (const auto& c : cases) {
    INFO(c.setting);
    auto effect = effect_of({{c.setting, c.value}});
    REQUIRE(effect.size() == 1);
    CHECK(effect.begin()->first == c.object);
    CHECK(all_below(effect.begin()->second, c.prefix));
  }
}

TEST_CASE("settings merge into what the chart rendered") {
  auto objects = pilot_objects();
  apply_k8s_settings(objects,
                     {{"env", json::array({{{"name", "PILOT_TRACE_SAMPLING"}, {"value", "5"}}})},
                      {"securityContext", {{"runAsUser", "1000"}}},
                      {"readinessProbe", {{"periodSeconds", "7"}}}},
                     pilot_target(true), "k8s");
  json& istiod = *kyma::manifest::find_object(objects, "Deployment", "istiod");
  json& discovery = *kyma::manifest::find_container(istiod, "discovery");
  json* sampling = kyma::manifest::find_item(discovery["env"], "name", "PILOT_TRACE_SAMPLING");
  REQUIRE(sampling != nullptr);
  CHECK((*sampling)["value"] == "5");
  CHECK(kyma::manifest::find_item(discovery["env"], "name", "REVISION") != nullptr);
  // Integer fields become numbers, as istioctl's typed structs make them.
  CHECK(istiod["spec"]["template"]["spec"]["securityContext"]["runAsUser"] == 1000);
  CHECK(discovery["readinessProbe"]["periodSeconds"] == 7);
  CHECK(discovery["readinessProbe"]["httpGet"]["path"] == "/ready");
}

TEST_CASE("replicaCount is skipped while the component autoscales") {
  CHECK(effect_of({{"replicaCount", 3}}, true).empty());
  auto effect = effect_of({{"replicaCount", 3}}, false);
  REQUIRE(effect.size() == 1);
  CHECK(effect.begin()->second == std::set<std::string>{"/spec/replicas"});
}

TEST_CASE("unset values and settings of objects that were not rendered change nothing") {
  CHECK(effect_of({{"priorityClassName", ""}, {"replicaCount", 0}, {"env", nullptr}}).empty());
  auto objects = kyma::test::bundle("1.23.2", Profile::kEvaluation).objects("pilot");
  auto before = objects;
  apply_k8s_settings(objects, {{"podDisruptionBudget", {{"minAvailable", 2}}}}, pilot_target(true),
                     "k8s");
  CHECK(objects == before);  // evaluation has no PDB to patch
}

TEST_CASE("service ports merge on port and protocol, keeping the rendered order") {
  auto objects = kyma::test::bundle("1.23.2", Profile::kProduction).objects("ingressgateway");
  const json original = *kyma::manifest::find_object(objects, "Service", "istio-ingressgateway");
  json ports = json::array({{{"name", "http2"}, {"port", 80}, {"targetPort", 8081}},
                            {{"name", "dns"}, {"port", 53}, {"protocol", "UDP"}}});
  apply_k8s_settings(objects, {{"service", {{"ports", ports}}}},
                     {"IngressGateways", "Deployment", "istio-ingressgateway", "istio-proxy", true},
                     "k8s");
  const json& merged = *kyma::manifest::find_object(objects, "Service", "istio-ingressgateway");
  const json& before = original["spec"]["ports"];
  const json& after = merged["spec"]["ports"];
  REQUIRE(after.size() == before.size() + 1);
  for (size_t i = 0; i < before.size(); ++i) {
    CHECK(after[i]["port"] == before[i]["port"]);
    CHECK(after[i]["protocol"] == before[i].value("protocol", "TCP"));
  }
  json* http2 = kyma::manifest::find_item(const_cast<json&>(after), "name", "http2");
  REQUIRE(http2 != nullptr);
  CHECK((*http2)["targetPort"] == 8081);
  CHECK(after.back() == json{{"name", "dns"}, {"port", 53}, {"protocol", "UDP"}});
}

TEST_CASE("settings istioctl does not know, and settings on Base, are refused") {
  auto objects = pilot_objects();
  CHECK_THROWS_WITH(apply_k8s_settings(objects, {{"replicas", 3}}, pilot_target(true),
                                       "spec.components.pilot.k8s"),
                    Contains("spec.components.pilot.k8s.replicas"));
  CHECK_THROWS_WITH(
      apply_k8s_settings(objects, {{"resources", {{"limits", {{"cpu", "1"}}}}}},
                         {"Base", "", "", "", false}, "spec.components.base.k8s"),
      Contains("spec.components.base.k8s.resources") && Contains("only k8s.overlays"));
  // overlays are left to the overlay engine
  CHECK_NOTHROW(apply_k8s_settings(objects, {{"overlays", json::array()}},
                                   {"Base", "", "", "", false}, "k8s"));
}
