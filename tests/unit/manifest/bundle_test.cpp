// Loading a bundle: compiled and YAML forms agree, INDEX.tsv is enforced, and whatever is
// missing is named.
#include <catch2/catch.hpp>

#include <fstream>

#include "core/manifest/bundle.hpp"
#include "core/manifest/compiled_yaml.hpp"
#include "core/ui/error.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_paths.hpp"
#include "tests/unit/manifest/render_fixture.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using kyma::Error;
using kyma::istio::Profile;
using kyma::manifest::load_bundle;
using kyma::test::TempDir;

namespace {

// A copy of one version of the compiled bundle that a test may break.
fs::path copy_version(const TempDir& tmp, const std::string& version) {
  fs::copy(kyma::test::compiled_bundle_root() / version, tmp.path() / version,
           fs::copy_options::recursive);
  for (const auto& entry : fs::recursive_directory_iterator(tmp.path())) {
    fs::permissions(entry.path(), fs::perms::owner_write, fs::perm_options::add);
  }
  return tmp.path();
}

void replace_in_file(const fs::path& file, const std::string& from, const std::string& to) {
  std::string text = kyma::manifest::read_text_file(file);
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  std::ofstream(file, std::ios::trunc) << text;
}

}  // namespace

TEST_CASE("the compiled bundle holds exactly what parsing its YAML gives") {
  for (Profile profile : {Profile::kProduction, Profile::kEvaluation}) {
    auto compiled = load_bundle(kyma::test::compiled_bundle_root(), "1.23.2", profile);
    auto parsed = load_bundle(kyma::test::bundle_dir(), "1.23.2", profile);
    CHECK(compiled.all_compiled);
    CHECK_FALSE(parsed.all_compiled);  // the source folder has no compiled forms
    CHECK(compiled.files == parsed.files);
    CHECK(compiled.helm_values == parsed.helm_values);
    CHECK(compiled.priority_class == parsed.priority_class);
    CHECK(compiled.profile_iop == parsed.profile_iop);
  }
}

TEST_CASE("object counts follow INDEX.tsv for both versions and profiles") {
  for (const char* version : {"1.23.2", "1.22.3"}) {
    auto production =
        load_bundle(kyma::test::compiled_bundle_root(), version, Profile::kProduction);
    CHECK(production.objects("base").size() == 15);
    CHECK(production.objects("pilot").size() == 17);
    CHECK(production.objects("ingressgateway").size() == 7);
    CHECK(production.objects("egressgateway").size() == 7);
    CHECK(production.objects("cni").size() == 7);
    CHECK(production.objects("tag-webhooks").size() == 2);
    auto evaluation =
        load_bundle(kyma::test::compiled_bundle_root(), version, Profile::kEvaluation);
    CHECK(evaluation.objects("pilot").size() == 16);
    CHECK(evaluation.objects("ingressgateway").size() == 6);
    CHECK(evaluation.dir.filename() == "evaluation");
  }
}

TEST_CASE("a missing version, folder or file is named in the error") {
  TempDir tmp;
  auto root = copy_version(tmp, "1.23.2");
  CHECK_THROWS_WITH(load_bundle(root, "1.99.0", Profile::kProduction),
                    Contains((root / "1.99.0").string()) && Contains("missing"));

  fs::remove(root / "1.23.2" / "rendered" / "evaluation" / "cni.yaml");
  CHECK_THROWS_WITH(
      load_bundle(root, "1.23.2", Profile::kEvaluation),
      Contains((root / "1.23.2/rendered/evaluation/cni.yaml").string()) && Contains("missing"));
  fs::remove(root / "1.23.2" / "rendered" / "values" / "production.yaml");
  CHECK_THROWS_WITH(load_bundle(root, "1.23.2", Profile::kProduction),
                    Contains("values/production.yaml") && Contains("missing"));
  fs::remove_all(root / "1.23.2" / "rendered" / "evaluation");
  CHECK_THROWS_WITH(load_bundle(root, "1.23.2", Profile::kEvaluation),
                    Contains("rendered/evaluation: missing"));
}

TEST_CASE("a bundle that disagrees with its INDEX.tsv is refused") {
  TempDir tmp;
  auto root = copy_version(tmp, "1.23.2");
  const auto index = root / "1.23.2" / "rendered" / "INDEX.tsv";
  SECTION("another name") {
    replace_in_file(index, "istio-system\tistiod\t5593", "istio-system\tistiod-x\t5593");
    CHECK_THROWS_WITH(load_bundle(root, "1.23.2", Profile::kProduction),
                      Contains("pilot.yaml: object 14 is Deployment istio-system/istiod") &&
                          Contains("INDEX.tsv says Deployment istio-system/istiod-x"));
  }
  SECTION("a missing row") {
    replace_in_file(index, "cni\tServiceAccount\tv1\tistio-system\tistio-cni\t302\n", "");
    CHECK_THROWS_WITH(load_bundle(root, "1.23.2", Profile::kProduction),
                      Contains("INDEX.tsv lists 6 objects for cni but cni.yaml holds 7"));
  }
}

TEST_CASE("a compiled file made from other YAML is ignored: the YAML is parsed") {
  TempDir tmp;
  auto root = copy_version(tmp, "1.23.2");
  const auto pilot = root / "1.23.2" / "rendered" / "pilot.yaml";
  replace_in_file(pilot, "keepaliveMaxServerConnectionAge\n          - \"30m\"",
                  "keepaliveMaxServerConnectionAge\n          - \"45m\"");
  auto bundle = load_bundle(root, "1.23.2", Profile::kProduction);
  CHECK_FALSE(bundle.all_compiled);
  const auto& istiod = bundle.objects("pilot")[13];
  REQUIRE(istiod["kind"] == "Deployment");
  CHECK(istiod["spec"]["template"]["spec"]["containers"][0]["args"][6] == "45m");
}

TEST_CASE("a broken compiled file is reported, not silently used") {
  TempDir tmp;
  auto root = copy_version(tmp, "1.23.2");
  std::ofstream(root / "1.23.2" / "rendered" / "cni.json", std::ios::trunc) << "{not json";
  CHECK_THROWS_WITH(load_bundle(root, "1.23.2", Profile::kProduction),
                    Contains("cni.json: not a compiled bundle file"));
}

TEST_CASE("read_yaml_document: one document, compiled or parsed, and more than one is refused") {
  using kyma::manifest::compile_yaml;
  using kyma::manifest::compiled_path_for;
  using kyma::manifest::read_yaml_document;
  TempDir tmp;
  auto one = tmp.write("one.yaml", "a: 1\n");
  CHECK(read_yaml_document(one) == nlohmann::json{{"a", 1}});
  auto empty = tmp.write("empty.yaml", "# nothing\n");
  CHECK(read_yaml_document(empty).is_null());
  const std::string two_docs = "a: 1\n---\nb: 2\n";
  auto two = tmp.write("two.yaml", two_docs);
  std::ofstream(compiled_path_for(two)) << compile_yaml(two_docs, "two").dump();
  CHECK_THROWS_WITH(read_yaml_document(two), Contains("two.yaml"));
  CHECK_THROWS_WITH(read_yaml_document(tmp.path() / "none.yaml"),
                    Contains("none.yaml: cannot be read"));
}
