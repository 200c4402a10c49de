// `kubectl kyma-istio version` against a cluster (fakekube), run through the real kubectl from
// the staged install: the cluster's Istio version, "not installed", and one clear line, without
// secrets, for every way the connection can fail.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "core/manifest/yaml.hpp"
#include "tests/fakekube/server.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_paths.hpp"

namespace fs = std::filesystem;
using kyma::test::ProcessOptions;
using kyma::test::ProcessResult;
using kyma::test::TempDir;
using nlohmann::json;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

ProcessResult kyma_istio(const TempDir& home, std::vector<std::string> args) {
  ProcessOptions options;
  options.env["PATH"] = (kyma::test::stage_dir() / "bin").string() + ":/usr/bin:/bin";
  options.env["HOME"] = home.path().string();
  options.env["KUBECONFIG"] = std::nullopt;
  options.env["KYMA_ISTIO_PLUGIN_PATH"] = std::nullopt;
  options.timeout = std::chrono::seconds(60);
  args.insert(args.begin(), {"kubectl", "kyma-istio"});
  return kyma::test::run_process(args, options);
}

std::string cluster_line(const ProcessResult& result) {
  auto start = result.out.find("Cluster Istio: ");
  if (start == std::string::npos) return "";
  return result.out.substr(start, result.out.find('\n', start) - start);
}

json istiod(const std::string& image) {
  json labels = {{"app", "istiod"}};
  return {
      {"apiVersion", "apps/v1"},
      {"kind", "Deployment"},
      {"metadata", {{"name", "istiod"}, {"namespace", "istio-system"}}},
      {"spec",
       {{"replicas", 1},
        {"selector", {{"matchLabels", labels}}},
        {"template",
         {{"metadata", {{"labels", labels}}},
          {"spec", {{"containers", json::array({{{"name", "discovery"}, {"image", image}}})}}}}}}}};
}

struct Cluster {
  fakekube::Server server;
  TempDir home;
  fs::path kubeconfig;
  Cluster() {
    server.start();
    kubeconfig = home.path() / "kubeconfig";
    server.write_kubeconfig(kubeconfig);
  }
};

}  // namespace

TEST_CASE("version names the Istio version the cluster runs") {
  Cluster c;
  c.server.seed(
      {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "istio-system"}}}});
  c.server.seed(
      istiod("europe-docker.pkg.dev/kyma-project/prod/external/istio/pilot:1.23.2-distroless"));
  auto text = kyma_istio(c.home, {"version", "--kubeconfig", c.kubeconfig.string()});
  INFO(text.err);
  REQUIRE(text.exit_code == 0);
  CHECK(cluster_line(text) == "Cluster Istio: 1.23.2");

  auto doc = kyma_istio(c.home, {"version", "-o", "json", "--kubeconfig", c.kubeconfig.string()});
  REQUIRE(doc.exit_code == 0);
  auto cluster = json::parse(doc.out)["cluster"];
  CHECK(cluster["reachable"] == true);
  CHECK(cluster["server"] == c.server.url());
  CHECK(cluster["istioVersion"] == "1.23.2");

  auto yaml = kyma_istio(c.home, {"version", "-o", "yaml", "--kubeconfig", c.kubeconfig.string()});
  REQUIRE(yaml.exit_code == 0);
  CHECK(kyma::manifest::parse_yaml(yaml.out, "stdout") == json::parse(doc.out));
}

TEST_CASE("version says not installed when istiod is absent") {
  Cluster c;
  auto result = kyma_istio(c.home, {"version", "--kubeconfig", c.kubeconfig.string()});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(cluster_line(result) == "Cluster Istio: not installed");
}

TEST_CASE("version reports each connection problem in one line, exit 0, without secrets") {
  Cluster c;
  const std::string kubeconfig = c.kubeconfig.string();

  SECTION("a wrong token: 401") {
    auto r =
        kyma_istio(c.home, {"version", "--kubeconfig", kubeconfig, "--token", "wrong-token-xyz"});
    CHECK(r.exit_code == 0);
    CHECK(cluster_line(r) == "Cluster Istio: unknown (" + c.server.url() +
                                 ": You must be logged in to the server (Unauthorized))");
    CHECK_FALSE(contains(r.out + r.err, "wrong-token-xyz"));
  }
  SECTION("an unreachable server") {
    auto r = kyma_istio(c.home,
                        {"version", "--kubeconfig", kubeconfig, "--server", "https://127.0.0.1:1"});
    CHECK(r.exit_code == 0);
    CHECK(contains(cluster_line(r),
                   "Cluster Istio: cluster not reachable: Unable to connect to the server "
                   "https://127.0.0.1:1: "));
    CHECK_FALSE(contains(r.out + r.err, c.server.admin_token()));
  }
  SECTION("the wrong CA") {
    TempDir other;
    auto ca = other.write("ca.crt", c.server.client_cert_pem());
    auto r = kyma_istio(
        c.home, {"version", "--kubeconfig", kubeconfig, "--certificate-authority", ca.string()});
    CHECK(contains(cluster_line(r), "Unable to connect to the server " + c.server.url()));
    CHECK(contains(cluster_line(r), "not trusted"));
  }
  SECTION("an unknown context") {
    auto r = kyma_istio(c.home, {"version", "--kubeconfig", kubeconfig, "--context", "nope"});
    CHECK(
        cluster_line(r) ==
        "Cluster Istio: cluster not reachable: context was not found for specified context: nope");
  }
  SECTION("a malformed kubeconfig") {
    auto bad = c.home.write("broken", "clusters: [\n  - name: x\n   bad: indentation: here\n");
    auto r = kyma_istio(c.home, {"version", "--kubeconfig", bad.string()});
    CHECK(contains(cluster_line(r), "error loading config file \"" + bad.string() + "\""));
  }
  SECTION("an unreadable client certificate") {
    auto r =
        kyma_istio(c.home, {"version", "--kubeconfig", kubeconfig, "--client-certificate",
                            "/nonexistent/client.crt", "--client-key", "/nonexistent/client.key"});
    CHECK(contains(cluster_line(r), "unable to read client-cert /nonexistent/client.crt"));
  }
  SECTION("a missing exec plugin shows its install hint") {
    auto file = c.home.write("exec-kubeconfig",
                             "apiVersion: v1\nkind: Config\ncurrent-context: x\n"
                             "clusters:\n- name: x\n  cluster:\n    server: " +
                                 c.server.url() +
                                 "\n    insecure-skip-tls-verify: true\n"
                                 "contexts:\n- name: x\n  context: {cluster: x, user: x}\n"
                                 "users:\n- name: x\n  user:\n    exec:\n"
                                 "      apiVersion: client.authentication.k8s.io/v1\n"
                                 "      command: kyma-no-such-login-plugin\n"
                                 "      interactiveMode: Never\n"
                                 "      installHint: install it from example.com/login\n");
    auto r = kyma_istio(c.home, {"version", "--kubeconfig", file.string()});
    CHECK(r.exit_code == 0);
    CHECK(contains(cluster_line(r), "kyma-no-such-login-plugin not found"));
    CHECK(contains(cluster_line(r), "install it from example.com/login"));
  }
}
