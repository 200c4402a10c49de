// `kubectl kyma-istio restart` end to end against fakekube: sidecars left outdated by an upgrade
// whose own restart failed, found (--dry-run writes nothing), restarted and waited for, the Job's
// and the bare pod's left for the user (exit 4); the namespace scope; an up-to-date cluster; a
// CR change the injector does not know yet; a rollout that does not finish (exit 5).
#include <algorithm>
#include <future>
#include <thread>

#include <catch2/catch.hpp>

#include "tests/e2e/plugin_session.hpp"

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

json bare_pod(const std::string& ns, const std::string& name) {
  return {{"apiVersion", "v1"},
          {"kind", "Pod"},
          {"metadata", {{"name", name}, {"namespace", ns}}},
          {"spec", {{"containers", json::array({{{"name", "app"}, {"image", "busybox"}}})}}}};
}

// A Job and the pod it would have created (fakekube runs no Job controller).
void seed_job_with_pod(PluginSession& session, const std::string& ns, const std::string& job) {
  json created = session.server().seed(
      {{"apiVersion", "batch/v1"},
       {"kind", "Job"},
       {"metadata", {{"name", job}, {"namespace", ns}}},
       {"spec",
        {{"template",
          {{"spec",
            {{"restartPolicy", "Never"},
             {"containers", json::array({{{"name", "job"}, {"image", "busybox"}}})}}}}}}}});
  json pod = bare_pod(ns, job + "-x7k2p");
  pod["metadata"]["ownerReferences"] = json::array({{{"apiVersion", "batch/v1"},
                                                     {"kind", "Job"},
                                                     {"name", job},
                                                     {"uid", str(created, "/metadata/uid")},
                                                     {"controller", true}}});
  session.server().seed(pod);
}

// Images of the istio-proxy containers of the live pods in `ns` whose name starts with `prefix`.
bool proxies_run(PluginSession& session, const std::string& ns, const std::string& prefix,
                 size_t count, const std::string& tag) {
  auto images = proxy_images(session, ns, prefix);
  return images.size() == count && std::all_of(images.begin(), images.end(), [&](auto& image) {
           return image == kProxyImage + tag;
         });
}

// The ready pods of `ns` whose name starts with `prefix`.
bool ready(PluginSession& session, const std::string& ns, const std::string& prefix, size_t count) {
  size_t n = 0;
  for (const auto& pod : session.server().list("v1", "Pod", ns)) {
    if (pod.contains(json::json_pointer("/metadata/deletionTimestamp"))) continue;
    if (!str(pod, "/metadata/name").starts_with(prefix)) continue;
    if (str(pod, "/status/phase") == "Running") ++n;
  }
  return n == count;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The table's rows as their whitespace-separated cells.
std::vector<std::vector<std::string>> rows(const std::string& table) {
  std::vector<std::vector<std::string>> out;
  for (const auto& line : lines(table)) {
    std::vector<std::string> cells;
    size_t i = 0;
    while (i < line.size()) {
      size_t start = line.find_first_not_of(' ', i);
      if (start == std::string::npos) break;
      size_t end = line.find(' ', start);
      if (end == std::string::npos) end = line.size();
      cells.push_back(line.substr(start, end - start));
      i = end;
    }
    if (!cells.empty()) out.push_back(cells);
  }
  return out;
}

// Istio 1.22.3 with workloads, then the upgrade to 1.23.2 with its sidecar restart failing (the
// cluster-wide pod list answers 500 once): Istio is at 1.23.2, the sidecars still at 1.22.3.
void install_and_upgrade_leaving_old_sidecars(PluginSession& session) {
  require_success(session.plugin({"install", "--istio-version", "1.22.3"}));
  session.server().seed(injected_namespace("shop"));
  session.server().seed(deployment("shop", "web", 2));
  session.server().seed(bare_pod("shop", "lonely"));
  seed_job_with_pod(session, "shop", "migrate");
  session.server().seed(injected_namespace("books"));
  session.server().seed(deployment("books", "reviews", 1));
  REQUIRE(wait_until(
      [&] {
        return proxies_run(session, "shop", "", 4, "1.22.3-distroless") &&
               proxies_run(session, "books", "", 1, "1.22.3-distroless") &&
               ready(session, "shop", "", 4) && ready(session, "books", "", 1);
      },
      seconds(20)));

  session.server().add_fault(fakekube::failing("GET", "/api/v1/pods", 500, 1));
  ProcessResult upgrade = session.plugin({"upgrade"});
  INFO(upgrade.out << upgrade.err);
  REQUIRE(upgrade.exit_code == 1);
  REQUIRE(contains(upgrade.err, "Error occurred during reconciliation of Istio Sidecars"));
  session.server().clear_faults();
  REQUIRE(proxies_run(session, "shop", "web-", 2, "1.22.3-distroless"));
}

}  // namespace

TEST_CASE("restart finds the sidecars an upgrade left behind, restarts them and waits") {
  PluginSession session;
  install_and_upgrade_leaving_old_sidecars(session);

  // -n and -A together: a usage error before any request.
  session.server().clear_requests();
  ProcessResult both = session.plugin({"restart", "-n", "shop", "-A"});
  CHECK(both.exit_code == 2);
  CHECK(
      contains(both.err, "error: -n/--namespace and -A/--all-namespaces cannot be used together"));
  CHECK(session.server().requests().empty());
  ProcessResult bad_timeout = session.plugin({"restart", "--timeout", "soon"});
  CHECK(bad_timeout.exit_code == 2);
  CHECK(contains(bad_timeout.err, "error: invalid value \"soon\" for --timeout"));
  CHECK(session.server().requests().empty());

  // Dry run, every namespace (the default): exactly the outdated workloads, nothing written.
  session.server().clear_requests();
  ProcessResult dry = session.plugin({"restart", "--dry-run"});
  INFO(dry.out << dry.err);
  require_success(dry);
  CHECK(session.writes().empty());
  // Owners are read a namespace at a time, not one GET per pod's ReplicaSet.
  for (const auto& r : session.server().requests()) {
    INFO(r.verb << " " << r.path);
    CHECK_FALSE((r.verb == "GET" && contains(r.path, "/replicasets/")));
  }
  auto table = rows(dry.out);
  REQUIRE(table.size() == 5);
  CHECK(table[0] ==
        std::vector<std::string>{"NAMESPACE", "KIND", "NAME", "PODS", "REASONS", "ACTION"});
  CHECK(table[1] ==
        std::vector<std::string>{"books", "Deployment", "reviews", "1", "image", "Restart"});
  CHECK(table[2] == std::vector<std::string>{"shop", "Deployment", "web", "2", "image", "Restart"});
  CHECK(table[3] ==
        std::vector<std::string>{"shop", "Pod", "lonely", "1", "image", "ManualRestart"});
  CHECK(table[4] ==
        std::vector<std::string>{"shop", "Pod", "migrate-x7k2p", "1", "image", "ManualRestart"});
  auto cr_before = session.istio_cr();
  REQUIRE(cr_before);

  // -n limits the scope: only books is looked at and restarted.
  ProcessResult books_dry = session.plugin({"restart", "--dry-run", "-n", "books"});
  require_success(books_dry);
  CHECK(rows(books_dry.out).size() == 2);
  CHECK(contains(books_dry.out, "reviews"));
  CHECK_FALSE(contains(books_dry.out, "shop"));
  ProcessResult books = session.plugin({"restart", "-n", "books"});
  INFO(books.out << books.err);
  require_success(books);
  CHECK(books.out == "deployment.apps/reviews -n books restarted (image)\n");
  CHECK(contains(books.err, "deployment \"reviews\" successfully rolled out"));
  CHECK(proxies_run(session, "books", "reviews-", 1, "1.23.2-distroless"));
  CHECK(proxies_run(session, "shop", "web-", 2, "1.22.3-distroless"));

  // Everything else: web rolls, the Job's pod and the bare pod are left to the user.
  session.server().clear_requests();
  ProcessResult run = session.plugin({"restart"});
  INFO(run.out << run.err);
  CHECK(run.exit_code == 4);
  CHECK(lines(run.out) ==
        std::vector<std::string>{
            "deployment.apps/web -n shop restarted (image)",
            "pod/lonely -n shop needs a manual restart (image): pod sidecar could not be "
            "updated because OwnerReferences was not found.",
            "pod/migrate-x7k2p -n shop needs a manual restart (image): pod sidecar could not be "
            "updated because it is owned by a Job."});
  CHECK(contains(run.err, "Waiting for deployment \"web\" rollout to finish"));
  CHECK(contains(run.err, "deployment \"web\" successfully rolled out"));
  CHECK(contains(run.err,
                 "warning: The sidecars of the following workloads could not be restarted: "
                 "shop/lonely, shop/migrate-x7k2p\n"));
  // It waited: the rollout is done when it returns.
  CHECK(proxies_run(session, "shop", "web-", 2, "1.23.2-distroless"));
  CHECK(proxies_run(session, "shop", "lonely", 1, "1.22.3-distroless"));
  // The only writes are the restart; the CR (status, annotation) is untouched.
  auto writes = session.writes();
  REQUIRE(writes.size() == 1);
  CHECK(writes[0].verb == "PATCH");
  CHECK(writes[0].path == "/apis/apps/v1/namespaces/shop/deployments/web");
  auto cr_after = session.istio_cr();
  REQUIRE(cr_after);
  CHECK(cr_after->value("status", json()) == cr_before->value("status", json()));
  CHECK(str(*cr_after, "/metadata/resourceVersion") ==
        str(*cr_before, "/metadata/resourceVersion"));
}

TEST_CASE("restart on an up-to-date cluster does nothing, and follows the CR's proxy resources") {
  PluginSession session;
  require_success(session.plugin({"install"}));
  session.server().seed(injected_namespace("shop"));
  session.server().seed(deployment("shop", "web", 1));
  REQUIRE(wait_until(
      [&] {
        return proxies_run(session, "shop", "web-", 1, "1.23.2-distroless") &&
               ready(session, "shop", "web-", 1);
      },
      seconds(20)));

  session.server().clear_requests();
  ProcessResult idle = session.plugin({"restart"});
  INFO(idle.out << idle.err);
  require_success(idle);
  CHECK(idle.out.empty());
  CHECK(contains(idle.err, "No outdated sidecars found"));
  CHECK(session.writes().empty());

  // The CR asks for other proxy resources; the injector does not know yet (no reconcile ran),
  // but restart compares with what the merged CR would inject.
  ProcessResult patch = session.kubectl(
      {"patch", "istios.operator.kyma-project.io", "default", "-n", "kyma-system", "--type",
       "merge", "-p",
       R"({"spec":{"components":{"proxy":{"k8s":{"resources":{"requests":{"cpu":"30m"}}}}}}})"});
  require_success(patch);
  session.server().clear_requests();
  ProcessResult dry = session.plugin({"restart", "--dry-run", "-n", "shop"});
  INFO(dry.out << dry.err);
  require_success(dry);
  CHECK(session.writes().empty());
  auto table = rows(dry.out);
  REQUIRE(table.size() == 2);
  CHECK(table[1] ==
        std::vector<std::string>{"shop", "Deployment", "web", "1", "resources", "Restart"});
}

TEST_CASE("restart gives up on a rollout that does not finish in time") {
  // Pods take a second to get ready: time enough to mark the new ReplicaSet's pods failing.
  fakekube::ServerOptions slow = kyma::test::production_cluster();
  slow.pod_ready_delay = std::chrono::seconds(1);
  PluginSession session(slow);
  install_and_upgrade_leaving_old_sidecars(session);

  // The new ReplicaSet's pods never get ready: catch it as soon as the restart creates it.
  auto old_sets = session.server().list("apps/v1", "ReplicaSet", "shop");
  auto run = std::async(std::launch::async, [&] {
    return session.plugin({"restart", "-n", "shop", "--timeout", "3s"});
  });
  std::string new_set;
  REQUIRE(wait_until(
      [&] {
        for (const auto& rs : session.server().list("apps/v1", "ReplicaSet", "shop")) {
          std::string name = str(rs, "/metadata/name");
          bool old = std::any_of(old_sets.begin(), old_sets.end(),
                                 [&](const json& o) { return str(o, "/metadata/name") == name; });
          if (!old && name.starts_with("web-")) new_set = name;
        }
        if (!new_set.empty()) session.server().fail_pods("shop", new_set, "ImagePullBackOff");
        return !new_set.empty();
      },
      seconds(60), std::chrono::milliseconds(5)));
  ProcessResult result = run.get();
  INFO(result.out << result.err);
  CHECK(result.exit_code == 5);
  CHECK(contains(result.out, "deployment.apps/web -n shop restarted (image)"));
  CHECK(contains(result.err,
                 "error: timed out after 3s waiting for 1 of 1 objects: "
                 "Deployment/shop/web"));
  CHECK(contains(result.err, "ImagePullBackOff"));
  // The manual-restart list still comes, after the wait.
  CHECK(contains(result.out, "pod/lonely -n shop needs a manual restart"));
}

TEST_CASE("a Kyma workload that cannot be restarted fails the restart before the customers'") {
  PluginSession session;
  require_success(session.plugin({"install"}));
  session.server().seed(injected_namespace("shop"));
  session.server().seed(deployment("shop", "web", 1));
  // A Kyma pod in kyma-system, injected by an older Istio and owned by nothing.
  session.server().seed(json::parse(R"({
    "apiVersion": "v1", "kind": "Pod",
    "metadata": {"name": "kyma-agent", "namespace": "kyma-system",
                 "annotations": {"sidecar.istio.io/status": "{}"}},
    "spec": {"containers": [{"name": "agent", "image": "busybox"},
      {"name": "istio-proxy",
       "image": "europe-docker.pkg.dev/kyma-project/prod/external/istio/proxyv2:1.22.3-distroless"}]},
    "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}})"));
  REQUIRE(wait_until([&] { return ready(session, "shop", "web-", 1); }, seconds(20)));
  // The customer's Deployment is outdated too: its proxy resources differ from the CR's.
  require_success(session.kubectl(
      {"patch", "istios.operator.kyma-project.io", "default", "-n", "kyma-system", "--type",
       "merge", "-p",
       R"({"spec":{"components":{"proxy":{"k8s":{"resources":{"limits":{"memory":"2Gi"}}}}}}})"}));

  session.server().clear_requests();
  ProcessResult dry = session.plugin({"restart", "--dry-run"});
  INFO(dry.out << dry.err);
  CHECK(dry.exit_code == 1);
  CHECK(contains(dry.err,
                 "error: the sidecar restart would fail: kyma-system/kyma-agent: pod "
                 "sidecar could not be updated because OwnerReferences was not found."));
  ProcessResult run = session.plugin({"restart"});
  INFO(run.out << run.err);
  CHECK(run.exit_code == 1);
  CHECK(contains(run.err,
                 "error: sidecar restart failed: kyma-system/kyma-agent: pod sidecar "
                 "could not be updated because OwnerReferences was not found."));
  CHECK(run.out.empty());
  CHECK(session.writes().empty());

  // In the customer namespace alone there is no Kyma workload in the way.
  ProcessResult shop = session.plugin({"restart", "-n", "shop"});
  INFO(shop.out << shop.err);
  require_success(shop);
  CHECK(shop.out == "deployment.apps/web -n shop restarted (resources)\n");
}

TEST_CASE("restart without an installed Istio says so") {
  PluginSession session;
  ProcessResult run = session.plugin({"restart"});
  CHECK(run.exit_code == 1);
  CHECK(contains(run.err,
                 "error: no Istio CR in kyma-system: Istio is not installed by the "
                 "module (run install)"));
}
