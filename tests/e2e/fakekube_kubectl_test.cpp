// The real kubectl (1.32, on PATH) against fakekube over HTTPS: the proof that the test API
// server is faithful enough. Each scenario of issue 4 runs as a user would type it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/fakekube/server.hpp"
#include "tests/support/background_process.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_paths.hpp"

namespace fs = std::filesystem;
using kyma::test::ProcessOptions;
using kyma::test::ProcessResult;
using kyma::test::TempDir;
using kyma::test::wait_until;
using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

fakekube::ServerOptions fast_pods() {
  fakekube::ServerOptions options;
  options.pod_ready_delay = milliseconds(200);
  return options;
}

// A started server and a kubectl environment of its own (HOME, KUBECONFIG).
struct Kubectl {
  fakekube::Server server{fast_pods()};
  TempDir home;
  fs::path kubeconfig;

  Kubectl() {
    server.start();
    kubeconfig = home.path() / "kubeconfig";
    server.write_kubeconfig(kubeconfig);
  }

  ProcessResult run(const std::vector<std::string>& args, const std::string& stdin_data = "",
                    seconds timeout = seconds(60)) {
    ProcessOptions options;
    options.env["KUBECONFIG"] = kubeconfig.string();
    options.env["HOME"] = home.path().string();
    options.env["PATH"] = "/usr/bin:/bin";
    if (!stdin_data.empty()) options.stdin_data = stdin_data;
    options.timeout = timeout;
    std::vector<std::string> argv{"kubectl"};
    argv.insert(argv.end(), args.begin(), args.end());
    return kyma::test::run_process(argv, options);
  }

  // Runs and requires success; returns stdout.
  std::string ok(const std::vector<std::string>& args, const std::string& stdin_data = "") {
    ProcessResult r = run(args, stdin_data);
    INFO("kubectl " << args.front() << "\nstdout: " << r.out << "\nstderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    return r.out;
  }

  std::string file(const std::string& name, const std::string& content) {
    return home.write(name, content).string();
  }

  int requests_matching(const std::string& verb, const std::string& path,
                        const std::string& query_part) {
    int n = 0;
    for (const auto& r : server.requests())
      if (r.verb == verb && r.path == path && contains(r.query, query_part)) ++n;
    return n;
  }
};

const char* kDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: demo
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.25
        ports:
        - containerPort: 80
)";

const char* kCrd = R"(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    additionalPrinterColumns:
    - {name: Size, type: integer, jsonPath: .spec.size}
    schema:
      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
)";

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(line);
  return out;
}

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string word;
  while (in >> word) out.push_back(word);
  return out;
}

}  // namespace

TEST_CASE("kubectl 1.32 talks to fakekube quietly: version, discovery, create namespace") {
  Kubectl k;
  json version = json::parse(k.ok({"version", "-o", "json"}));
  CHECK(version["clientVersion"]["gitVersion"].get<std::string>().rfind("v1.32.", 0) == 0);
  CHECK(version["serverVersion"]["gitVersion"] == "v1.32.0");

  ProcessResult created = k.run({"create", "namespace", "demo"});
  CHECK(created.exit_code == 0);
  CHECK(created.out == "namespace/demo created\n");
  CHECK(created.err.empty());
  CHECK(k.ok({"get", "namespace", "demo", "-o", "jsonpath={.status.phase}"}) == "Active");
  CHECK(k.ok({"get", "ns"}).find("demo ") != std::string::npos);

  std::string resources = k.ok({"api-resources", "--no-headers"});
  CHECK(contains(resources, "deployments"));
  CHECK(contains(resources, "deploy"));
  CHECK(contains(resources, "customresourcedefinitions"));
  CHECK(contains(k.ok({"api-versions"}), "autoscaling/v2"));

  ProcessResult missing = k.run({"get", "pod", "nope", "-n", "demo"});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err == "Error from server (NotFound): pods \"nope\" not found\n");
}

TEST_CASE("kubectl without credentials is told it must log in") {
  Kubectl k;
  std::string kubeconfig = kyma::test::read_file(k.kubeconfig);
  auto token = kubeconfig.find(k.server.admin_token());
  kubeconfig.replace(token, k.server.admin_token().size(), "wrong-token");
  kyma::test::TempDir other;
  std::string file = other.write("kubeconfig", kubeconfig).string();
  ProcessOptions options;
  options.env["KUBECONFIG"] = file;
  options.env["HOME"] = other.path().string();
  ProcessResult r = kyma::test::run_process({"kubectl", "get", "ns"}, options);
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "You must be logged in to the server"));
}

TEST_CASE("apply --server-side a Deployment and see its pods become Ready") {
  Kubectl k;
  k.ok({"create", "namespace", "demo"});
  std::string file = k.file("deploy.yaml", kDeployment);
  ProcessResult applied = k.run({"apply", "--server-side", "-f", file});
  CHECK(applied.exit_code == 0);
  CHECK(applied.out == "deployment.apps/web serverside-applied\n");
  CHECK(applied.err.empty());
  CHECK(k.requests_matching("PATCH", "/apis/apps/v1/namespaces/demo/deployments/web",
                            "fieldManager=kubectl") == 1);

  std::string waited = k.ok(
      {"wait", "--for=condition=Ready", "pod", "-l", "app=web", "-n", "demo", "--timeout=30s"});
  CHECK(lines(waited).size() == 2);
  CHECK(contains(waited, "condition met"));
  CHECK(contains(k.ok({"rollout", "status", "deployment/web", "-n", "demo", "--timeout=30s"}),
                 "deployment \"web\" successfully rolled out"));
  std::string table = k.ok({"get", "deployment", "web", "-n", "demo"});
  CHECK(contains(table, "2/2"));

  // Applying the same manifest again changes nothing.
  std::string rv = k.ok(
      {"get", "deployment", "web", "-n", "demo", "-o", "jsonpath={.metadata.resourceVersion}"});
  k.ok({"apply", "--server-side", "-f", file});
  CHECK(k.ok({"get", "deployment", "web", "-n", "demo", "-o",
              "jsonpath={.metadata.resourceVersion}"}) == rv);
}

TEST_CASE("rollout restart replaces the pods and rollout status follows it") {
  Kubectl k;
  k.ok({"create", "namespace", "demo"});
  k.ok({"apply", "-f", k.file("deploy.yaml", kDeployment)});
  k.ok({"rollout", "status", "deployment/web", "-n", "demo", "--timeout=30s"});
  // jsonpath prints the uids on one line, separated by spaces.
  std::vector<std::string> before =
      words(k.ok({"get", "pods", "-n", "demo", "-o", "jsonpath={.items[*].metadata.uid}"}));
  REQUIRE(before.size() == 2);

  CHECK(k.ok({"rollout", "restart", "deployment/web", "-n", "demo"}) ==
        "deployment.apps/web restarted\n");
  CHECK(contains(k.ok({"rollout", "status", "deployment/web", "-n", "demo", "--timeout=30s"}),
                 "successfully rolled out"));
  std::vector<std::string> after =
      words(k.ok({"get", "pods", "-n", "demo", "-o", "jsonpath={.items[*].metadata.uid}"}));
  CHECK(after.size() == 2);
  for (const auto& uid : before) CHECK(std::find(after.begin(), after.end(), uid) == after.end());
  std::string history = k.ok({"rollout", "history", "deployment/web", "-n", "demo"});
  CHECK(contains(history, "1 "));
  CHECK(contains(history, "2 "));
  CHECK(k.ok({"get", "deployment", "web", "-n", "demo", "-o",
              "jsonpath={.spec.template.metadata.annotations}"})
            .find("kubectl.kubernetes.io/restartedAt") != std::string::npos);
}

TEST_CASE("get --chunk-size pages through a list") {
  Kubectl k;
  for (int i = 0; i < 7; ++i)
    k.server.seed({{"apiVersion", "v1"},
                   {"kind", "ConfigMap"},
                   {"metadata", {{"name", "cm-" + std::to_string(i)}, {"namespace", "default"}}}});
  k.server.clear_requests();
  std::string names = k.ok({"get", "configmaps", "--chunk-size=2", "-o", "name"});
  CHECK(lines(names).size() == 7);
  CHECK(lines(names).front() == "configmap/cm-0");
  CHECK(k.requests_matching("GET", "/api/v1/namespaces/default/configmaps", "limit=2") == 4);
  CHECK(k.requests_matching("GET", "/api/v1/namespaces/default/configmaps", "continue=") == 3);
}

TEST_CASE("get -w streams a change") {
  Kubectl k;
  k.ok({"create", "namespace", "demo"});
  ProcessResult watched;
  std::thread watcher([&] {
    watched = k.run({"get", "configmaps", "-n", "demo", "-w", "--output-watch-events", "-o",
                     "custom-columns=EVENT:.type,NAME:.object.metadata.name,VALUE:.object.data.key",
                     "--no-headers"},
                    "", seconds(30));
  });
  REQUIRE(wait_until(
      [&] {
        return k.requests_matching("GET", "/api/v1/namespaces/demo/configmaps", "watch=true") > 0;
      },
      seconds(20), milliseconds(20)));
  k.ok({"create", "configmap", "live", "-n", "demo", "--from-literal=key=one"});
  k.ok({"patch", "configmap", "live", "-n", "demo", "-p", R"({"data":{"key":"two"}})"});
  REQUIRE(wait_until(
      [&] {
        return k.server.get("v1", "ConfigMap", "demo", "live").value()["data"]["key"] == "two";
      },
      seconds(5)));
  k.server.close_watches();  // the stream ends, and with it kubectl get -w
  watcher.join();
  CHECK_FALSE(watched.timed_out);
  std::vector<std::string> seen;
  for (const auto& line : lines(watched.out)) {
    std::stringstream words(line);
    std::string event, name, value;
    words >> event >> name >> value;
    seen.push_back(event + " " + name + " " + value);
  }
  CHECK(seen == std::vector<std::string>{"ADDED live one", "MODIFIED live two"});
}

TEST_CASE("a CRD, then an object of its kind") {
  Kubectl k;
  k.ok({"create", "namespace", "demo"});
  CHECK(k.ok({"apply", "-f", k.file("crd.yaml", kCrd)}) ==
        "customresourcedefinition.apiextensions.k8s.io/widgets.example.com created\n");
  CHECK(contains(
      k.ok({"wait", "--for", "condition=established", "crd/widgets.example.com", "--timeout=10s"}),
      "condition met"));
  std::string widget =
      "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\n  namespace: demo\nspec:\n "
      " size: 3\n";
  CHECK(k.ok({"apply", "-f", k.file("widget.yaml", widget)}) == "widget.example.com/w1 created\n");
  std::string table = k.ok({"get", "wd", "-n", "demo"});
  CHECK(contains(table, "SIZE"));
  CHECK(contains(table, "w1     3"));
  CHECK(k.ok({"get", "widgets.example.com", "w1", "-n", "demo", "-o", "jsonpath={.spec.size}"}) ==
        "3");
  CHECK(k.ok({"patch", "widget", "w1", "-n", "demo", "--type=merge", "-p",
              R"({"spec":{"size":5}})"}) == "widget.example.com/w1 patched\n");
  ProcessResult strategic =
      k.run({"patch", "widget", "w1", "-n", "demo", "-p", R"({"spec":{"size":6}})"});
  CHECK(strategic.exit_code == 1);
  CHECK((contains(strategic.err, "UnsupportedMediaType") ||
         contains(strategic.err, "not supported")));
  k.ok({"delete", "crd", "widgets.example.com"});
  CHECK_FALSE(k.server.get("example.com/v1", "Widget", "demo", "w1"));
}

TEST_CASE("delete namespace removes what is in it") {
  Kubectl k;
  k.ok({"create", "namespace", "doomed"});
  std::string deploy = kDeployment;
  deploy.replace(deploy.find("namespace: demo"), 15, "namespace: doomed");
  k.ok({"apply", "-f", k.file("deploy.yaml", deploy)});
  k.ok({"create", "configmap", "settings", "-n", "doomed", "--from-literal=a=b"});
  REQUIRE(k.server.list("v1", "Pod", "doomed").size() == 2);
  CHECK(k.ok({"delete", "namespace", "doomed", "--timeout=30s"}) ==
        "namespace \"doomed\" deleted\n");
  ProcessResult gone = k.run({"get", "namespace", "doomed"});
  CHECK(gone.exit_code == 1);
  CHECK(contains(gone.err, "NotFound"));
  CHECK(k.server.list("v1", "Pod", "doomed").empty());
  CHECK(k.server.list("apps/v1", "Deployment", "doomed").empty());
  CHECK(k.server.list("v1", "ConfigMap", "doomed").empty());
}

TEST_CASE("a stale update conflicts") {
  Kubectl k;
  k.ok({"create", "configmap", "shared", "--from-literal=key=one"});
  std::string stale = k.ok({"get", "configmap", "shared", "-o", "yaml"});
  k.ok({"patch", "configmap", "shared", "-p", R"({"data":{"key":"two"}})"});
  auto at = stale.find("key: one");
  REQUIRE(at != std::string::npos);
  stale.replace(at, 8, "key: three");
  ProcessResult replaced = k.run({"replace", "-f", k.file("stale.yaml", stale)});
  CHECK(replaced.exit_code == 1);
  CHECK(contains(replaced.err, "Error from server (Conflict)"));
  CHECK(contains(replaced.err,
                 "the object has been modified; please apply your changes to the "
                 "latest version and try again"));
  CHECK(k.server.get("v1", "ConfigMap", "default", "shared").value()["data"]["key"] == "two");
}

TEST_CASE("injection adds istio-proxy when the injector ConfigMap exists") {
  Kubectl k;
  k.ok({"create", "namespace", "istio-system"});
  json values = {{"global",
                  {{"hub", "europe-docker.pkg.dev/kyma-project/prod/external/istio"},
                   {"tag", "1.23.2-distroless"},
                   {"proxy",
                    {{"image", "proxyv2"},
                     {"resources", {{"requests", {{"cpu", "10m"}, {"memory", "192Mi"}}}}}}}}},
                 {"istio_cni", {{"enabled", true}}}};
  k.ok({"create", "configmap", "istio-sidecar-injector", "-n", "istio-system",
        "--from-literal=values=" + values.dump(), "--from-literal=config=policy: enabled"});
  k.ok({"create", "namespace", "shop"});
  k.ok({"label", "namespace", "shop", "istio-injection=enabled"});
  k.ok({"create", "deployment", "web", "-n", "shop", "--image=nginx:1.25"});
  k.ok({"rollout", "status", "deployment/web", "-n", "shop", "--timeout=30s"});
  CHECK(k.ok({"get", "pods", "-n", "shop", "-o", "jsonpath={.items[0].spec.containers[*].name}"}) ==
        "nginx istio-proxy");
  CHECK(k.ok({"get", "pods", "-n", "shop", "-o",
              "jsonpath={.items[0].spec.containers[?(@.name==\"istio-proxy\")].image}"}) ==
        "europe-docker.pkg.dev/kyma-project/prod/external/istio/proxyv2:1.23.2-distroless");
  CHECK(contains(k.ok({"get", "pods", "-n", "shop"}), "2/2     Running"));
  // Without the label, no sidecar.
  k.ok({"create", "namespace", "plain"});
  k.ok({"run", "solo", "-n", "plain", "--image=busybox:1.36"});
  CHECK(k.ok({"get", "pod", "solo", "-n", "plain", "-o", "jsonpath={.spec.containers[*].name}"}) ==
        "solo");
}

TEST_CASE("kubectl's protobuf commands create what --dry-run=client shows") {
  Kubectl k;
  k.ok({"create", "namespace", "demo"});
  std::vector<std::vector<std::string>> commands = {
      {"create", "deployment", "api", "-n", "demo", "--image=nginx:1.25", "--replicas=3",
       "--port=8080"},
      {"create", "configmap", "cfg", "-n", "demo", "--from-literal=a=1", "--from-literal=b=two"},
      {"create", "secret", "generic", "pw", "-n", "demo", "--from-literal=password=s3cr3t"},
      {"create", "serviceaccount", "bot", "-n", "demo"},
      {"run", "one", "-n", "demo", "--image=busybox:1.36", "--labels=tier=x", "--env=A=B", "--",
       "sleep", "60"},
  };
  for (auto command : commands) {
    std::vector<std::string> dry = command;
    auto args_end = std::find(dry.begin(), dry.end(), "--");  // container args follow "--"
    dry.insert(args_end, {"--dry-run=client", "-o", "json"});
    json expected = json::parse(k.ok(dry));
    k.ok(command);
    std::string kind = expected["kind"];
    auto stored = k.server.get(expected["apiVersion"], kind, "demo", expected["metadata"]["name"]);
    REQUIRE(stored);
    INFO(kind << ": " << expected.dump());
    // Everything the client sent is there (the server adds defaults and metadata).
    json diff = json::diff(expected, *stored);
    for (const auto& op : diff) {
      std::string path = op["path"];
      bool server_side =
          op["op"] == "add" || contains(path, "creationTimestamp") || path.rfind("/status", 0) == 0;
      INFO(op.dump());
      CHECK(server_side);
    }
  }
  CHECK(k.ok({"auth", "can-i", "list", "pods", "-n", "demo"}) == "yes\n");
  fakekube::AccessRule deny;
  deny.resource = "secrets";
  k.server.set_access_rules({deny});
  ProcessResult denied = k.run({"auth", "can-i", "get", "secrets", "-n", "demo"});
  CHECK(denied.out == "no\n");
  CHECK(denied.exit_code == 1);
}

TEST_CASE("client-side apply with strict validation, label, scale, describe, logs") {
  Kubectl k;
  k.ok({"create", "namespace", "demo"});
  std::string file = k.file("deploy.yaml", kDeployment);
  ProcessResult applied = k.run({"apply", "-f", file});
  CHECK(applied.out == "deployment.apps/web created\n");
  CHECK(applied.err.empty());
  CHECK(k.ok({"apply", "-f", file}) == "deployment.apps/web unchanged\n");
  CHECK(k.requests_matching("POST", "/apis/apps/v1/namespaces/demo/deployments",
                            "fieldValidation=Strict") == 1);
  k.ok({"label", "deployment", "web", "-n", "demo", "team=a"});
  k.ok({"scale", "deployment", "web", "-n", "demo", "--replicas=3"});
  REQUIRE(wait_until([&] { return k.server.list("v1", "Pod", "demo").size() == 3; }, seconds(5)));
  std::string described = k.ok({"describe", "deployment", "web", "-n", "demo"});
  CHECK(contains(described, "team=a"));
  CHECK(contains(described, "web-"));
  CHECK(k.ok({"logs", "deployment/web", "-n", "demo"}).empty());
}

TEST_CASE("the standalone fakekube serves until SIGTERM and writes a kubeconfig") {
  TempDir dir;
  fs::path kubeconfig = dir.path() / "kubeconfig";
  fs::path out = dir.path() / "out.txt";
  fs::path binary = kyma::test::build_dir() / "bin" / "fakekube";
  REQUIRE(fs::exists(binary));
  kyma::test::BackgroundProcess fakekube(
      {binary.string(), "--port", "0", "--kubeconfig-out", kubeconfig.string(), "--nodes", "2",
       "--node-cpu", "4", "--node-memory", "8Gi", "--provider-id", "aws:///eu-central-1a/i-1"},
      out);
  // Its last line says the kubeconfig is complete.
  bool up =
      wait_until([&] { return contains(fakekube.output(), "kubeconfig written to"); }, seconds(20));
  if (up) {
    std::string printed = kyma::test::read_file(out);
    CHECK(printed.rfind("fakekube serving at https://127.0.0.1:", 0) == 0);
    ProcessOptions options;
    options.env["KUBECONFIG"] = kubeconfig.string();
    options.env["HOME"] = dir.path().string();
    ProcessResult nodes = kyma::test::run_process(
        {"kubectl", "get", "nodes", "-o", "jsonpath={.items[*].status.capacity.cpu}"}, options);
    CHECK(nodes.out == "4 4");
    ProcessResult provider = kyma::test::run_process(
        {"kubectl", "get", "nodes", "-o", "jsonpath={.items[0].spec.providerID}"}, options);
    CHECK(provider.out == "aws:///eu-central-1a/i-1");
    // The control API is reachable with the same credentials.
    ProcessResult log =
        kyma::test::run_process({"kubectl", "get", "--raw", "/_fakekube/requests"}, options);
    CHECK(contains(log.out, "/api/v1/nodes"));
  }
  std::optional<int> exit_code = fakekube.stop();
  CHECK(up);
  CHECK(exit_code == 0);
  CHECK(contains(kyma::test::read_file(out), "fakekube stopped"));
}

TEST_CASE("the standalone fakekube refuses bad flags with a clear message") {
  fs::path binary = kyma::test::build_dir() / "bin" / "fakekube";
  ProcessResult r = kyma::test::run_process({binary.string(), "--port", "70000"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "error: --port must be between 0 and 65535\n");
  ProcessResult bad = kyma::test::run_process({binary.string(), "--ca-cert", "/nonexistent"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err == "error: --ca-cert and --ca-key go together\n");
}

TEST_CASE("a negative replica count is refused, and the server keeps serving") {
  Kubectl k;
  ProcessResult bad = k.run({"create", "deployment", "bad", "--image=nginx", "--replicas=-1"});
  CHECK(bad.exit_code == 1);
  CHECK(bad.err ==
        "error: failed to create deployment: Deployment.apps \"bad\" is invalid: spec.replicas: "
        "Invalid value: -1: must be greater than or equal to 0\n");
  k.ok({"create", "deployment", "good", "--image=nginx"});
  ProcessResult patched = k.run({"patch", "deployment", "good", "--type=json", "-p",
                                 R"([{"op":"replace","path":"/spec/replicas","value":-1}])"});
  CHECK(patched.exit_code == 1);
  CHECK(contains(patched.err, "spec.replicas: Invalid value: -1"));
  CHECK(k.ok({"get", "deployment", "good", "-o", "jsonpath={.spec.replicas}"}) == "1");
}

TEST_CASE("rollout undo goes back to the ReplicaSet of the previous template") {
  Kubectl k;
  k.ok({"create", "deployment", "web", "--image=nginx:1.25"});
  std::string original = k.ok({"get", "rs", "-o", "jsonpath={.items[*].metadata.name}"});
  REQUIRE(words(original).size() == 1);
  k.ok({"set", "image", "deployment/web", "nginx=nginx:1.26"});
  REQUIRE(words(k.ok({"get", "rs", "-o", "jsonpath={.items[*].metadata.name}"})).size() == 2);
  CHECK(k.ok({"rollout", "undo", "deployment/web"}) == "deployment.apps/web rolled back\n");
  CHECK(words(k.ok({"get", "rs", "-o", "jsonpath={.items[*].metadata.name}"})).size() == 2);
  CHECK(k.ok({"get", "rs", original, "-o", "jsonpath={.spec.replicas}"}) == "1");
}

TEST_CASE("create -f of a SelfSubjectAccessReview passes kubectl's default validation") {
  Kubectl k;
  std::string file = k.file("ssar.yaml", R"(apiVersion: authorization.k8s.io/v1
kind: SelfSubjectAccessReview
spec:
  resourceAttributes: {verb: list, resource: pods, namespace: default}
)");
  ProcessResult created = k.run({"create", "-f", file, "-o", "jsonpath={.status.allowed}"});
  INFO(created.err);
  CHECK(created.exit_code == 0);
  CHECK(created.out == "true");
  CHECK(k.requests_matching("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                            "fieldValidation=Strict") == 1);
}
