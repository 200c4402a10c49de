// Sidecar injection where Istio would inject: namespace istio-injection=enabled, the pod not
// opting out, and the injector ConfigMap present.
#include <catch2/catch.hpp>

#include "tests/integration/fakekube/api_client.hpp"

using fakekube::test::ApiClient;
using fakekube::test::deployment;
using fakekube::test::namespace_object;
using nlohmann::json;

namespace {

json injector(const json& values) {
  return {{"apiVersion", "v1"},
          {"kind", "ConfigMap"},
          {"metadata", {{"name", "istio-sidecar-injector"}, {"namespace", "istio-system"}}},
          {"data", {{"values", values.dump()}, {"config", "policy: enabled"}}}};
}

json kyma_values(const std::string& tag = "1.23.2-distroless") {
  return {{"global",
           {{"hub", "europe-docker.pkg.dev/kyma-project/prod/external/istio"},
            {"tag", tag},
            {"proxy",
             {{"image", "proxyv2"},
              {"statusPort", 15020},
              {"resources",
               {{"requests", {{"cpu", "10m"}, {"memory", "192Mi"}}},
                {"limits", {{"cpu", "1000m"}, {"memory", "1024Mi"}}}}}}}}},
          {"istio_cni", {{"enabled", true}}},
          {"revision", ""}};
}

json pod(const std::string& name, const std::string& ns, const json& labels = json::object(),
         const json& annotations = json::object()) {
  json meta = {{"name", name}, {"namespace", ns}};
  if (!labels.empty()) meta["labels"] = labels;
  if (!annotations.empty()) meta["annotations"] = annotations;
  return {{"apiVersion", "v1"},
          {"kind", "Pod"},
          {"metadata", meta},
          {"spec", {{"containers", json::array({{{"name", "app"}, {"image", "app:1"}}})}}}};
}

std::vector<std::string> containers(const json& p) {
  std::vector<std::string> names;
  for (const auto& c : p["spec"]["containers"]) names.push_back(c["name"]);
  return names;
}

json proxy(const json& p) {
  for (const auto& c : p["spec"]["containers"])
    if (c["name"] == "istio-proxy") return c;
  return nullptr;
}

struct Fixture : fakekube::test::RunningServer {
  ApiClient api{server};
  Fixture() {
    server.seed(namespace_object("istio-system"));
    json injected = namespace_object("mesh");
    injected["metadata"]["labels"] = {{"istio-injection", "enabled"}};
    server.seed(injected);
    server.seed(namespace_object("plain"));
  }
  json create(const json& p) {
    return api
        .post("/api/v1/namespaces/" + p["metadata"]["namespace"].get<std::string>() + "/pods", p)
        .json();
  }
};

}  // namespace

TEST_CASE_METHOD(Fixture, "no injector ConfigMap, no injection") {
  CHECK(containers(create(pod("p", "mesh"))) == std::vector<std::string>{"app"});
}

TEST_CASE_METHOD(Fixture,
                 "a pod in an injected namespace gets istio-proxy from the ConfigMap's values") {
  server.seed(injector(kyma_values()));
  json p = create(pod("p", "mesh", {{"app", "shop"}, {"version", "v2"}}));
  CHECK(containers(p) == std::vector<std::string>{"app", "istio-proxy"});
  json c = proxy(p);
  CHECK(c["image"] ==
        "europe-docker.pkg.dev/kyma-project/prod/external/istio/proxyv2:1.23.2-distroless");
  CHECK(c["resources"]["requests"]["cpu"] == "10m");
  CHECK(c["resources"]["limits"]["memory"] == "1024Mi");
  CHECK(p["spec"]["initContainers"][0]["name"] == "istio-validation");  // CNI enabled
  json status =
      json::parse(p["metadata"]["annotations"]["sidecar.istio.io/status"].get<std::string>());
  CHECK(status["containers"] == json::array({"istio-proxy"}));
  CHECK(status["initContainers"] == json::array({"istio-validation"}));
  CHECK(status["revision"] == "default");
  CHECK(status["volumes"].size() == p["spec"]["volumes"].size());
  CHECK(p["metadata"]["labels"]["security.istio.io/tlsMode"] == "istio");
  CHECK(p["metadata"]["labels"]["service.istio.io/canonical-name"] == "shop");
  CHECK(p["metadata"]["labels"]["service.istio.io/canonical-revision"] == "v2");
  // The stored pod is the injected one.
  CHECK(containers(server.get("v1", "Pod", "mesh", "p").value()) ==
        std::vector<std::string>{"app", "istio-proxy"});
}

TEST_CASE_METHOD(Fixture,
                 "an image with a registry path is used as is, and no CNI means istio-init") {
  json values = kyma_values();
  values["global"]["proxy"]["image"] = "registry.example.com/custom/proxy:9.9";
  values["istio_cni"]["enabled"] = false;
  server.seed(injector(values));
  json p = create(pod("p", "mesh"));
  CHECK(proxy(p)["image"] == "registry.example.com/custom/proxy:9.9");
  CHECK(p["spec"]["initContainers"][0]["name"] == "istio-init");
}

TEST_CASE_METHOD(Fixture, "resource annotations on the pod override the values") {
  server.seed(injector(kyma_values()));
  json p = create(
      pod("p", "mesh", {},
          {{"sidecar.istio.io/proxyCPU", "50m"}, {"sidecar.istio.io/proxyMemoryLimit", "512Mi"}}));
  json resources = proxy(p)["resources"];
  CHECK(resources["requests"]["cpu"] == "50m");
  CHECK(resources["limits"]["memory"] == "512Mi");
  CHECK(resources["requests"]["memory"] == "512Mi");  // a limit alone sets the request too
  CHECK_FALSE(resources["limits"].contains("cpu"));
}

TEST_CASE_METHOD(Fixture, "pods opting out, and namespaces not labelled, get no sidecar") {
  server.seed(injector(kyma_values()));
  CHECK(containers(create(pod("by-label", "mesh", {{"sidecar.istio.io/inject", "false"}}))) ==
        std::vector<std::string>{"app"});
  CHECK(containers(
            create(pod("by-annotation", "mesh", {}, {{"sidecar.istio.io/inject", "false"}}))) ==
        std::vector<std::string>{"app"});
  CHECK(containers(create(pod("elsewhere", "plain"))) == std::vector<std::string>{"app"});
}

TEST_CASE_METHOD(Fixture,
                 "pods of a Deployment are injected, and a restart picks up a new proxy image") {
  server.seed(injector(kyma_values("1.22.3-distroless")));
  api.post("/apis/apps/v1/namespaces/mesh/deployments", deployment("web", "mesh", 2));
  auto pods = server.list("v1", "Pod", "mesh");
  REQUIRE(pods.size() == 2);
  for (const auto& p : pods)
    CHECK(proxy(p)["image"].get<std::string>().find(":1.22.3-distroless") != std::string::npos);

  server.seed(injector(kyma_values("1.23.2-distroless")));  // the upgrade
  api.patch(
      "/apis/apps/v1/namespaces/mesh/deployments/web",
      R"({"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"now"}}}}})",
      "application/strategic-merge-patch+json");
  pods = server.list("v1", "Pod", "mesh");
  REQUIRE(pods.size() == 2);
  for (const auto& p : pods)
    CHECK(proxy(p)["image"].get<std::string>().find(":1.23.2-distroless") != std::string::npos);
}
