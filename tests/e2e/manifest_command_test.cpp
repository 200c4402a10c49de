// `kubectl kyma-istio manifest` as a user runs it from the installed tree: offline, the whole
// stream on stdout, one-line errors with DESIGN.md's exit codes.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/manifest/yaml.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_paths.hpp"

namespace fs = std::filesystem;
using kyma::test::ProcessOptions;
using kyma::test::ProcessResult;
using kyma::test::run_process;
using kyma::test::TempDir;
using nlohmann::json;

namespace {

// The staged binary, with no cluster configured (manifest must not need one).
ProcessResult manifest(const std::vector<std::string>& args, const TempDir& home,
                       std::optional<std::string> stdin_data = std::nullopt) {
  std::vector<std::string> argv{(kyma::test::stage_dir() / "bin" / "kubectl-kyma_istio").string(),
                                "manifest"};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessOptions options;
  options.env["HOME"] = home.path().string();
  options.env["KUBECONFIG"] = (home.path() / "no-such-kubeconfig").string();
  options.env["KYMA_ISTIO_PLUGIN_PATH"] = std::nullopt;
  options.timeout = std::chrono::seconds(60);
  options.stdin_data = std::move(stdin_data);
  return run_process(argv, options);
}

size_t count_kind(const std::vector<json>& objects, const std::string& kind) {
  size_t n = 0;
  for (const auto& o : objects) n += o["kind"] == kind;
  return n;
}

size_t line_count(const std::string& text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_CASE("manifest prints the production installation as YAML, byte-identical between runs") {
  TempDir home;
  auto first = manifest({}, home);
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(first.err.empty());
  auto docs = kyma::manifest::parse_yaml_documents(first.out, "stdout");
  CHECK(docs.size() == 51);
  CHECK(docs.front()["kind"] == "PriorityClass");
  CHECK(count_kind(docs, "CustomResourceDefinition") == 14);
  CHECK(count_kind(docs, "PodDisruptionBudget") == 2);
  CHECK(docs.back()["kind"] == "PeerAuthentication");

  auto second = manifest({"--istio-version", "1.23.2", "--profile", "production"}, home);
  REQUIRE(second.exit_code == 0);
  CHECK(second.out == first.out);
}

TEST_CASE("manifest -o json prints a List of the same objects") {
  TempDir home;
  auto yaml = manifest({}, home);
  auto out = manifest({"-o", "json"}, home);
  INFO(out.err);
  REQUIRE(out.exit_code == 0);
  json list = json::parse(out.out);
  CHECK(list["kind"] == "List");
  CHECK(list["apiVersion"] == "v1");
  auto docs = kyma::manifest::parse_yaml_documents(yaml.out, "stdout");
  REQUIRE(list["items"].size() == docs.size());
  for (size_t i = 0; i < docs.size(); ++i) CHECK(list["items"][i] == docs[i]);
}

TEST_CASE("manifest --profile evaluation renders the light profile") {
  TempDir home;
  auto out = manifest({"--profile", "evaluation", "--istio-version", "1.22.3"}, home);
  INFO(out.err);
  REQUIRE(out.exit_code == 0);
  auto docs = kyma::manifest::parse_yaml_documents(out.out, "stdout");
  CHECK(count_kind(docs, "PodDisruptionBudget") == 0);
  CHECK(docs.size() == 49);
  for (const auto& d : docs) {
    if (d["kind"] == "Deployment" && d["metadata"]["name"] == "istiod") {
      CHECK(d["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"]["cpu"] ==
            "1000m");
      CHECK(d["metadata"]["labels"]["operator.istio.io/version"] == "1.22.3");
    }
  }
}

TEST_CASE("manifest reports bad flags and unknown versions on one line with exit code 2") {
  TempDir home;
  auto profile = manifest({"--profile", "tiny"}, home);
  CHECK(profile.exit_code == 2);
  CHECK(profile.out.empty());
  CHECK(profile.err.find("--profile") != std::string::npos);
  CHECK(line_count(profile.err) == 1);

  auto version = manifest({"--istio-version", "1.99.0"}, home);
  CHECK(version.exit_code == 2);
  CHECK(version.out.empty());
  CHECK(version.err.find("--istio-version") != std::string::npos);
  CHECK(version.err.find("1.23.2, 1.22.3") != std::string::npos);
  CHECK(line_count(version.err) == 1);

  auto format = manifest({"-o", "table"}, home);
  CHECK(format.exit_code == 2);
}

TEST_CASE("manifest --manifests with a missing or empty folder says what is missing") {
  TempDir home;
  auto missing = manifest({"--manifests", (home.path() / "nope").string()}, home);
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("nope") != std::string::npos);

  TempDir bundle;
  fs::create_directories(bundle.path() / "1.23.2" / "rendered");
  std::ofstream(bundle.path() / "1.23.2" / "rendered" / "INDEX.tsv") << "component\n";
  auto no_crd = manifest({"--manifests", bundle.path().string()}, home);
  CHECK(no_crd.exit_code == 1);
  CHECK(no_crd.err.find("crd/operator.kyma-project.io_istios.yaml is missing") !=
        std::string::npos);
  CHECK(line_count(no_crd.err) == 1);

  const fs::path shipped = kyma::test::stage_dir() / "lib" / "kubectl-kyma-istio" / "istio";
  fs::copy(shipped / "crd", bundle.path() / "crd");
  fs::copy(shipped / "1.23.2" / "kyma", bundle.path() / "1.23.2" / "kyma");
  auto no_files = manifest({"--manifests", bundle.path().string()}, home);
  CHECK(no_files.exit_code == 1);
  CHECK(no_files.err.find("rendered/base.yaml: missing") != std::string::npos);
  CHECK(line_count(no_files.err) == 1);
}

TEST_CASE("manifest -f renders the CR, with the provider's overrides") {
  TempDir home;
  auto cr = home.write("cr.yaml", R"(apiVersion: operator.kyma-project.io/v1alpha2
kind: Istio
metadata:
  name: default
  namespace: kyma-system
spec:
  config:
    numTrustedProxies: 2
  components:
    pilot:
      k8s:
        hpaSpec:
          maxReplicas: 9
)");
  auto out = manifest({"-f", cr.string(), "--provider", "k3d"}, home);
  INFO(out.err);
  REQUIRE(out.exit_code == 0);
  bool saw_hpa = false, saw_mesh = false, saw_cni = false;
  for (const auto& d : kyma::manifest::parse_yaml_documents(out.out, "stdout")) {
    const std::string name = d["metadata"]["name"];
    if (d["kind"] == "HorizontalPodAutoscaler" && name == "istiod") {
      saw_hpa = d["spec"]["maxReplicas"] == 9;
    } else if (d["kind"] == "ConfigMap" && name == "istio") {
      saw_mesh =
          d["data"]["mesh"].get<std::string>().find("numTrustedProxies: 2") != std::string::npos;
    } else if (d["kind"] == "ConfigMap" && name == "istio-cni-config") {
      saw_cni = d["data"]["CNI_NET_DIR"] == "/var/lib/rancher/k3s/agent/etc/cni/net.d";
    }
  }
  CHECK(saw_hpa);
  CHECK(saw_mesh);
  CHECK(saw_cni);
}

TEST_CASE("manifest -f reports an invalid CR with the field path, and a missing file") {
  TempDir home;
  auto cr = home.write("bad.yaml", R"(apiVersion: operator.kyma-project.io/v1alpha2
kind: Istio
metadata:
  name: default
  namespace: kyma-system
spec:
  config:
    gatewayExternalTrafficPolicy: Sometimes
)");
  auto bad = manifest({"-f", cr.string()}, home);
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.empty());
  CHECK(bad.err.find("spec.config.gatewayExternalTrafficPolicy") != std::string::npos);
  CHECK(line_count(bad.err) == 1);

  auto missing = manifest({"-f", (home.path() / "nope.yaml").string()}, home);
  CHECK(missing.exit_code == 1);
  CHECK(missing.err ==
        "error: the path \"" + (home.path() / "nope.yaml").string() + "\" does not exist\n");

  auto folder = manifest({"-f", home.path().string()}, home);
  CHECK(folder.exit_code == 1);
  CHECK(folder.err == "error: the path \"" + home.path().string() +
                          "\" is a directory: -f takes one Istio CR file\n");
}

TEST_CASE("manifest -f - reads the CR from standard input") {
  TempDir home;
  const std::string cr = R"(apiVersion: operator.kyma-project.io/v1alpha2
kind: Istio
metadata:
  name: default
  namespace: kyma-system
spec:
  config:
    numTrustedProxies: 3
)";
  auto out = manifest({"-f", "-"}, home, cr);
  INFO(out.err);
  REQUIRE(out.exit_code == 0);
  CHECK(out.out.find("numTrustedProxies: 3") != std::string::npos);

  auto bad = manifest({"-f", "-"}, home, "kind: Istio\nspec: [\n");
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.rfind("error: stdin", 0) == 0);
}
