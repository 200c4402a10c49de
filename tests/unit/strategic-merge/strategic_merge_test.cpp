#include <catch2/catch.hpp>

#include "core/kube/strategic_merge.hpp"
#include "core/ui/error.hpp"

using kyma::kube::ListStrategy;
using kyma::kube::MergeSchema;
using kyma::kube::strategic_merge;
using nlohmann::json;

namespace {

json deployment() {
  return json::parse(R"({
    "apiVersion": "apps/v1", "kind": "Deployment",
    "metadata": {"name": "istiod", "labels": {"app": "istiod"}, "finalizers": ["a"]},
    "spec": {"replicas": 1, "template": {"metadata": {"annotations": {"x": "1"}}, "spec": {
      "containers": [
        {"name": "discovery", "image": "pilot:1", "args": ["a", "b"],
         "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
         "ports": [{"containerPort": 8080}, {"containerPort": 15010}],
         "resources": {"requests": {"cpu": "100m", "memory": "512Mi"}}},
        {"name": "other", "image": "other:1"}],
      "tolerations": [{"key": "t1"}],
      "volumes": [{"name": "v1", "emptyDir": {}}]}}}})");
}

}  // namespace

TEST_CASE("containers merge by name, env by name, other lists are replaced") {
  json patch = json::parse(R"({"spec": {"template": {"spec": {
    "containers": [{"name": "discovery", "env": [{"name": "B", "value": "20"},
                                                 {"name": "C", "value": "3"}],
                    "args": ["z"], "resources": {"limits": {"cpu": "4"}}}],
    "tolerations": [{"key": "t2"}]}}}})");
  json out = strategic_merge(deployment(), patch, "Deployment");
  const json& c = out["spec"]["template"]["spec"]["containers"];
  REQUIRE(c.size() == 2);
  CHECK(c[0]["image"] == "pilot:1");
  CHECK(c[0]["args"] == json::array({"z"}));
  CHECK(c[0]["env"] == json::parse(R"([{"name":"A","value":"1"},{"name":"B","value":"20"},
                                        {"name":"C","value":"3"}])"));
  CHECK(c[0]["resources"] == json::parse(R"({"requests":{"cpu":"100m","memory":"512Mi"},
                                              "limits":{"cpu":"4"}})"));
  CHECK(c[1] == deployment()["spec"]["template"]["spec"]["containers"][1]);
  CHECK(out["spec"]["template"]["spec"]["tolerations"] == json::parse(R"([{"key":"t2"}])"));
}

TEST_CASE("null deletes a key, and unknown list items are appended") {
  json patch = json::parse(R"({"metadata": {"labels": {"app": null, "new": "x"}},
    "spec": {"template": {"spec": {"containers": [{"name": "sidecar", "image": "s:1"}],
                                   "volumes": [{"name": "v2", "secret": {"secretName": "s"}}]}}}})");
  json out = strategic_merge(deployment(), patch, "Deployment");
  CHECK(out["metadata"]["labels"] == json{{"new", "x"}});
  auto& c = out["spec"]["template"]["spec"]["containers"];
  REQUIRE(c.size() == 3);
  CHECK(c[2]["name"] == "sidecar");
  CHECK(out["spec"]["template"]["spec"]["volumes"].size() == 2);
}

TEST_CASE("directives: delete an item, replace a list or a map, retain keys, order") {
  json del = json::parse(R"({"spec":{"template":{"spec":{"containers":[
    {"name":"other","$patch":"delete"}]}}}})");
  CHECK(strategic_merge(deployment(), del, "Deployment")["spec"]["template"]["spec"]["containers"]
            .size() == 1);

  json replace_list = json::parse(R"({"spec":{"template":{"spec":{"containers":[
    {"$patch":"replace"},{"name":"only","image":"o:1"}]}}}})");
  auto replaced = strategic_merge(deployment(), replace_list, "Deployment");
  CHECK(replaced["spec"]["template"]["spec"]["containers"] ==
        json::parse(R"([{"name":"only","image":"o:1"}])"));

  json replace_map = json::parse(R"({"metadata":{"labels":{"$patch":"replace","k":"v"}}})");
  CHECK(strategic_merge(deployment(), replace_map, "Deployment")["metadata"]["labels"] ==
        json{{"k", "v"}});

  json strategy = json::parse(R"({"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}})");
  json original = {{"kind", "Deployment"}, {"spec", {{"strategy", strategy}}}};
  json retain = json::parse(R"({"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}})");
  CHECK(strategic_merge(original, retain, "Deployment")["spec"]["strategy"] ==
        json{{"type", "Recreate"}});

  json order = json::parse(R"({"spec":{"template":{"spec":{
    "$setElementOrder/containers":[{"name":"other"},{"name":"discovery"}],
    "containers":[{"name":"discovery","image":"pilot:2"}]}}}})");
  auto ordered = strategic_merge(deployment(), order, "Deployment");
  CHECK(ordered["spec"]["template"]["spec"]["containers"][0]["name"] == "other");
  CHECK(ordered["spec"]["template"]["spec"]["containers"][1]["image"] == "pilot:2");

  json finalizers = json::parse(R"({"metadata":{"finalizers":["b","a"],
    "$deleteFromPrimitiveList/finalizers":["a"]}})");
  CHECK(strategic_merge(deployment(), finalizers, "Deployment")["metadata"]["finalizers"] ==
        json::array({"b"}));
}

TEST_CASE("malformed patches name the field") {
  json no_key = json::parse(R"({"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}})");
  CHECK_THROWS_WITH(
      strategic_merge(deployment(), no_key, "Deployment"),
      Catch::Contains("spec.template.spec.containers") && Catch::Contains("\"name\""));
  json bad = json::parse(R"({"metadata":{"$patch":"explode"}})");
  CHECK_THROWS_WITH(strategic_merge(deployment(), bad, "Deployment"),
                    Catch::Contains("metadata") && Catch::Contains("explode"));
  CHECK_THROWS_AS(strategic_merge(deployment(), json::array(), "Deployment"), kyma::Error);
}

TEST_CASE("service ports merge by port, and custom resources replace their lists") {
  json svc = json::parse(R"({"kind":"Service","spec":{"ports":[{"port":80,"name":"http"},
    {"port":443,"name":"https"}]}})");
  json patch = json::parse(R"({"spec":{"ports":[{"port":443,"targetPort":8443}]}})");
  auto out = strategic_merge(svc, patch, "Service");
  CHECK(out["spec"]["ports"][1] == json::parse(R"({"port":443,"name":"https","targetPort":8443})"));

  CHECK(MergeSchema::supports("Deployment"));
  CHECK_FALSE(MergeSchema::supports("VirtualService"));
  json vs = json::parse(R"({"kind":"VirtualService","spec":{"hosts":["a","b"]},
    "metadata":{"finalizers":["x"]}})");
  json vs_patch = json::parse(R"({"spec":{"hosts":["c"]},"metadata":{"finalizers":["y"]}})");
  auto merged = strategic_merge(vs, vs_patch, "VirtualService");
  CHECK(merged["spec"]["hosts"] == json::array({"c"}));
  CHECK(merged["metadata"]["finalizers"] == json::array({"x", "y"}));

  auto schema = MergeSchema::for_kind("Pod").field("spec");
  CHECK(schema.list_strategy("containers") == ListStrategy::kMergeByKey);
  CHECK(schema.merge_key("containers") == "name");
  CHECK(schema.field("containers").merge_key("ports") == "containerPort");
  CHECK(schema.list_strategy("tolerations") == ListStrategy::kReplace);
}
