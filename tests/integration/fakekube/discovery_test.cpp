// Discovery, version and OpenAPI documents, and how a CRD changes them.
#include <catch2/catch.hpp>

#include "tests/integration/fakekube/api_client.hpp"

using fakekube::Server;
using fakekube::test::ApiClient;
using nlohmann::json;

namespace {

json find_resource(const json& list, const std::string& name) {
  for (const auto& r : list["resources"])
    if (r["name"] == name) return r;
  return nullptr;
}

json widget_crd(const json& versions) {
  return {
      {"apiVersion", "apiextensions.k8s.io/v1"},
      {"kind", "CustomResourceDefinition"},
      {"metadata", {{"name", "widgets.example.com"}}},
      {"spec",
       {{"group", "example.com"},
        {"scope", "Namespaced"},
        {"names", {{"plural", "widgets"}, {"kind", "Widget"}, {"shortNames", json::array({"wd"})}}},
        {"versions", versions}}}};
}

json version(const std::string& name, bool storage) {
  return {{"name", name},
          {"served", true},
          {"storage", storage},
          {"schema",
           {{"openAPIV3Schema",
             {{"type", "object"}, {"x-kubernetes-preserve-unknown-fields", true}}}}}};
}

}  // namespace

TEST_CASE("/version reports the configured Kubernetes version") {
  fakekube::ServerOptions options;
  options.kubernetes_version = "v1.31.2";
  Server server(options);
  server.start();
  ApiClient api(server);
  json v = api.get("/version").json();
  CHECK(v["gitVersion"] == "v1.31.2");
  CHECK(v["major"] == "1");
  CHECK(v["minor"] == "31");
}

TEST_CASE("legacy discovery lists the built-in kinds with kubectl's short names and verbs") {
  Server server;
  server.start();
  ApiClient api(server);
  json core = api.get("/api").json();
  CHECK(core["kind"] == "APIVersions");
  CHECK(core["versions"] == json::array({"v1"}));

  json v1 = api.get("/api/v1").json();
  CHECK(v1["kind"] == "APIResourceList");
  CHECK(v1["groupVersion"] == "v1");
  json pods = find_resource(v1, "pods");
  REQUIRE(pods.is_object());
  CHECK(pods["kind"] == "Pod");
  CHECK(pods["namespaced"] == true);
  CHECK(pods["shortNames"] == json::array({"po"}));
  CHECK(pods["categories"] == json::array({"all"}));
  CHECK(pods["verbs"].size() == 8);
  CHECK(find_resource(v1, "pods/status").is_object());
  CHECK(find_resource(v1, "namespaces")["namespaced"] == false);
  CHECK(find_resource(v1, "configmaps")["shortNames"] == json::array({"cm"}));
  CHECK(find_resource(v1, "nodes")["shortNames"] == json::array({"no"}));

  json groups = api.get("/apis").json();
  CHECK(groups["kind"] == "APIGroupList");
  std::set<std::string> names;
  for (const auto& g : groups["groups"]) names.insert(g["name"].get<std::string>());
  for (const char* g :
       {"apps", "batch", "rbac.authorization.k8s.io", "admissionregistration.k8s.io",
        "apiextensions.k8s.io", "policy", "autoscaling", "scheduling.k8s.io", "networking.k8s.io",
        "authorization.k8s.io"})
    CHECK(names.count(g) == 1);

  json apps = api.get("/apis/apps/v1").json();
  CHECK(find_resource(apps, "deployments")["shortNames"] == json::array({"deploy"}));
  CHECK(find_resource(apps, "deployments/scale")["kind"] == "Scale");
  CHECK(find_resource(apps, "statefulsets")["shortNames"] == json::array({"sts"}));
  CHECK(find_resource(api.get("/apis/autoscaling/v2").json(),
                      "horizontalpodautoscalers")["shortNames"] == json::array({"hpa"}));
  CHECK(find_resource(api.get("/apis/authorization.k8s.io/v1").json(),
                      "selfsubjectaccessreviews")["verbs"] == json::array({"create"}));
  CHECK(api.get("/apis/apps").json()["preferredVersion"]["groupVersion"] == "apps/v1");
  CHECK(api.get("/apis/nothing.example.com/v1").status == 404);
}

TEST_CASE("aggregated discovery is served when asked for") {
  Server server;
  server.start();
  ApiClient api(server);
  httplib::Headers accept{{"Accept",
                           "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
                           "application/json"}};
  auto reply = api.get("/apis", accept);
  CHECK(reply.header("Content-Type") ==
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
  json list = reply.json();
  CHECK(list["kind"] == "APIGroupDiscoveryList");
  bool found = false;
  for (const auto& group : list["items"]) {
    if (group["metadata"]["name"] != "apps") continue;
    for (const auto& r : group["versions"][0]["resources"]) {
      if (r["resource"] != "deployments") continue;
      found = true;
      CHECK(r["scope"] == "Namespaced");
      CHECK(r["responseKind"]["kind"] == "Deployment");
      CHECK(r["subresources"].size() == 2);
    }
  }
  CHECK(found);
  json core = api.get("/api", accept).json();
  REQUIRE(core["items"].size() == 1);
  CHECK(core["items"][0]["metadata"]["name"] == "");
}

TEST_CASE("a CRD is served at every served version at once, and goes away with the CRD") {
  Server server;
  server.start();
  ApiClient api(server);
  server.seed(widget_crd(json::array({version("v1", true), version("v1beta1", false)})));
  json group = api.get("/apis/example.com").json();
  CHECK(group["preferredVersion"]["version"] == "v1");
  CHECK(group["versions"].size() == 2);
  json resources = api.get("/apis/example.com/v1beta1").json();
  CHECK(find_resource(resources, "widgets")["shortNames"] == json::array({"wd"}));

  auto crd =
      server.get("apiextensions.k8s.io/v1", "CustomResourceDefinition", "", "widgets.example.com");
  REQUIRE(crd);
  json conditions = (*crd)["status"]["conditions"];
  std::map<std::string, std::string> by_type;
  for (const auto& c : conditions) by_type[c["type"]] = c["status"];
  CHECK(by_type["Established"] == "True");
  CHECK(by_type["NamesAccepted"] == "True");
  CHECK((*crd)["status"]["acceptedNames"]["kind"] == "Widget");
  CHECK((*crd)["status"]["storedVersions"] == json::array({"v1"}));

  // An object written at one version is read at the other.
  api.post("/apis/example.com/v1beta1/namespaces/default/widgets",
           {{"apiVersion", "example.com/v1beta1"},
            {"kind", "Widget"},
            {"metadata", {{"name", "w"}}},
            {"spec", {{"size", 1}}}});
  CHECK(api.get("/apis/example.com/v1/namespaces/default/widgets/w").json()["apiVersion"] ==
        "example.com/v1");
  CHECK(api.get("/apis/example.com/v1beta1/namespaces/default/widgets/w").json()["apiVersion"] ==
        "example.com/v1beta1");

  CHECK(api.del("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com")
            .status == 200);
  CHECK(api.get("/apis/example.com/v1").status == 404);
  CHECK(api.get("/apis/example.com/v1/namespaces/default/widgets/w").status == 404);
  CHECK_FALSE(server.get("example.com/v1", "Widget", "default", "w"));
  // Created again, the kind starts empty.
  server.seed(widget_crd(json::array({version("v1", true)})));
  CHECK(api.get("/apis/example.com/v1/namespaces/default/widgets").json()["items"].empty());
}

TEST_CASE("an invalid CRD is rejected with 422") {
  Server server;
  server.start();
  ApiClient api(server);
  json crd = widget_crd(json::array({version("v1", false)}));
  crd["metadata"]["name"] = "gadgets.example.com";
  auto reply = api.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd);
  CHECK(reply.status == 422);
  std::string message = reply.json()["message"];
  CHECK(message.find("must be spec.names.plural+\".\"+spec.group") != std::string::npos);
  CHECK(message.find("must have exactly one version marked as storage version") !=
        std::string::npos);
}

TEST_CASE("OpenAPI v3 tells kubectl that the server validates fields") {
  Server server;
  server.start();
  ApiClient api(server);
  json index = api.get("/openapi/v3").json();
  REQUIRE(index["paths"].contains("apis/apps/v1"));
  std::string url = index["paths"]["apis/apps/v1"]["serverRelativeURL"];
  CHECK(url.rfind("/openapi/v3/apis/apps/v1?hash=", 0) == 0);
  json doc = api.get(url).json();
  json patch = doc["paths"]["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]["patch"];
  CHECK(patch["x-kubernetes-group-version-kind"]["kind"] == "Deployment");
  bool field_validation = false;
  for (const auto& p : patch["parameters"])
    if (p["name"] == "fieldValidation" && p["in"] == "query") field_validation = true;
  CHECK(field_validation);
  CHECK(api.get("/openapi/v2").status == 404);
}

TEST_CASE("OpenAPI v3 describes create-only kinds too, so kubectl need not fall back to v2") {
  Server server;
  server.start();
  ApiClient api(server);
  json index = api.get("/openapi/v3").json();
  REQUIRE(index["paths"].contains("apis/authorization.k8s.io/v1"));
  json doc = api.get(index["paths"]["apis/authorization.k8s.io/v1"]["serverRelativeURL"]).json();
  bool announced = false;
  for (const auto& [path, item] : doc["paths"].items()) {
    const json& patch = item["patch"];
    if (!patch.is_object() ||
        patch["x-kubernetes-group-version-kind"]["kind"] != "SelfSubjectAccessReview")
      continue;
    for (const auto& p : patch["parameters"])
      if (p["name"] == "fieldValidation" && p["in"] == "query") announced = true;
  }
  CHECK(announced);
  // The verb itself is still not served.
  CHECK(api.patch("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews/x", "{}",
                  "application/merge-patch+json")
            .status == 405);
}
