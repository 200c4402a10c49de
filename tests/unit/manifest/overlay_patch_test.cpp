// istioctl's k8s.overlays path patches.
#include <catch2/catch.hpp>

#include "core/manifest/overlay_patch.hpp"
#include "core/ui/error.hpp"

using kyma::Error;
using kyma::manifest::apply_overlay_patch;
using kyma::manifest::apply_overlays;
using kyma::manifest::parse_overlay_path;
using Type = kyma::manifest::OverlayPathElement::Type;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

json deployment() {
  return json::parse(R"({
    "kind": "Deployment",
    "metadata": {"name": "istiod", "namespace": "istio-system", "labels": {"app": "istiod"}},
    "spec": {"template": {"spec": {"containers": [
      {"name": "discovery", "args": ["discovery", "--keepalive", "30m"],
       "ports": [{"containerPort": 8080}, {"containerPort": 15010}],
       "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]},
      {"name": "sidecar", "image": "x"}]}}}})");
}

}  // namespace

TEST_CASE("overlay paths parse keys, indexes, key:value and value selectors") {
  auto path = parse_overlay_path(
      "spec.template.metadata.labels.kyma-project\\.io/module.[0].[name:a\\:b].[30m].");
  REQUIRE(path.size() == 8);
  CHECK(path[4].type == Type::kKey);
  CHECK(path[4].key == "kyma-project.io/module");
  CHECK(path[5].type == Type::kIndex);
  CHECK(path[5].index == 0);
  CHECK(path[6].type == Type::kKeyValue);
  CHECK(path[6].key == "name");
  CHECK(path[6].value == "a:b");
  CHECK(path[7].type == Type::kValueMatch);
  CHECK(path[7].value == "30m");
  auto attached = parse_overlay_path("spec.containers[0].name");
  REQUIRE(attached.size() == 4);
  CHECK(attached[2].type == Type::kIndex);
  CHECK_THROWS_WITH(parse_overlay_path("a.[x:y:z]"), Contains("more than one ':'"));
  CHECK_THROWS_WITH(parse_overlay_path(""), Contains("empty"));
}

TEST_CASE("a value replaces the selection and only the selected field changes") {
  json object = deployment();
  json expected = object;
  apply_overlay_patch(object, "spec.template.spec.containers.[name:discovery].args.[30m]", "60m");
  expected["spec"]["template"]["spec"]["containers"][0]["args"][2] = "60m";
  CHECK(object == expected);

  apply_overlay_patch(
      object,
      "spec.template.spec.containers.[name:discovery].ports.[containerPort:8080].containerPort",
      1234);
  expected["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"] = 1234;
  CHECK(object == expected);

  apply_overlay_patch(object, "spec.template.spec.containers.[1].image", "y");
  expected["spec"]["template"]["spec"]["containers"][1]["image"] = "y";
  CHECK(object == expected);
}

TEST_CASE("missing map keys are created and escaped dots stay in the key") {
  json object = deployment();
  apply_overlay_patch(object, "spec.template.metadata.labels.kyma-project\\.io/module", "istio");
  CHECK(object["spec"]["template"]["metadata"]["labels"] ==
        json{{"kyma-project.io/module", "istio"}});
  apply_overlay_patch(object, "spec.externalTrafficPolicy", "Local");
  CHECK(object["spec"]["externalTrafficPolicy"] == "Local");
  apply_overlay_patch(object, "spec.template.spec.topologySpreadConstraints",
                      json::array({{{"maxSkew", 1}}}));
  CHECK(object["spec"]["template"]["spec"]["topologySpreadConstraints"][0]["maxSkew"] == 1);
}

TEST_CASE("null deletes a key or a list item and a value on a list appends") {
  json object = deployment();
  apply_overlay_patch(object, "spec.template.spec.containers.[name:discovery].env.[name:A]",
                      nullptr);
  CHECK(object["spec"]["template"]["spec"]["containers"][0]["env"] ==
        json::array({{{"name", "B"}, {"value", "2"}}}));
  apply_overlay_patch(object, "metadata.labels.app", nullptr);
  CHECK(object["metadata"]["labels"] == json::object());
  apply_overlay_patch(object, "spec.template.spec.containers.[name:discovery].args", "--x");
  CHECK(object["spec"]["template"]["spec"]["containers"][0]["args"].back() == "--x");
  apply_overlay_patch(object, "spec.template.spec.containers.[name:discovery].args.[--kee]",
                      nullptr);
  CHECK(object["spec"]["template"]["spec"]["containers"][0]["args"] ==
        json::array({"discovery", "30m", "--x"}));
}

TEST_CASE("value selectors are Go regexps, matched unanchored") {
  json object = deployment();
  auto args = [&] { return object["spec"]["template"]["spec"]["containers"][0]["args"]; };
  apply_overlay_patch(object, "spec.template.spec.containers.[name:discovery].args.[(?P<v>30m)\\z]",
                      nullptr);
  CHECK(args() == json::array({"discovery", "--keepalive"}));
  apply_overlay_patch(object, "spec.template.spec.containers.[name:discovery].args.[cover]",
                      "disc");
  CHECK(args() == json::array({"disc", "--keepalive"}));
  CHECK_THROWS_WITH(
      apply_overlay_patch(object, "spec.template.spec.containers.[name:discovery].args.[d(?=i)]",
                          nullptr),
      Contains("[d(?=i)] is not a valid regular expression: error parsing regexp: invalid or "
               "unsupported Perl syntax: `(?=`"));
}

TEST_CASE("a string holding a YAML map is written as the map") {
  json object = deployment();
  apply_overlay_patch(object,
                      "spec.template.spec.containers.[name:discovery].env.[name:B].valueFrom",
                      "fieldRef:\n  fieldPath: metadata.name\n");
  CHECK(object["spec"]["template"]["spec"]["containers"][0]["env"][1]["valueFrom"] ==
        json{{"fieldRef", {{"fieldPath", "metadata.name"}}}});
}

TEST_CASE("paths that cannot be followed are errors naming the path") {
  json object = deployment();
  CHECK_THROWS_WITH(
      apply_overlay_patch(object, "spec.template.spec.containers.[name:nope].image", "x"),
      Contains("[name:nope]") && Contains("no list item matches"));
  CHECK_THROWS_WITH(apply_overlay_patch(object, "metadata.name.[0]", "x"), Contains("not a list"));
  CHECK_THROWS_WITH(apply_overlay_patch(object, "spec.template.spec.containers.image", "x"),
                    Contains("not a map"));
  CHECK_THROWS_WITH(apply_overlay_patch(object, "spec.x.[(]", "x"), Contains("no list item"));
}

TEST_CASE("each overlay must select exactly one object of the component") {
  std::vector<json> objects = {
      deployment(),
      {{"kind", "Service"}, {"metadata", {{"name", "istiod"}, {"namespace", "istio-system"}}}}};
  json overlays = json::parse(R"([{"kind": "Service", "name": "istiod",
      "patches": [{"path": "spec.externalTrafficPolicy", "value": "Local"},
                  {"path": " ", "value": "ignored"}]}])");
  auto before = objects[0];
  apply_overlays(objects, overlays, "istio-system", "spec.components.pilot.k8s.overlays");
  CHECK(objects[0] == before);
  CHECK(objects[1]["spec"]["externalTrafficPolicy"] == "Local");

  json missing = json::parse(R"([{"kind": "Service", "name": "other", "patches": []}])");
  CHECK_THROWS_WITH(
      apply_overlays(objects, missing, "istio-system", "spec.components.pilot.k8s.overlays"),
      Contains("spec.components.pilot.k8s.overlays[0]") && Contains("no Service named \"other\""));
  json other_ns = json::parse(R"([{"kind": "Service", "name": "istiod", "patches": []}])");
  CHECK_THROWS(apply_overlays(objects, other_ns, "elsewhere", "f"));
  json bad_patch = json::parse(
      R"([{"kind": "Deployment", "name": "istiod", "patches": [{"path": "a.[x]", "value": 1}]}])");
  CHECK_THROWS_WITH(apply_overlays(objects, bad_patch, "istio-system", "f"),
                    Contains("f[0].patches[0]"));
}
