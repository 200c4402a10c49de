// What the merge can change in the Helm values, and where it lands in the rendered objects:
// each change touches exactly the objects and fields of its row in the table, nothing else.
#include <catch2/catch.hpp>

#include "core/manifest/object_access.hpp"
#include "core/manifest/values_changes.hpp"
#include "core/manifest/yaml.hpp"
#include "core/ui/error.hpp"
#include "tests/unit/manifest/render_fixture.hpp"

using Catch::Matchers::Contains;
using kyma::istio::MergedConfig;
using kyma::istio::Profile;
using kyma::manifest::find_container;
using kyma::manifest::find_item;
using kyma::manifest::parse_yaml;
using kyma::test::changes_between;
using kyma::test::object_named;
using kyma::test::profile_config;
using kyma::test::render;
using nlohmann::json;
using Changes = std::map<std::string, std::set<std::string>>;

namespace {

const char* kMesh = "ConfigMap istio-system/istio";
const char* kInjector = "ConfigMap istio-system/istio-sidecar-injector";
const char* kIngress = "Deployment istio-system/istio-ingressgateway";

MergedConfig production() {
  return profile_config("1.23.2", Profile::kProduction);
}

Changes effect_of(const MergedConfig& changed) {
  auto base = render(profile_config(changed.istio_version, changed.profile));
  return changes_between(base, render(changed));
}

json mesh_of(const kyma::manifest::RenderedInstallation& rendered) {
  return parse_yaml(object_named(rendered, kMesh)["data"]["mesh"].get<std::string>(), "mesh");
}

json injector_values_of(const kyma::manifest::RenderedInstallation& rendered) {
  return json::parse(object_named(rendered, kInjector)["data"]["values"].get<std::string>());
}

json env_of(const kyma::manifest::RenderedInstallation& rendered, const std::string& workload,
            const std::string& container) {
  json object = object_named(rendered, workload);
  json* c = find_container(object, container);
  REQUIRE(c != nullptr);
  return (*c)["env"];
}

std::vector<std::string> env_names(const json& env) {
  std::vector<std::string> names;
  for (const auto& e : env) names.push_back(e["name"]);
  return names;
}

}  // namespace

TEST_CASE("the unchanged configuration re-emits nothing: mesh and injector values round-trip") {
  for (const char* version : {"1.23.2", "1.22.3"}) {
    for (Profile profile : {Profile::kProduction, Profile::kEvaluation}) {
      const auto& bundle = kyma::test::bundle(version, profile);
      auto rendered = render(profile_config(version, profile));
      for (const char* name : {"istio", "istio-sidecar-injector"}) {
        const json* source =
            kyma::manifest::find_object(bundle.objects("pilot"), "ConfigMap", name);
        REQUIRE(source != nullptr);
        CHECK(object_named(rendered, std::string("ConfigMap istio-system/") + name)["data"] ==
              (*source)["data"]);
      }
      // Re-emitting the embedded documents reproduces Helm's text (JSON) and content (YAML).
      const json* injector = kyma::manifest::find_object(bundle.objects("pilot"), "ConfigMap",
                                                         "istio-sidecar-injector");
      const std::string values = (*injector)["data"]["values"];
      CHECK(json::parse(values).dump(2) == values);
      const json* mesh = kyma::manifest::find_object(bundle.objects("pilot"), "ConfigMap", "istio");
      json parsed = parse_yaml((*mesh)["data"]["mesh"].get<std::string>(), "mesh");
      CHECK(parse_yaml(kyma::manifest::to_yaml(parsed), "again") == parsed);
    }
  }
}

TEST_CASE("numTrustedProxies changes only the mesh config") {
  auto config = production();
  config.iop["spec"]["meshConfig"]["defaultConfig"]["gatewayTopology"]["numTrustedProxies"] = 2;
  CHECK(effect_of(config) == Changes{{kMesh, {"/data/mesh"}}});
  auto base_mesh = mesh_of(render(production()));
  auto mesh = mesh_of(render(config));
  CHECK(mesh["defaultConfig"]["gatewayTopology"]["numTrustedProxies"] == 2);
  mesh["defaultConfig"].erase("gatewayTopology");
  CHECK(mesh == base_mesh);  // discoveryAddress, rootNamespace and the rest are kept
}

TEST_CASE("authorizers append extension providers to the mesh config only") {
  auto config = production();
  config.iop["spec"]["meshConfig"]["extensionProviders"].push_back(
      {{"name", "ext-authz"},
       {"envoyExtAuthzHttp", {{"service", "authz.ns.svc.cluster.local"}, {"port", 8080}}}});
  CHECK(effect_of(config) == Changes{{kMesh, {"/data/mesh"}}});
  auto providers = mesh_of(render(config))["extensionProviders"];
  REQUIRE(providers.size() == 4);
  CHECK(providers[0]["name"] == "kyma-traces");
  CHECK(providers[3]["envoyExtAuthzHttp"]["port"] == 8080);
}

TEST_CASE("proxy resources change only the injector's values") {
  auto config = production();
  config.iop["spec"]["values"]["global"]["proxy"]["resources"]["limits"]["cpu"] = "500m";
  CHECK(effect_of(config) == Changes{{kInjector, {"/data/values"}}});
  auto values = injector_values_of(render(config));
  auto base = injector_values_of(render(production()));
  CHECK(values["global"]["proxy"]["resources"]["limits"]["cpu"] == "500m");
  values["global"]["proxy"]["resources"]["limits"]["cpu"] =
      base["global"]["proxy"]["resources"]["limits"]["cpu"];
  CHECK(values == base);
}

TEST_CASE("compatibility mode: istiod env, mesh proxyMetadata and the gateway's env") {
  auto config = production();
  config.iop["spec"]["components"]["pilot"]["k8s"]["env"].push_back(
      {{"name", "ENABLE_DELIMITED_STATS_TAG_REGEX"}, {"value", "false"}});
  auto& metadata = config.iop["spec"]["meshConfig"]["defaultConfig"]["proxyMetadata"];
  metadata["ENABLE_DEFERRED_CLUSTER_CREATION"] = "false";
  metadata["ENABLE_DELIMITED_STATS_TAG_REGEX"] = "false";
  auto effect = effect_of(config);
  REQUIRE(effect.size() == 3);
  CHECK(effect[kMesh] == std::set<std::string>{"/data/mesh"});
  for (const auto& path : effect["Deployment istio-system/istiod"]) {
    CHECK(path.rfind("/spec/template/spec/containers/0/env/", 0) == 0);
  }
  for (const auto& path : effect[kIngress]) {
    CHECK(path.rfind("/spec/template/spec/containers/0/env/", 0) == 0);
  }
  auto rendered = render(config);
  auto names = env_names(env_of(rendered, kIngress, "istio-proxy"));
  // Rendered as Helm's range over proxyMetadata renders them: one block, sorted by name.
  auto at = std::find(names.begin(), names.end(), "BOOTSTRAP_XDS_AGENT");
  REQUIRE(at != names.end());
  CHECK(std::vector<std::string>(at, at + 5) ==
        std::vector<std::string>{"BOOTSTRAP_XDS_AGENT", "CITADEL_SELF_SIGNED_CA_RSA_KEY_SIZE",
                                 "ENABLE_DEFERRED_CLUSTER_CREATION",
                                 "ENABLE_DELIMITED_STATS_TAG_REGEX", "WORKLOAD_RSA_KEY_SIZE"});
  CHECK(mesh_of(rendered)["defaultConfig"]["proxyMetadata"]["ENABLE_DEFERRED_CLUSTER_CREATION"] ==
        "false");
}

TEST_CASE("the trust domain reaches the mesh and the gateway's env") {
  auto config = production();
  config.iop["spec"]["meshConfig"]["trustDomain"] = "example.org";
  auto effect = effect_of(config);
  REQUIRE(effect.size() == 2);
  CHECK(effect.count(kMesh) == 1);
  auto env = env_of(render(config), kIngress, "istio-proxy");
  CHECK((*find_item(env, "name", "TRUST_DOMAIN"))["value"] == "example.org");
  CHECK((*find_item(env, "name", "ISTIO_META_MESH_ID"))["value"] == "example.org");
}

TEST_CASE("prometheusMerge adds the gateway's scrape annotations") {
  auto config = production();
  config.iop["spec"]["meshConfig"]["enablePrometheusMerge"] = true;
  auto effect = effect_of(config);
  CHECK(effect[kMesh] == std::set<std::string>{"/data/mesh"});
  CHECK(effect[kIngress] ==
        std::set<std::string>{"/spec/template/metadata/annotations/prometheus.io~1path",
                              "/spec/template/metadata/annotations/prometheus.io~1port",
                              "/spec/template/metadata/annotations/prometheus.io~1scrape"});
  CHECK(effect.size() == 2);
}

TEST_CASE("k3d's CNI folders change the DaemonSet's host paths and the CNI config") {
  auto config = production();
  config.iop["spec"]["values"]["cni"]["cniBinDir"] = "/bin";
  config.iop["spec"]["values"]["cni"]["cniConfDir"] = "/var/lib/rancher/k3s/agent/etc/cni/net.d";
  auto effect = effect_of(config);
  REQUIRE(effect.size() == 2);
  CHECK(effect["ConfigMap istio-system/istio-cni-config"] ==
        std::set<std::string>{"/data/CNI_NET_DIR"});
  CHECK(effect["DaemonSet istio-system/istio-cni-node"].size() == 2);
  auto rendered = render(config);
  json daemonset = object_named(rendered, "DaemonSet istio-system/istio-cni-node");
  auto& volumes = daemonset["spec"]["template"]["spec"]["volumes"];
  CHECK((*find_item(volumes, "name", "cni-bin-dir"))["hostPath"]["path"] == "/bin");
  CHECK((*find_item(volumes, "name", "cni-net-dir"))["hostPath"]["path"] ==
        "/var/lib/rancher/k3s/agent/etc/cni/net.d");
}

TEST_CASE("Istio 1.22's CNI config carries the bin folder in its network config") {
  auto config = profile_config("1.22.3", Profile::kProduction);
  config.iop["spec"]["values"]["cni"]["cniBinDir"] = "/bin";
  config.iop["spec"]["values"]["cni"]["cniConfDir"] = "/etc/k3s/net.d";
  auto rendered = render(config);
  auto network =
      object_named(rendered,
                   "ConfigMap istio-system/istio-cni-config")["data"]["cni_network_config"]
          .get<std::string>();
  CHECK(network.find("\"cni_bin_dir\": \"/bin\"") != std::string::npos);
  auto env = env_of(rendered, "DaemonSet istio-system/istio-cni-node", "install-cni");
  CHECK((*find_item(env, "name", "CNI_NET_DIR"))["value"] == "/etc/k3s/net.d");
}

TEST_CASE("GKE's resource quota adds a ResourceQuota to the Cni component") {
  auto config = production();
  config.iop["spec"]["values"]["cni"]["cniBinDir"] = "/home/kubernetes/bin";
  config.iop["spec"]["values"]["cni"]["resourceQuotas"]["enabled"] = true;
  auto effect = effect_of(config);
  CHECK(effect["ResourceQuota istio-system/istio-cni-resource-quota"] ==
        std::set<std::string>{"(added)"});
  CHECK(effect.size() == 2);  // and the DaemonSet's bin folder
  auto rendered = render(config);
  const json& quota = object_named(rendered, "ResourceQuota istio-system/istio-cni-resource-quota");
  CHECK(quota["spec"]["hard"]["pods"] == "5000");
  CHECK(quota["spec"]["scopeSelector"]["matchExpressions"][0]["values"][0] ==
        "system-node-critical");
  CHECK(quota["metadata"]["labels"]["operator.istio.io/component"] == "Cni");
}

TEST_CASE("pilot env values, gateway annotations and ipFamilyPolicy land on their objects") {
  auto config = production();
  config.iop["spec"]["values"]["pilot"]["env"]["ISTIO_DUAL_STACK"] = "true";
  config.iop["spec"]["values"]["pilot"]["ipFamilyPolicy"] = "RequireDualStack";
  auto& gateway = config.iop["spec"]["values"]["gateways"]["istio-ingressgateway"];
  gateway["serviceAnnotations"]["service.beta.kubernetes.io/aws-load-balancer-type"] = "nlb";
  gateway["serviceAnnotations"]["service.beta.kubernetes.io/aws-load-balancer-proxy-protocol"] =
      nullptr;
  gateway["ipFamilyPolicy"] = "RequireDualStack";
  gateway["podAnnotations"]["example.com/owner"] = "mesh";
  auto effect = effect_of(config);
  CHECK(effect.size() == 4);
  CHECK(effect[kIngress] ==
        std::set<std::string>{"/spec/template/metadata/annotations/example.com~1owner"});
  CHECK(effect["Service istio-system/istio-ingressgateway"] ==
        std::set<std::string>{
            "/metadata/annotations/service.beta.kubernetes.io~1aws-load-balancer-proxy-protocol",
            "/metadata/annotations/service.beta.kubernetes.io~1aws-load-balancer-type",
            "/spec/ipFamilyPolicy"});
  CHECK(effect["Service istio-system/istiod"] == std::set<std::string>{"/spec/ipFamilyPolicy"});
  auto env = env_of(render(config), "Deployment istio-system/istiod", "discovery");
  auto names = env_names(env);
  auto at = std::find(names.begin(), names.end(), "CITADEL_SELF_SIGNED_CA_RSA_KEY_SIZE");
  REQUIRE(at + 1 != names.end());
  CHECK(*(at + 1) == "ISTIO_DUAL_STACK");  // sorted into the values block
}

TEST_CASE("values the bundle cannot express are refused, naming the key") {
  auto config = production();
  config.iop["spec"]["hub"] = "registry.example.com/istio";
  CHECK_THROWS_WITH(render(config), Contains("values.global.hub") &&
                                        Contains("registry.example.com/istio") &&
                                        Contains("re-rendering"));
  config = production();
  config.iop["spec"]["values"]["global"]["logging"]["level"] = "all:debug";
  CHECK_THROWS_WITH(render(config), Contains("values.global.logging.level"));
}

TEST_CASE("values changes are found at the deepest differing key") {
  json rendered_with = {{"a", {{"b", 1}, {"c", {{"d", 2}}}}}, {"l", {1, 2}}};
  json wanted = {{"a", {{"b", 1}, {"c", {{"d", 3}, {"e", nullptr}}}, {"new", true}}},
                 {"l", {1, 2}},
                 {"gone", nullptr}};
  auto changes = kyma::manifest::values_changes(rendered_with, wanted);
  REQUIRE(changes.size() == 2);
  CHECK(changes[0].dotted() == "a.c.d");
  CHECK(*changes[0].value == 3);
  CHECK(changes[1].dotted() == "a.new");
  auto removed = kyma::manifest::values_changes(rendered_with, {{"a", {{"b", nullptr}}}});
  REQUIRE(removed.size() == 1);
  CHECK_FALSE(removed[0].value.has_value());
}
