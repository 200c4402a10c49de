// Reaching the server: kubeconfig credentials, TLS trust, proxies, and the one-line errors a user
// sees when something is wrong (never with a secret in them).
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cstdlib>

#include "core/kube/api_error.hpp"
#include "core/kube/client.hpp"
#include "core/kube/exec_credentials.hpp"
#include "tests/integration/kube/connect_proxy.hpp"
#include "tests/integration/kube/fixture.hpp"

using namespace kyma::kube;
using kyma::kube::test::config_map;
using kyma::kube::test::contains;
using kyma::kube::test::fault;
using kyma::kube::test::Fixture;
using nlohmann::json;
using std::chrono::milliseconds;

namespace {

// A kubeconfig the server wrote, loaded as kubectl would load it with --kubeconfig.
Client client_from_kubeconfig(Fixture& f, const std::string& auth) {
  auto file = f.dir.path() / ("kubeconfig-" + auth);
  f.server.write_kubeconfig(file, auth);
  ConnectionFlags flags;
  flags.kubeconfig = file.string();
  flags.namespace_ = "itest";
  flags.cache_dir = (f.dir.path() / "cache").string();
  return Client::from_flags(flags);
}

std::string message_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const kyma::Error& e) {
    CHECK(e.code() == kyma::ExitCode::kFailure);
    return e.what();
  }
  FAIL("expected an error");
  return "";
}

}  // namespace

TEST_CASE("a kubeconfig with the admin token: create, get, update, patch, delete") {
  Fixture f;
  f.create_namespace("itest");
  Client client = client_from_kubeconfig(f, "token");
  CHECK(client.namespace_() == "itest");
  CHECK(client.server() == f.server.url());

  CHECK(client.create(config_map("a"))["metadata"]["name"] == "a");
  CHECK(client.get("v1", "ConfigMap", "", "a")["data"]["key"] == "v");
  CHECK_FALSE(client.try_get("v1", "ConfigMap", "", "missing"));
  CHECK_THROWS_AS(client.get("v1", "ConfigMap", "", "missing"), NotFoundError);
  CHECK_THROWS_AS(client.create(config_map("a")), AlreadyExistsError);

  auto current = client.get("v1", "ConfigMap", "itest", "a");
  current["data"]["key"] = "updated";
  CHECK(client.update(current)["data"]["key"] == "updated");
  CHECK_THROWS_AS(client.update(current), ConflictError);  // its resourceVersion is stale now

  client.patch("v1", "ConfigMap", "itest", "a", PatchType::kMerge, {{"data", {{"more", "x"}}}});
  CHECK(f.server.get("v1", "ConfigMap", "itest", "a").value()["data"]["more"] == "x");
  CHECK(f.server.requests().back().content_type == "application/merge-patch+json");
  client.patch("v1", "ConfigMap", "itest", "a", PatchType::kJson,
               json::array({{{"op", "replace"}, {"path", "/data/more"}, {"value", "y"}}}));
  CHECK(f.server.get("v1", "ConfigMap", "itest", "a").value()["data"]["more"] == "y");
  CHECK(f.server.requests().back().content_type == "application/json-patch+json");

  CHECK(client.remove("v1", "ConfigMap", "itest", "a", {.propagation_policy = "Background"}));
  CHECK_FALSE(f.server.get("v1", "ConfigMap", "itest", "a"));
  CHECK_FALSE(client.remove("v1", "ConfigMap", "itest", "a"));
}

TEST_CASE("client certificate authentication from a kubeconfig") {
  Fixture f;
  f.create_namespace("itest");
  Client client = client_from_kubeconfig(f, "cert");
  client.create(config_map("by-cert"));
  CHECK(f.server.get("v1", "ConfigMap", "itest", "by-cert"));
  CHECK(f.server.requests().back().user == "admin");
}

TEST_CASE("401 and 403 are one clear line without the token") {
  Fixture f;
  RestConfig config = f.config("none");
  config.bearer_token = "not-a-valid-token-4711";
  Client client(config);
  auto unauthorized = message_of([&] { client.get_path("/api/v1/namespaces"); });
  CHECK(unauthorized.rfind("You must be logged in to the server", 0) == 0);
  CHECK_FALSE(contains(unauthorized, "not-a-valid-token-4711"));
  CHECK_FALSE(contains(unauthorized, "\n"));

  Client admin = f.client();
  f.server.add_fault(fault("GET", "/api/v1/namespaces", 1, 403));
  CHECK_THROWS_AS(admin.get_path("/api/v1/namespaces"), ForbiddenError);
}

TEST_CASE("a wrong CA fails with one line naming the server and the cause") {
  Fixture f;
  RestConfig config = f.config();
  config.ca_data = f.server.client_cert_pem();  // a valid certificate, but not the server's CA
  Client client(config);
  auto message = message_of([&] { client.get_path("/version"); });
  CHECK(message.rfind("Unable to connect to the server " + f.server.url(), 0) == 0);
  CHECK(contains(message, "not trusted"));
  CHECK_FALSE(contains(message, f.server.admin_token()));
  CHECK_FALSE(contains(message, "\n"));
}

TEST_CASE("tls-server-name is the name the certificate is checked against") {
  Fixture f;
  RestConfig config = f.config();
  config.tls_server_name = "not-the-server.example";
  Client wrong(config);
  CHECK(contains(message_of([&] { wrong.get_path("/version"); }), "not valid for this name"));

  // The server's certificate names localhost: reached at 127.0.0.1, checked as localhost.
  config.tls_server_name = "localhost";
  Client right(config);
  CHECK(right.get_path("/version").contains("gitVersion"));
}

TEST_CASE("an unreachable server is named with the cause") {
  RestConfig config;
  config.server = "https://127.0.0.1:1";
  config.bearer_token = "secret-token";
  Client client(config);
  auto message = message_of([&] { client.get_path("/version"); });
  CHECK(message.rfind("Unable to connect to the server https://127.0.0.1:1: ", 0) == 0);
  CHECK_FALSE(contains(message, "secret-token"));
}

TEST_CASE("through an HTTP CONNECT proxy: proxy-url, and HTTPS_PROXY from the environment") {
  Fixture f;
  f.create_namespace("itest");
  kyma::kube::test::ConnectProxy proxy;
  SECTION("proxy-url") {
    RestConfig config = f.config();
    config.proxy_url = proxy.url();
    Client client(config);
    client.create(config_map("via-proxy"));
    CHECK(client.get("v1", "ConfigMap", "itest", "via-proxy")["metadata"]["name"] == "via-proxy");
    REQUIRE(proxy.connects() >= 1);
    CHECK(proxy.targets().at(0) == "127.0.0.1:" + std::to_string(f.server.port()));
  }
  SECTION("HTTPS_PROXY, which loopback addresses never use") {
    ::setenv("HTTPS_PROXY", proxy.url().c_str(), 1);
    RestConfig config = f.config();
    Client direct(config);
    direct.get_path("/version");
    CHECK(proxy.connects() == 0);
    // A name that is not loopback goes through the proxy (which connects it to the server).
    config.server = "https://kube.invalid:" + std::to_string(f.server.port());
    config.tls_server_name = "localhost";
    Client proxied(config);
    CHECK(proxied.get_path("/version").contains("gitVersion"));
    ::unsetenv("HTTPS_PROXY");
    REQUIRE(proxy.connects() >= 1);
    CHECK(contains(proxy.targets().at(0), ":" + std::to_string(f.server.port())));
  }
}

TEST_CASE(
    "the request timeout (--request-timeout) ends a request the server does not answer in time") {
  Fixture f;
  auto slow = fault("GET", "/version", 1, 200);
  slow.delay = milliseconds(1000);
  f.server.add_fault(slow);
  RestConfig config = f.config();
  config.timeout = milliseconds(300);
  Client client(config);
  auto started = std::chrono::steady_clock::now();
  CHECK(contains(message_of([&] { client.get_path("/version"); }), "timed out"));
  CHECK(std::chrono::steady_clock::now() - started < milliseconds(900));
}

TEST_CASE("exec credential plugin: its token is used, and it runs again once on a 401") {
  Fixture f;
  f.create_namespace("itest");
  auto state = f.dir.path() / "state";
  // The first run hands out a wrong token, later runs the right one.
  auto script = f.dir.write(
      "plugin.sh",
      "#!/bin/sh\n"
      "if [ -f '" +
          state.string() + "' ]; then TOKEN='" + f.server.admin_token() +
          "'; else TOKEN=wrong; touch '" + state.string() +
          "'; fi\n"
          "printf '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
          "\"status\":{\"token\":\"%s\"}}' \"$TOKEN\"\n");
  ::chmod(script.c_str(), 0755);
  RestConfig config = f.config("none");
  config.exec =
      ExecConfig{script.string(), {}, {}, "client.authentication.k8s.io/v1", "", false, "Never"};
  Client client(config);
  CHECK(client.get_path("/api/v1/namespaces/itest")["metadata"]["name"] == "itest");
  CHECK(client.transport().exec_provider()->runs() == 2);
  client.get_path("/api/v1/namespaces/itest");
  CHECK(client.transport().exec_provider()->runs() == 2);  // cached: no expiry given

  // A watch gets the same treatment: its 401 runs the plugin once more.
  ::remove(state.c_str());
  client.transport().exec_provider()->refresh();  // now holds the wrong token again
  bool stopped = client.watch("v1", "ConfigMap", "itest", {.timeout = milliseconds(300)},
                              [](const WatchEvent&) { return false; });
  CHECK_FALSE(stopped);  // no event, but no Unauthorized either
  CHECK(client.transport().exec_provider()->runs() == 4);
}

TEST_CASE("exec credential plugin: a client certificate it returns is used") {
  Fixture f;
  f.create_namespace("itest");
  json credential = {{"apiVersion", "client.authentication.k8s.io/v1beta1"},
                     {"kind", "ExecCredential"},
                     {"status",
                      {{"clientCertificateData", f.server.client_cert_pem()},
                       {"clientKeyData", f.server.client_key_pem()}}}};
  auto output = f.dir.write("credential.json", credential.dump());
  auto script = f.dir.write("plugin.sh", "#!/bin/sh\ncat '" + output.string() + "'\n");
  ::chmod(script.c_str(), 0755);
  RestConfig config = f.config("none");
  config.exec =
      ExecConfig{script.string(), {}, {}, "client.authentication.k8s.io/v1beta1", "", false, ""};
  Client client(config);
  client.create(config_map("by-exec-cert"));
  CHECK(f.server.requests().back().user == "admin");
}

TEST_CASE("a failing exec plugin is one line naming the plugin and the user") {
  Fixture f;
  auto script =
      f.dir.write("plugin.sh", "#!/bin/sh\necho 'login failed: session expired' >&2\nexit 3\n");
  ::chmod(script.c_str(), 0755);
  RestConfig config = f.config("none");
  config.user_name = "exec-user";
  config.exec =
      ExecConfig{script.string(), {}, {}, "client.authentication.k8s.io/v1", "", false, "Never"};
  Client client(config);
  auto message = message_of([&] { client.get_path("/version"); });
  CHECK(contains(message, script.string()));
  CHECK(contains(message, "\"exec-user\""));
  CHECK(contains(message, "exit status 3"));
  CHECK_FALSE(contains(message, "session expired"));
}

TEST_CASE("tokenFile is read for every request and wins over token") {
  Fixture f;
  auto file = f.dir.write("token", "stale-token\n");
  RestConfig config = f.config("none");
  config.bearer_token = f.server.admin_token();  // would work, but the file wins
  config.bearer_token_file = file.string();
  Client client(config);
  CHECK_THROWS_AS(client.get_path("/api/v1/namespaces"), UnauthorizedError);
  f.dir.write("token", f.server.admin_token() + "\n");  // rotated, as a projected token is
  CHECK(client.get_path("/api/v1/namespaces")["kind"] == "NamespaceList");
}
