#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/kube/exec_credentials.hpp"
#include "core/ui/error.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kyma::kube;
using kyma::test::TempDir;

namespace {

// A plugin script: records KUBERNETES_EXEC_INFO and its args, counts its runs, prints `output`.
std::string write_plugin(const TempDir& dir, const std::string& output, int exit_code = 0) {
  auto path = dir.write("plugin.sh",
                        "#!/bin/sh\n"
                        "echo run >> \"" +
                            (dir.path() / "runs").string() +
                            "\"\n"
                            "printf '%s' \"$KUBERNETES_EXEC_INFO\" > \"" +
                            (dir.path() / "info.json").string() +
                            "\"\n"
                            "echo \"$@ $PLUGIN_ENV\" > \"" +
                            (dir.path() / "args").string() +
                            "\"\n"
                            "cat <<'JSON'\n" +
                            output +
                            "\nJSON\n"
                            "exit " +
                            std::to_string(exit_code) + "\n");
  ::chmod(path.c_str(), 0755);
  return path.string();
}

int runs(const TempDir& dir) {
  std::string text = kyma::test::read_file(dir.path() / "runs");
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

RestConfig config_for(const std::string& command, const std::string& version = "v1",
                      const std::string& mode = "Never") {
  RestConfig config;
  config.server = "https://k.example:6443";
  config.user_name = "exec-user";
  config.ca_data = "CA-PEM";
  ExecConfig exec;
  exec.command = command;
  exec.args = {"--flag", "value"};
  exec.env = {{"PLUGIN_ENV", "from-env"}};
  exec.api_version = "client.authentication.k8s.io/" + version;
  exec.interactive_mode = mode;
  exec.provide_cluster_info = true;
  exec.install_hint = "install it with: brew install the-plugin";
  config.exec = exec;
  return config;
}

}  // namespace

TEST_CASE("exec plugin: token, input, args, env, and caching until expiry") {
  TempDir dir;
  auto plugin = write_plugin(dir, R"({"apiVersion":"client.authentication.k8s.io/v1",
    "kind":"ExecCredential","status":{"token":"tok-123","expirationTimestamp":"2999-01-01T00:00:00Z"}})");
  ExecCredentialProvider provider(config_for(plugin));
  provider.set_stdin_is_terminal(false);
  auto cred = provider.get();
  CHECK(cred.token == "tok-123");
  REQUIRE(cred.expiration);
  CHECK(provider.get().token == "tok-123");
  CHECK(runs(dir) == 1);  // cached

  auto info = nlohmann::json::parse(kyma::test::read_file(dir.path() / "info.json"));
  CHECK(info["kind"] == "ExecCredential");
  CHECK(info["apiVersion"] == "client.authentication.k8s.io/v1");
  CHECK(info["spec"]["interactive"] == false);
  CHECK(info["spec"]["cluster"]["server"] == "https://k.example:6443");
  CHECK(info["spec"]["cluster"]["certificate-authority-data"] == "Q0EtUEVN");
  CHECK(kyma::test::read_file(dir.path() / "args") == "--flag value from-env\n");

  provider.refresh();  // after a 401
  CHECK(runs(dir) == 2);
}

TEST_CASE("exec plugin: an expired credential is fetched again") {
  TempDir dir;
  auto plugin = write_plugin(dir, R"({"apiVersion":"client.authentication.k8s.io/v1beta1",
    "kind":"ExecCredential","status":{"token":"old","expirationTimestamp":"2001-01-01T00:00:00Z"}})");
  ExecCredentialProvider provider(config_for(plugin, "v1beta1", ""));
  provider.set_stdin_is_terminal(false);
  provider.get();
  provider.get();
  CHECK(runs(dir) == 2);
}

TEST_CASE("exec plugin: client certificate output") {
  TempDir dir;
  auto plugin = write_plugin(dir, R"({"apiVersion":"client.authentication.k8s.io/v1",
    "kind":"ExecCredential","status":{"clientCertificateData":"CERT","clientKeyData":"KEY"}})");
  ExecCredentialProvider provider(config_for(plugin));
  auto cred = provider.get();
  CHECK(cred.client_certificate_data == "CERT");
  CHECK(cred.client_key_data == "KEY");
  CHECK_FALSE(cred.expiration);
}

TEST_CASE("exec plugin: bad output, failures and missing commands give clear errors") {
  TempDir dir;
  SECTION("garbage") {
    auto plugin = write_plugin(dir, "this is not json");
    ExecCredentialProvider provider(config_for(plugin));
    CHECK_THROWS_WITH(provider.get(),
                      Catch::Contains("exec-user") && Catch::Contains("invalid output"));
  }
  SECTION("wrong apiVersion") {
    auto plugin = write_plugin(dir, R"({"apiVersion":"client.authentication.k8s.io/v1beta1",
      "kind":"ExecCredential","status":{"token":"secret-token-value"}})");
    ExecCredentialProvider provider(config_for(plugin));
    try {
      provider.get();
      FAIL("expected an error");
    } catch (const kyma::Error& e) {
      std::string what = e.what();
      CHECK(what.find("expected client.authentication.k8s.io/v1") != std::string::npos);
      CHECK(what.find("secret-token-value") == std::string::npos);
    }
  }
  SECTION("certificate without key") {
    auto plugin = write_plugin(dir, R"({"apiVersion":"client.authentication.k8s.io/v1",
      "kind":"ExecCredential","status":{"clientCertificateData":"CERT"}})");
    ExecCredentialProvider provider(config_for(plugin));
    CHECK_THROWS_WITH(provider.get(), Catch::Contains("both clientCertificateData"));
  }
  SECTION("non-zero exit") {
    auto plugin = write_plugin(dir, "{}", 3);
    ExecCredentialProvider provider(config_for(plugin));
    CHECK_THROWS_WITH(provider.get(), Catch::Contains("failed: exit status 3"));
  }
  SECTION("missing command shows the install hint") {
    ExecCredentialProvider provider(config_for("kyma-no-such-plugin-xyz"));
    CHECK_THROWS_WITH(provider.get(), Catch::Contains("kyma-no-such-plugin-xyz not found") &&
                                          Catch::Contains("brew install the-plugin"));
  }
  SECTION("interactiveMode Always without a terminal") {
    auto plugin = write_plugin(dir, "{}");
    ExecCredentialProvider provider(config_for(plugin, "v1", "Always"));
    provider.set_stdin_is_terminal(false);
    CHECK_THROWS_WITH(provider.get(), Catch::Contains("not a terminal"));
  }
}

TEST_CASE("exec plugin: interactive is reported only with a terminal and not for Never") {
  TempDir dir;
  auto plugin = write_plugin(dir, R"({"apiVersion":"client.authentication.k8s.io/v1",
    "kind":"ExecCredential","status":{"token":"t"}})");
  {
    ExecCredentialProvider provider(config_for(plugin, "v1", "IfAvailable"));
    provider.set_stdin_is_terminal(true);
    provider.get();
    auto info = nlohmann::json::parse(kyma::test::read_file(dir.path() / "info.json"));
    CHECK(info["spec"]["interactive"] == true);
  }
  {
    ExecCredentialProvider provider(config_for(plugin, "v1", "Never"));
    provider.set_stdin_is_terminal(true);
    provider.get();
    auto info = nlohmann::json::parse(kyma::test::read_file(dir.path() / "info.json"));
    CHECK(info["spec"]["interactive"] == false);
  }
}

TEST_CASE("RFC 3339 timestamps") {
  auto t = parse_rfc3339("2024-01-02T03:04:05Z");
  REQUIRE(t);
  CHECK(std::chrono::system_clock::to_time_t(*t) == 1704164645);
  auto offset = parse_rfc3339("2024-01-02T04:04:05.5+01:00");
  REQUIRE(offset);
  CHECK(std::chrono::duration_cast<std::chrono::milliseconds>(*offset - *t).count() == 500);
  CHECK_FALSE(parse_rfc3339("yesterday"));
  CHECK_FALSE(parse_rfc3339("2024-01-02T03:04:05"));
}
