// `kubectl kyma-istio status`, end to end: the real kubectl runs the staged plugin against a
// fakekube cluster after real installs and upgrades; the table, -o json and --watch are read
// back and compared with what the cluster holds.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include "tests/e2e/plugin_session.hpp"

using kyma::test::BackgroundPlugin;
using kyma::test::contains;
using kyma::test::deployment;
using kyma::test::injected_namespace;
using kyma::test::kProxyImage;
using kyma::test::PluginSession;
using kyma::test::ProcessResult;
using kyma::test::proxy_images;
using kyma::test::require_success;
using kyma::test::str;
using kyma::test::wait_until;
using nlohmann::json;
using std::chrono::seconds;

namespace {

void seed_injected_namespace(PluginSession& session) {
  session.server().seed(injected_namespace("shop"));
}

void seed_deployment(PluginSession& session, const std::string& name, int replicas) {
  session.server().seed(deployment("shop", name, replicas));
}

bool proxies_run(PluginSession& session, size_t count, const std::string& tag) {
  auto images = proxy_images(session, "shop");
  if (images.size() != count) return false;
  for (const auto& image : images) {
    if (image != kProxyImage + tag) return false;
  }
  return true;
}

json status_json(PluginSession& session) {
  ProcessResult r = session.plugin({"status", "-o", "json"});
  require_success(r);
  json doc = json::parse(r.out, nullptr, false);
  INFO(r.out);
  REQUIRE(doc.is_object());
  return doc;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("status on a cluster without Istio says so and exits 0") {
  PluginSession session;
  ProcessResult r = session.plugin({"status"});
  require_success(r);
  CHECK(r.out.starts_with(
      "Istio CR:       none: the Istio CRD (istios.operator.kyma-project.io) is not installed\n"));
  CHECK(contains(r.out, "Control plane:  not found in istio-system"));
  CHECK(contains(r.out, "  - Istio is not installed"));
  CHECK(r.err.empty());

  json doc = status_json(session);
  CHECK(doc["healthy"] == false);
  CHECK(doc["istio"]["crdInstalled"] == false);
  CHECK(doc["istio"]["cr"].is_null());
}

TEST_CASE("status with an unknown output format gives kubectl's error and exit 2") {
  PluginSession session;
  ProcessResult r = session.plugin({"status", "-o", "wide"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err ==
        "error: unable to match a printer suitable for the output format \"wide\", allowed "
        "formats are: json,table,yaml\n");
  ProcessResult timeout_alone = session.plugin({"status", "--timeout", "5s"});
  CHECK(timeout_alone.exit_code == 2);
  CHECK(contains(timeout_alone.err, "--timeout is only used with --watch"));
}

TEST_CASE("status of an installed mesh with an injected workload, as a table and as JSON") {
  PluginSession session;
  require_success(session.plugin({"install"}));
  seed_injected_namespace(session);
  seed_deployment(session, "web", 2);
  REQUIRE(wait_until([&] { return proxies_run(session, 2, "1.23.2-distroless"); }, seconds(20)));

  session.server().clear_requests();
  ProcessResult r = session.plugin({"status"});
  require_success(r);
  INFO(r.out);
  CHECK(r.out.starts_with("Istio CR:       kyma-system/default\nState:          Ready\n"));
  CHECK(contains(r.out, "Last applied:   Istio 1.23.2-distroless, the spec is unchanged since"));
  CHECK(contains(r.out, "  Ready                               True     ReconcileSucceeded"));
  CHECK(contains(r.out, "Control plane:  1.23.2\n"));
  CHECK(contains(r.out, "  istiod                 Deployment   1.23.2    "));
  CHECK(contains(r.out, "  istio-cni-node         DaemonSet    1.23.2    3/3"));
  CHECK(contains(r.out, "Data plane:     2 pods with an Istio sidecar: 1.23.2: 2 pods\n"));
  CHECK(contains(r.out, "Outdated:       none\n"));
  CHECK(contains(r.out, "Summary:        healthy and up to date\n"));

  // A few paged lists, whatever the number of pods; no request per pod.
  int lists = 0;
  for (const auto& request : session.server().requests()) {
    INFO(request.verb << " " << request.path << "?" << request.query);
    CHECK(request.verb == "GET");
    if (contains(request.query, "limit=500")) ++lists;
    CHECK_FALSE(contains(request.path, "/pods/"));
  }
  CHECK(lists == 5);
  CHECK(session.server().requests().size() <= 12);

  json doc = status_json(session);
  CHECK(doc["healthy"] == true);
  CHECK(doc["problems"] == json::array());
  CHECK(doc["istio"]["cr"]["state"] == "Ready");
  CHECK(doc["istio"]["cr"]["lastApplied"]["istioTag"] == "1.23.2-distroless");
  CHECK(doc["controlPlane"]["versions"] == json::array({"1.23.2"}));
  REQUIRE(doc["controlPlane"]["components"].size() == 3);
  for (const auto& component : doc["controlPlane"]["components"]) {
    INFO(component.dump());
    CHECK(component["found"] == true);
    CHECK(component["readyReplicas"] == component["desiredReplicas"]);
  }
  CHECK(doc["dataPlane"]["pods"] == 2);
  CHECK(doc["dataPlane"]["versions"] == json::parse(R"([{"version":"1.23.2","pods":2}])"));
  CHECK(doc["outdated"]["injectorImage"] == kProxyImage + "1.23.2-distroless");
  CHECK(doc["outdated"]["pods"] == 0);

  ProcessResult yaml = session.plugin({"status", "-o", "yaml"});
  require_success(yaml);
  CHECK(contains(yaml.out, "healthy: true\n"));
}

TEST_CASE("status tells outdated sidecars from current ones across a change of the injector") {
  PluginSession session;
  require_success(session.plugin({"install", "--istio-version", "1.22.3"}));
  seed_injected_namespace(session);
  seed_deployment(session, "web", 2);
  session.server().seed(json::parse(R"({
    "apiVersion": "v1", "kind": "Pod", "metadata": {"name": "lonely", "namespace": "shop"},
    "spec": {"containers": [{"name": "app", "image": "busybox"}]}})"));
  REQUIRE(wait_until([&] { return proxies_run(session, 3, "1.22.3-distroless"); }, seconds(20)));

  // Everything runs what the 1.22.3 injector gives.
  json doc = status_json(session);
  CHECK(doc["controlPlane"]["versions"] == json::array({"1.22.3"}));
  CHECK(doc["istio"]["cr"]["lastApplied"]["istioTag"] == "1.22.3-distroless");
  CHECK(doc["dataPlane"]["versions"] == json::parse(R"([{"version":"1.22.3","pods":3}])"));
  CHECK(doc["outdated"]["pods"] == 0);

  // The injector moves on (as during an upgrade, before any restart): every sidecar is outdated.
  auto config_map =
      session.server().get("v1", "ConfigMap", "istio-system", "istio-sidecar-injector");
  REQUIRE(config_map);
  json values = json::parse((*config_map)["data"]["values"].get<std::string>());
  values["global"]["tag"] = "1.23.2-distroless";
  (*config_map)["data"]["values"] = values.dump();
  session.server().seed(*config_map);
  doc = status_json(session);
  CHECK(doc["outdated"]["injectorVersion"] == "1.23.2");
  CHECK(doc["outdated"]["pods"] == 3);
  CHECK(doc["outdated"]["workloads"] == json::parse(R"([
          {"namespace":"shop","kind":"Deployment","name":"web","pods":2,
           "proxyVersions":["1.22.3"],"restart":"automatic","reason":null},
          {"namespace":"shop","kind":"Pod","name":"lonely","pods":1,
           "proxyVersions":["1.22.3"],"restart":"manual","reason":"no owner"}])"));
  CHECK(doc["healthy"] == false);

  // The upgrade restarts web; the pod without an owner is left for the user.
  ProcessResult upgrade = session.plugin({"upgrade"});
  CHECK(upgrade.exit_code == 4);
  REQUIRE(wait_until(
      [&] {
        auto images = proxy_images(session, "shop");
        return images.size() == 3 &&
               std::count(images.begin(), images.end(), kProxyImage + "1.23.2-distroless") == 2;
      },
      seconds(20)));
  doc = status_json(session);
  CHECK(doc["controlPlane"]["versions"] == json::array({"1.23.2"}));
  CHECK(doc["istio"]["cr"]["state"] == "Warning");
  CHECK(doc["dataPlane"]["versions"] ==
        json::parse(R"([{"version":"1.23.2","pods":2},{"version":"1.22.3","pods":1}])"));
  CHECK(doc["outdated"]["pods"] == 1);
  REQUIRE(doc["outdated"]["workloads"].size() == 1);
  CHECK(doc["outdated"]["workloads"][0]["name"] == "lonely");

  ProcessResult table = session.plugin({"status"});
  require_success(table);
  INFO(table.out);
  CHECK(contains(table.out, "State:          Warning\n"));
  CHECK(contains(table.out,
                 "Data plane:     3 pods with an Istio sidecar: 1.23.2: 2 pods, "
                 "1.22.3: 1 pod\n"));
  CHECK(contains(table.out,
                 "Outdated:       1 pod in 1 workload runs a proxy image other than the "
                 "injector's\n"));
  CHECK(contains(table.out, "  shop        pod/lonely   1      1.22.3   manual: no owner\n"));
  CHECK(contains(table.out, "Restart the workloads marked manual yourself"));
}

TEST_CASE("status fails with exit 1 when the cluster refuses a read") {
  PluginSession session;
  require_success(session.plugin({"install"}));
  session.server().add_fault(fakekube::failing("GET", "/api/v1/pods", 403, 5));
  ProcessResult r = session.plugin({"status"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK(r.err.starts_with("error: "));
  CHECK(contains(r.err, "forbidden"));
}

TEST_CASE("status --watch prints a JSON line for each change until interrupted") {
  PluginSession session;
  require_success(session.plugin({"install"}));
  seed_injected_namespace(session);

  BackgroundPlugin watch(session, {"status", "--watch", "-o", "json"});
  auto documents = [&] {
    std::vector<json> docs;
    for (const auto& line : lines_of(watch.output()))
      docs.push_back(json::parse(line, nullptr, false));
    return docs;
  };
  REQUIRE(wait_until(
      [&] {
        auto docs = documents();
        return !docs.empty() && docs.front().is_object();
      },
      seconds(30)));
  CHECK(documents().front()["dataPlane"]["pods"] == 0);

  seed_deployment(session, "web", 2);
  REQUIRE(wait_until(
      [&] {
        auto docs = documents();
        return !docs.empty() && docs.back().is_object() && docs.back()["dataPlane"]["pods"] == 2;
      },
      seconds(30)));
  const ProcessResult& result = watch.stop();
  CHECK(result.err.empty());
  auto docs = documents();
  CHECK(docs.size() >= 2);
  for (const auto& doc : docs) {
    REQUIRE(doc.is_object());  // every line is one whole document
    CHECK(doc.contains("healthy"));
  }
}

TEST_CASE("status --watch sees Istio being installed, and --timeout ends it with exit 0") {
  PluginSession session;
  SECTION("a table per change, from no CRD to a Ready CR") {
    BackgroundPlugin watch(session, {"status", "--watch"});
    REQUIRE(wait_until([&] { return contains(watch.output(), "Istio CR:"); }, seconds(30)));
    CHECK(contains(watch.output(), "the Istio CRD (istios.operator.kyma-project.io) is not"));
    require_success(session.plugin({"install"}));
    REQUIRE(wait_until(
        [&] {
          std::string out = watch.output();
          auto last = out.rfind("\n--- ");
          return last != std::string::npos &&
                 contains(out.substr(last), "State:          Ready\n") &&
                 contains(out.substr(last), "Summary:        healthy and up to date");
        },
        seconds(30)));
  }
  SECTION("a watch with --timeout stops by itself") {
    auto started = std::chrono::steady_clock::now();
    ProcessResult r = session.plugin({"status", "--watch", "--timeout", "2s", "-o", "yaml"});
    require_success(r);
    CHECK(std::chrono::steady_clock::now() - started >= seconds(2));
    CHECK(r.out.starts_with("---\n"));
    CHECK(contains(r.out, "crdInstalled: false"));
  }
}
