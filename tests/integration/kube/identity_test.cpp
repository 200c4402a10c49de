// Who the server sees: basic auth, impersonation headers, and impersonation that the caller is not
// allowed, over real HTTPS against fakekube.
#include <catch2/catch.hpp>

#include "core/kube/api_error.hpp"
#include "core/kube/client.hpp"
#include "tests/integration/kube/fixture.hpp"

using namespace kyma::kube;
using kyma::kube::test::contains;
using kyma::kube::test::Fixture;

namespace {

// The user and groups of the last request to `path`.
fakekube::RequestRecord last_request(const Fixture& f, const std::string& path) {
  fakekube::RequestRecord found;
  for (const auto& r : f.server.requests()) {
    if (r.path == path) found = r;
  }
  return found;
}

}  // namespace

TEST_CASE("basic auth from the kubeconfig user is what the server authenticates") {
  Fixture f;
  f.server.add_basic_user("alice", "s3cret:with:colons");
  RestConfig config = f.config("none");
  config.username = "alice";
  config.password = "s3cret:with:colons";
  Client client(config);
  client.get_path("/version");
  CHECK(last_request(f, "/version").user == "alice");

  config.password = "wrong";
  Client wrong(config);
  try {
    wrong.get_path("/version");
    FAIL("a wrong password must be refused");
  } catch (const UnauthorizedError& e) {
    CHECK_FALSE(contains(e.what(), "wrong"));
  }
}

TEST_CASE("impersonation headers make the server act as the given user and groups") {
  Fixture f;
  RestConfig config = f.config("token");
  config.impersonate_user = "bob";
  config.impersonate_groups = {"devs", "ops"};
  config.impersonate_extra["scopes"] = {"view"};
  Client client(config);
  f.create_namespace("itest");
  client.list("v1", "ConfigMap", "itest");
  auto seen = last_request(f, "/api/v1/namespaces/itest/configmaps");
  CHECK(seen.user == "bob");
  CHECK(std::find(seen.groups.begin(), seen.groups.end(), "devs") != seen.groups.end());
  CHECK(std::find(seen.groups.begin(), seen.groups.end(), "ops") != seen.groups.end());
}

TEST_CASE("impersonating without the right to is a one-line Forbidden error") {
  Fixture f;
  f.server.add_token("plain-user-token", "carol");
  RestConfig config = f.config("none");
  config.bearer_token = "plain-user-token";
  config.impersonate_user = "admin";
  Client client(config);
  try {
    client.get_path("/version");
    FAIL("impersonation must be refused");
  } catch (const ForbiddenError& e) {
    std::string message = e.what();
    CHECK(contains(message, "cannot impersonate"));
    CHECK(message.find('\n') == std::string::npos);
    CHECK_FALSE(contains(message, "plain-user-token"));
  }
}

TEST_CASE("a server Warning header reaches the warning sink once per text") {
  Fixture f;
  fakekube::Fault warn;
  warn.path_prefix = "/version";
  warn.status = 0;
  warn.count = 3;
  warn.warning = "v1beta1 is deprecated";
  f.server.add_fault(warn);
  Client client = f.client();
  std::vector<std::string> seen;
  client.transport().set_warning_sink([&](const std::string& text) { seen.push_back(text); });
  for (int i = 0; i < 3; ++i) client.get_path("/version");
  CHECK(seen == std::vector<std::string>{"v1beta1 is deprecated"});
}

TEST_CASE("a token, password or client certificate given directly wins over the exec plugin") {
  Fixture f;
  f.server.add_basic_user("alice", "pw");
  // The kubeconfig's user logs in through a plugin that is not installed here: using it would
  // fail, so every request that succeeds below never ran it (as client-go: "kubectl --token T").
  std::string kubeconfig = f.dir
                               .write("kubeconfig",
                                      "apiVersion: v1\nkind: Config\ncurrent-context: c\n"
                                      "clusters:\n- name: c\n  cluster:\n    server: " +
                                          f.server.url() +
                                          "\n    certificate-authority: ca.crt\n"
                                          "contexts:\n- name: c\n  context: {cluster: c, user: u}\n"
                                          "users:\n- name: u\n  user:\n    exec:\n"
                                          "      apiVersion: client.authentication.k8s.io/v1\n"
                                          "      command: kyma-no-such-login-plugin\n"
                                          "      interactiveMode: Never\n")
                               .string();
  f.dir.write("ca.crt", f.server.ca_pem());
  ConnectionFlags flags;
  flags.kubeconfig = kubeconfig;
  flags.cache_dir = (f.dir.path() / "cache").string();

  SECTION("without any, the plugin is run (and its absence is the error)") {
    Client client = Client::from_flags(flags);
    CHECK_THROWS_WITH(client.get_path("/version"),
                      Catch::Contains("kyma-no-such-login-plugin not found"));
  }
  SECTION("--token") {
    flags.token = f.server.admin_token();
    Client client = Client::from_flags(flags);
    client.get_path("/version");
    CHECK(last_request(f, "/version").user == "admin");
    CHECK(client.transport().exec_provider() == nullptr);
  }
  SECTION("--username and --password") {
    flags.username = "alice";
    flags.password = "pw";
    Client client = Client::from_flags(flags);
    client.get_path("/version");
    CHECK(last_request(f, "/version").user == "alice");
  }
  SECTION("--client-certificate and --client-key, as files") {
    flags.client_certificate = f.dir.write("client.crt", f.server.client_cert_pem()).string();
    flags.client_key = f.dir.write("client.key", f.server.client_key_pem()).string();
    Client client = Client::from_flags(flags);
    client.get_path("/version");
    CHECK(last_request(f, "/version").user == "admin");
    CHECK(client.transport().exec_provider() == nullptr);
  }
}
