// Reading `status` from a cluster (fakekube, over HTTPS): the snapshot in pages, the ReplicaSet
// lookups for outdated pods, and the watch that follows changes, lists again when its place in
// the history is lost, and gives up on errors.
#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <thread>

#include "core/kube/api_error.hpp"
#include "plugins/status/snapshot_reader.hpp"
#include "plugins/status/status_watch.hpp"
#include "tests/integration/kube/fixture.hpp"
#include "tests/support/process.hpp"

using kyma::kube::test::contains;
using kyma::kube::test::Fixture;
using kyma::test::wait_until;
using nlohmann::json;
using namespace kyma::status;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

const std::string kHub = "europe-docker.pkg.dev/kyma-project/prod/external/istio";

json injector(const std::string& tag) {
  json values = {{"global", {{"hub", kHub}, {"tag", tag}, {"proxy", {{"image", "proxyv2"}}}}}};
  return {{"apiVersion", "v1"},
          {"kind", "ConfigMap"},
          {"metadata", {{"name", "istio-sidecar-injector"}, {"namespace", "istio-system"}}},
          {"data", {{"values", values.dump()}, {"config", "policy: enabled"}}}};
}

// A Running pod as a seed keeps it: `proxy_tag` "" for a pod without a sidecar.
json running_pod(const std::string& name, const std::string& proxy_tag) {
  json pod = {{"apiVersion", "v1"},
              {"kind", "Pod"},
              {"metadata", {{"name", name}, {"namespace", "shop"}}},
              {"spec", {{"containers", json::array({{{"name", "app"}, {"image", "nginx"}}})}}},
              {"status", {{"phase", "Running"}}}};
  if (!proxy_tag.empty()) {
    pod["spec"]["containers"].push_back(
        {{"name", "istio-proxy"}, {"image", kHub + "/proxyv2:" + proxy_tag}});
  }
  return pod;
}

void seed_mesh_namespaces(Fixture& f, bool inject) {
  f.create_namespace("istio-system");
  json shop = {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "shop"}}}};
  if (inject) shop["metadata"]["labels"]["istio-injection"] = "enabled";
  f.server.seed(shop);
}

int list_requests(const Fixture& f, const std::string& path) {
  int n = 0;
  for (const auto& r : f.server.requests())
    if (r.verb == "GET" && r.path == path && !contains(r.query, "watch=true")) ++n;
  return n;
}

// Statuses handed on by a watch, read by the test thread.
struct Seen {
  std::mutex mutex;
  std::vector<MeshStatus> statuses;
  void add(const MeshStatus& s) {
    std::lock_guard lock(mutex);
    statuses.push_back(s);
  }
  std::optional<MeshStatus> last() {
    std::lock_guard lock(mutex);
    if (statuses.empty()) return std::nullopt;
    return statuses.back();
  }
  size_t size() {
    std::lock_guard lock(mutex);
    return statuses.size();
  }
};

}  // namespace

TEST_CASE("the snapshot is read in pages and keeps only the pods status needs") {
  Fixture f;
  seed_mesh_namespaces(f, false);
  for (int i = 0; i < 9; ++i) f.server.seed(running_pod("injected-" + std::to_string(i), "1.23.2"));
  for (int i = 0; i < 4; ++i) f.server.seed(running_pod("plain-" + std::to_string(i), ""));
  f.server.seed(injector("1.23.2"));
  auto client = f.client();
  f.server.clear_requests();

  ClusterSnapshot snapshot = read_snapshot(client, 4);
  CHECK_FALSE(snapshot.crd_installed);
  CHECK(snapshot.pods.size() == 9);
  CHECK(snapshot.pods[0]["spec"]["containers"].size() == 1);  // the slim copy
  CHECK(snapshot.injector["metadata"]["name"] == "istio-sidecar-injector");
  // 13 pods in pages of 4: four requests, the later ones with a continue token.
  int pages = 0, continued = 0;
  for (const auto& r : f.server.requests()) {
    if (r.path != "/api/v1/pods") continue;
    ++pages;
    CHECK(contains(r.query, "limit=4"));
    if (contains(r.query, "continue=")) ++continued;
  }
  CHECK(pages == 4);
  CHECK(continued == 3);
  MeshStatus status = build_status(snapshot);
  CHECK(status.data_plane.pods == 9);
  CHECK(status.data_plane.outdated_pods == 0);
}

TEST_CASE("the ReplicaSets of outdated pods are looked up with one list, and only then") {
  Fixture f;
  seed_mesh_namespaces(f, true);
  f.server.seed(injector("1.22.3"));
  f.server.seed(json::parse(R"({
    "apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "shop"},
    "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
      "template": {"metadata": {"labels": {"app": "web"}},
        "spec": {"containers": [{"name": "app", "image": "nginx"}]}}}})"));
  auto client = f.client();
  REQUIRE(wait_until(
      [&] {
        ClusterSnapshot s = read_snapshot(client);
        return build_status(s).data_plane.pods == 2;
      },
      seconds(10)));

  f.server.clear_requests();
  ClusterSnapshot current = read_snapshot(client);
  MeshStatus status = complete_status(client, current);
  CHECK(status.data_plane.outdated.empty());
  CHECK(list_requests(f, "/apis/apps/v1/namespaces/shop/replicasets") == 0);

  f.server.seed(injector("1.23.2"));  // the injector moves on; the pods stay
  f.server.clear_requests();
  ClusterSnapshot changed = read_snapshot(client);
  status = complete_status(client, changed);
  REQUIRE(status.data_plane.outdated.size() == 1);
  const OutdatedWorkload& web = status.data_plane.outdated[0];
  CHECK((web.workload.kind == "Deployment" && web.workload.name == "web" && web.pods == 2));
  CHECK_FALSE(web.workload.manual);
  CHECK(list_requests(f, "/apis/apps/v1/namespaces/shop/replicasets") == 1);
  CHECK(f.server.requests().size() <= 7);  // five collections, the ReplicaSets, no pod by pod

  // The index remembers: a second status of the same snapshot asks nothing more.
  f.server.clear_requests();
  complete_status(client, changed);
  CHECK(f.server.requests().empty());
}

TEST_CASE("a watch follows changes and lists again when its place in the history is lost") {
  Fixture f;
  seed_mesh_namespaces(f, false);
  f.server.seed(injector("1.23.2"));
  f.server.seed(running_pod("first", "1.23.2"));
  auto client = f.client();
  Seen seen;
  WatchSettings settings;
  settings.duration = seconds(6);
  settings.settle = milliseconds(50);
  std::thread watcher(
      [&] { watch_status(client, settings, [&](const MeshStatus& s) { seen.add(s); }); });
  struct Join {
    std::thread& t;
    ~Join() { t.join(); }
  } join{watcher};

  REQUIRE(wait_until([&] { return seen.size() == 1; }, seconds(5)));
  CHECK(seen.last()->data_plane.pods == 1);
  f.server.seed(running_pod("second", "1.23.2"));
  REQUIRE(wait_until([&] { return seen.last()->data_plane.pods == 2; }, seconds(5)));
  // A change nothing shows (a label) hands on no new status.
  size_t before = seen.size();
  json relabelled = running_pod("second", "1.23.2");
  relabelled["metadata"]["labels"]["touched"] = "yes";
  f.server.seed(relabelled);

  // The server forgets its history and drops the streams: the watches resume from versions it
  // no longer has, get 410 and list again.
  int pod_lists = list_requests(f, "/api/v1/pods");
  // A write the watches do not see moves the history past their last event.
  f.server.seed({{"apiVersion", "v1"},
                 {"kind", "Secret"},
                 {"metadata", {{"name", "unrelated"}, {"namespace", "shop"}}}});
  f.server.compact_watch_history();
  f.server.close_watches();
  REQUIRE(wait_until([&] { return list_requests(f, "/api/v1/pods") > pod_lists; }, seconds(5)));
  f.server.seed(running_pod("third", "1.22.3"));
  REQUIRE(wait_until([&] { return seen.last()->data_plane.pods == 3; }, seconds(5)));
  CHECK(seen.size() == before + 1);
  CHECK(seen.last()->data_plane.outdated_pods == 1);
}

TEST_CASE("a watch that is refused stops at once with the error") {
  Fixture f;
  f.server.add_fault(kyma::kube::test::fault("GET", "/api/v1/pods", 5, 403));
  auto client = f.client();
  WatchSettings settings;
  settings.duration = seconds(60);
  int statuses = 0;
  auto started = std::chrono::steady_clock::now();
  CHECK_THROWS_AS(watch_status(client, settings, [&](const MeshStatus&) { ++statuses; }),
                  kyma::kube::ForbiddenError);
  CHECK(statuses == 0);
  CHECK(std::chrono::steady_clock::now() - started < seconds(5));
}
