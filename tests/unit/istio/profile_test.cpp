#include <catch2/catch.hpp>

#include <fstream>

#include "core/istio/profile.hpp"
#include "core/manifest/compiled_yaml.hpp"
#include "core/manifest/yaml.hpp"
#include "core/ui/error.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_paths.hpp"

using namespace kyma::istio;
using nlohmann::json;

namespace {
const char* kVersions[] = {"1.23.2", "1.22.3"};
}

TEST_CASE("profiles: both profiles of both Istio versions load with one hub and tag") {
  for (const char* version : kVersions) {
    INFO(version);
    json production = load_profile(kyma::test::bundle_dir(), version, Profile::kProduction);
    json evaluation = load_profile(kyma::test::bundle_dir(), version, Profile::kEvaluation);
    CHECK(production["kind"] == "IstioOperator");
    CHECK(production["spec"]["hub"] == evaluation["spec"]["hub"]);
    CHECK(production["spec"]["tag"] == evaluation["spec"]["tag"]);
    CHECK(production["spec"]["tag"] == std::string(version) + "-distroless");
    CHECK(target_version(production).core() == version);
    CHECK(target_version(production).pre_release == "distroless");
    // The evaluation profile is the light one.
    CHECK(evaluation["spec"]["components"]["pilot"]["k8s"]["hpaSpec"]["maxReplicas"] == 1);
    CHECK(production["spec"]["components"]["pilot"]["k8s"]["hpaSpec"]["maxReplicas"] ==
          production["spec"]["values"]["pilot"]["autoscaleMax"]);
    CHECK(profile_path(kyma::test::bundle_dir(), version, Profile::kEvaluation).filename() ==
          "istio-operator-light.yaml");
  }
}

TEST_CASE("profiles: chosen by cluster size unless forced") {
  ClusterSize small;
  small.evaluation = true;
  ClusterSize large;
  CHECK(choose_profile(small, std::nullopt) == Profile::kEvaluation);
  CHECK(choose_profile(large, std::nullopt) == Profile::kProduction);
  CHECK(choose_profile(small, Profile::kProduction) == Profile::kProduction);
  CHECK(choose_profile(large, Profile::kEvaluation) == Profile::kEvaluation);
  CHECK(parse_profile("production") == Profile::kProduction);
  CHECK(parse_profile("evaluation") == Profile::kEvaluation);
  CHECK_THROWS_AS(parse_profile("light"), kyma::UsageError);
  CHECK_THROWS_WITH(parse_profile("light"), "--profile light: must be production or evaluation");
  CHECK(std::string(profile_name(Profile::kEvaluation)) == "evaluation");
  CHECK(std::string(profile_name(Profile::kProduction)) == "production");
}

TEST_CASE("profiles: the target tag must be strict semver, in the operator's words") {
  CHECK_THROWS_WITH(target_version(json{{"spec", {{"tag", "fake"}}}}),
                    "Could not get Istio version from istio operator file: fake is not in "
                    "dotted-tri format");
  CHECK_THROWS_WITH(target_version(json{{"spec", json::object()}}),
                    "Could not get Istio version from istio operator file:  is not in dotted-tri "
                    "format");
  auto described = target_version_error("fake is not in dotted-tri format");
  CHECK(described.level == Level::kError);
  CHECK_FALSE(described.reason.has_value());
}

TEST_CASE("profiles: a missing or broken profile is named") {
  kyma::test::TempDir dir;
  CHECK_THROWS_WITH(load_profile(dir.path(), "1.23.2", Profile::kEvaluation),
                    Catch::Contains("the Istio 1.23.2 bundle has no evaluation profile") &&
                        Catch::Contains("istio-operator-light.yaml is missing"));
  dir.write("1.23.2/kyma/istio-operator.yaml", "kind: ConfigMap\n");
  CHECK_THROWS_WITH(load_profile(dir.path(), "1.23.2", Profile::kProduction),
                    Catch::EndsWith("istio-operator.yaml: not an IstioOperator with a spec"));
}

TEST_CASE("profiles: the build's compiled profiles are what their YAML says") {
  auto compiled_root = kyma::test::build_dir() / "lib" / "kubectl-kyma-istio" / "istio";
  for (const char* version : kVersions) {
    for (Profile profile : {Profile::kProduction, Profile::kEvaluation}) {
      INFO(version << " " << profile_name(profile));
      auto path = profile_path(compiled_root, version, profile);
      REQUIRE(std::filesystem::is_regular_file(kyma::manifest::compiled_path_for(path)));
      CHECK(load_profile(compiled_root, version, profile) ==
            load_profile(kyma::test::bundle_dir(), version, profile));
    }
  }
}

TEST_CASE("profiles: a current compiled profile is read instead of the YAML, a stale one is not") {
  const std::string yaml = "kind: IstioOperator\nspec: {tag: 1.0.0}\n";
  kyma::test::TempDir dir;
  auto file = dir.write("1.23.2/kyma/istio-operator.yaml", yaml);
  auto write_compiled = [&](const std::string& from_text) {
    auto compiled = kyma::manifest::compile_yaml(from_text, "profile");
    compiled["documents"][0]["spec"]["tag"] = "2.0.0";
    std::ofstream(kyma::manifest::compiled_path_for(file)) << compiled.dump();
  };
  auto tag = [&] {
    return load_profile(dir.path(), "1.23.2", Profile::kProduction)["spec"]["tag"];
  };
  CHECK(tag() == "1.0.0");
  write_compiled(yaml);
  CHECK(tag() == "2.0.0");
  write_compiled(yaml + "# edited since\n");
  CHECK(tag() == "1.0.0");
}
