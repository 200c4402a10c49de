#include <catch2/catch.hpp>

#include "core/kube/kubeconfig_loader.hpp"
#include "core/ui/error.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/kube/test_env.hpp"

using namespace kyma::kube;
using kyma::kube::test::fake_env;
using kyma::test::TempDir;

namespace {

const char* kFirst = R"(apiVersion: v1
kind: Config
current-context: red
clusters:
- name: red-cluster
  cluster:
    server: https://red.example:6443
    certificate-authority: certs/ca.crt
    tls-server-name: red-internal
- name: shared
  cluster:
    server: https://first.example
contexts:
- name: red
  context: {cluster: red-cluster, user: red-user, namespace: red-ns}
- name: nons
  context: {cluster: shared, user: red-user}
users:
- name: red-user
  user:
    token: first-token
    client-certificate: client.crt
)";

const char* kSecond = R"(apiVersion: v1
kind: Config
current-context: blue
clusters:
- name: shared
  cluster:
    server: https://second.example
    insecure-skip-tls-verify: true
- name: blue-cluster
  cluster:
    server: https://blue.example
contexts:
- name: blue
  context: {cluster: blue-cluster, user: red-user}
users:
- name: red-user
  user:
    username: second-only
    password: pw
)";

}  // namespace

TEST_CASE("KUBECONFIG list: first file wins per name and for current-context") {
  TempDir dir;
  auto a = dir.write("a/config", kFirst);
  auto b = dir.write("b/config", kSecond);
  auto env = fake_env({{"KUBECONFIG", a.string() + ":" + (dir.path() / "missing").string() + ":" +
                                          b.string() + ":" + a.string()}},
                      dir.path().string());
  auto files = kubeconfig_files(std::nullopt, env);
  REQUIRE(files.size() == 2);  // deduplicated, missing skipped
  CHECK(files[0] == a.string());

  auto config = load_rest_config({}, env);
  CHECK(config.context_name == "red");  // first file's current-context
  CHECK(config.server == "https://red.example:6443");
  CHECK(config.namespace_ == "red-ns");
  // The first file's red-user wins entirely: nothing from the second one is merged in.
  CHECK(config.bearer_token == "first-token");
  CHECK(config.username.empty());
  CHECK(config.password.empty());
  // Relative paths are resolved against the folder of the file holding them.
  CHECK(config.ca_file == (dir.path() / "a/certs/ca.crt").string());
  CHECK(config.client_certificate_file == (dir.path() / "a/client.crt").string());

  ConnectionFlags flags;
  flags.context = "nons";
  auto shared = load_rest_config(flags, env);
  CHECK(shared.server == "https://first.example");  // first definition of "shared"
  CHECK_FALSE(shared.insecure_skip_tls_verify);
  CHECK(shared.namespace_ == "default");

  flags.context = "blue";  // defined only in the second file; its user from the first file
  auto blue = load_rest_config(flags, env);
  CHECK(blue.server == "https://blue.example");
  CHECK(blue.bearer_token == "first-token");
}

TEST_CASE("explicit --kubeconfig: must exist and is not merged with KUBECONFIG") {
  TempDir dir;
  auto a = dir.write("a/config", kFirst);
  auto b = dir.write("b/config", kSecond);
  auto env = fake_env({{"KUBECONFIG", a.string()}}, dir.path().string());
  ConnectionFlags flags;
  flags.kubeconfig = b.string();
  auto config = load_rest_config(flags, env);
  CHECK(config.context_name == "blue");
  flags.context = "red";  // only in the other file
  CHECK_THROWS_WITH(load_rest_config(flags, env),
                    Catch::Contains("context was not found for specified context: red"));

  flags.kubeconfig = (dir.path() / "nope").string();
  CHECK_THROWS_WITH(load_rest_config(flags, env),
                    Catch::Contains("nope") && Catch::Contains("does not exist"));
}

TEST_CASE("~/.kube/config is the default, and missing everything gives a clear error") {
  TempDir dir;
  dir.write(".kube/config", kSecond);
  auto config = load_rest_config({}, fake_env({}, dir.path().string()));
  CHECK(config.server == "https://blue.example");
  CHECK(config.cache_dir == (dir.path() / ".kube/cache").string());

  TempDir empty;
  try {
    load_rest_config({}, fake_env({}, empty.path().string()));
    FAIL("expected an error");
  } catch (const kyma::Error& e) {
    CHECK(e.code() == kyma::ExitCode::kFailure);
    CHECK(std::string(e.what()).find("no configuration has been provided") != std::string::npos);
  }
}

TEST_CASE("flags override the kubeconfig as kubectl does") {
  TempDir dir;
  auto a = dir.write("config", kFirst);
  auto env =
      fake_env({{"KUBECONFIG", a.string()}, {"KUBECACHEDIR", "/tmp/kc"}}, dir.path().string());
  ConnectionFlags flags;
  flags.namespace_ = "flag-ns";
  flags.server = "https://override:1234";
  flags.token = "flag-token";
  flags.as = "jane";
  flags.as_groups = {"g1", "g2"};
  flags.request_timeout = "30s";
  auto config = load_rest_config(flags, env);
  CHECK(config.namespace_ == "flag-ns");
  CHECK(config.server == "https://override:1234");
  CHECK(config.tls_server_name.empty());  // a new server drops the kubeconfig's name
  CHECK(config.bearer_token == "flag-token");
  CHECK(config.impersonate_user == "jane");
  CHECK(config.impersonate_groups == std::vector<std::string>{"g1", "g2"});
  CHECK(config.timeout == std::chrono::seconds(30));
  CHECK(config.cache_dir == "/tmp/kc");

  ConnectionFlags insecure;
  insecure.insecure_skip_tls_verify = true;
  auto c2 = load_rest_config(insecure, env);
  CHECK(c2.insecure_skip_tls_verify);
  CHECK(c2.ca_file.empty());  // --insecure-skip-tls-verify clears the kubeconfig CA

  ConnectionFlags cluster_user;
  cluster_user.cluster = "shared";
  auto c3 = load_rest_config(cluster_user, env);
  CHECK(c3.server == "https://first.example");
  CHECK(c3.namespace_ == "red-ns");  // still the context's namespace

  ConnectionFlags bad_cluster;
  bad_cluster.cluster = "nope";
  CHECK_THROWS_WITH(load_rest_config(bad_cluster, env), Catch::Contains("\"nope\""));
  ConnectionFlags bad_user;
  bad_user.user = "ghost";
  CHECK_THROWS_WITH(load_rest_config(bad_user, env), Catch::Contains("\"ghost\""));

  ConnectionFlags extra;
  extra.as_user_extra = {"scopes=view", "scopes=edit", "team=mesh"};
  extra.username = "basic-user";
  extra.password = "basic-pw";
  auto c4 = load_rest_config(extra, env);
  CHECK(c4.impersonate_extra["scopes"] == std::vector<std::string>{"view", "edit"});
  CHECK(c4.impersonate_extra["team"] == std::vector<std::string>{"mesh"});
  CHECK(c4.username == "basic-user");
  extra.as_user_extra = {"novalue"};
  CHECK_THROWS_AS(load_rest_config(extra, env), kyma::UsageError);

  ConnectionFlags bad_timeout;
  bad_timeout.request_timeout = "30";
  CHECK_THROWS_AS(load_rest_config(bad_timeout, env), kyma::UsageError);
}

TEST_CASE("inline data is base64-decoded, and auth providers and exec are validated") {
  TempDir dir;
  auto file = dir.write("config", R"(
current-context: c
clusters:
- name: k
  cluster:
    server: https://k
    certificate-authority-data: LS0tLS1CRUdJTg==
contexts:
- name: c
  context: {cluster: k, user: u}
- name: gcp
  context: {cluster: k, user: gcp}
- name: oidc
  context: {cluster: k, user: oidc}
- name: exec1
  context: {cluster: k, user: exec1}
- name: exec1b
  context: {cluster: k, user: exec1b}
users:
- name: u
  user:
    client-certificate-data: aGVsbG8=
    tokenFile: token.txt
    as-user-extra: {scopes: [a, b]}
- name: gcp
  user: {auth-provider: {name: gcp}}
- name: oidc
  user: {auth-provider: {name: oidc, config: {id-token: the-id-token}}}
- name: exec1
  user:
    exec: {apiVersion: client.authentication.k8s.io/v1, command: ./plugin.sh}
- name: exec1b
  user:
    exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: plugin, args: [x]}
)");
  auto env = fake_env({}, dir.path().string());
  ConnectionFlags flags;
  flags.kubeconfig = file.string();
  auto config = load_rest_config(flags, env);
  CHECK(config.ca_data == "-----BEGIN");
  CHECK(config.client_certificate_data == "hello");
  CHECK(config.bearer_token_file == (dir.path() / "token.txt").string());
  CHECK(config.impersonate_extra["scopes"] == std::vector<std::string>{"a", "b"});

  flags.context = "gcp";
  CHECK_THROWS_WITH(load_rest_config(flags, env),
                    Catch::Contains("The gcp auth plugin has been removed") &&
                        Catch::Contains("gke-gcloud-auth-plugin"));
  flags.context = "oidc";
  CHECK(load_rest_config(flags, env).bearer_token == "the-id-token");
  flags.context = "exec1";
  CHECK_THROWS_WITH(load_rest_config(flags, env),
                    Catch::Contains("interactiveMode must be specified for exec1"));
  flags.context = "exec1b";
  auto exec = load_rest_config(flags, env);
  REQUIRE(exec.exec);
  CHECK(exec.exec->command == "plugin");  // a bare name stays a PATH lookup
  CHECK(exec.exec->args == std::vector<std::string>{"x"});
}

TEST_CASE("a malformed kubeconfig names the file") {
  TempDir dir;
  auto file = dir.write("broken", "clusters: [\n  - name: x\n   bad: indentation: here\n");
  ConnectionFlags flags;
  flags.kubeconfig = file.string();
  CHECK_THROWS_WITH(load_rest_config(flags, fake_env({}, dir.path().string())),
                    Catch::Contains("error loading config file") && Catch::Contains(file.string()));
}

TEST_CASE("in-cluster config when no kubeconfig exists") {
  TempDir home;
  TempDir sa;
  sa.write("token", "sa-token\n");
  sa.write("ca.crt", "pem");
  sa.write("namespace", "kyma-system");
  auto env = fake_env({{"KUBERNETES_SERVICE_HOST", "10.0.0.1"}, {"KUBERNETES_SERVICE_PORT", "443"}},
                      home.path().string(), sa.path().string());
  auto config = load_rest_config({}, env);
  CHECK(config.in_cluster);
  CHECK(config.server == "https://10.0.0.1:443");
  CHECK(config.bearer_token == "sa-token");
  CHECK(config.ca_file == (sa.path() / "ca.crt").string());
  CHECK(config.namespace_ == "kyma-system");

  ConnectionFlags flags;
  flags.namespace_ = "other";
  CHECK(load_rest_config(flags, env).namespace_ == "other");

  // A kubeconfig, when present, wins over in-cluster.
  home.write(".kube/config", kSecond);
  CHECK_FALSE(load_rest_config({}, env).in_cluster);
}

TEST_CASE("base64 round trip") {
  CHECK(base64_encode("hello world") == "aGVsbG8gd29ybGQ=");
  CHECK(base64_decode("aGVsbG8gd29ybGQ=") == std::optional<std::string>("hello world"));
  CHECK_FALSE(base64_decode("not*base64"));
}
