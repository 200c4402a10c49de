// Lists in pages (and a clean restart when a continue token expires), and watches that see
// changes and go on across several server streams.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "core/kube/api_error.hpp"
#include "core/kube/client.hpp"
#include "tests/integration/kube/fixture.hpp"
#include "tests/support/process.hpp"

using namespace kyma::kube;
using kyma::kube::test::config_map;
using kyma::kube::test::contains;
using kyma::kube::test::Fixture;
using nlohmann::json;
using std::chrono::milliseconds;

namespace {

// Joins a helper thread however the test leaves its scope.
struct Joined {
  std::thread thread;
  ~Joined() {
    if (thread.joinable()) thread.join();
  }
};

int watch_requests(const Fixture& f) {
  int n = 0;
  for (const auto& r : f.server.requests())
    if (contains(r.query, "watch=true")) ++n;
  return n;
}

}  // namespace

TEST_CASE("a list is read in pages of `limit` and joined") {
  Fixture f;
  f.create_namespace("itest");
  for (int i = 0; i < 7; ++i) f.server.seed(config_map("p" + std::to_string(i)));
  f.server.seed(config_map("other-ns", "default"));
  Client client = f.client();
  f.server.clear_requests();
  auto all = client.list("v1", "ConfigMap", "itest", {.label_selector = "app=itest", .limit = 2});
  REQUIRE(all["items"].size() == 7);
  CHECK(all["items"][0]["kind"] == "ConfigMap");
  CHECK(all["kind"] == "ConfigMapList");
  int pages = 0, continued = 0;
  for (const auto& r : f.server.requests()) {
    if (r.path != "/api/v1/namespaces/itest/configmaps") continue;
    ++pages;
    CHECK(contains(r.query, "limit=2"));
    CHECK(contains(r.query, "labelSelector=app%3Ditest"));
    if (contains(r.query, "continue=")) ++continued;
  }
  CHECK(pages == 4);
  CHECK(continued == 3);

  // All namespaces.
  CHECK(client.list("v1", "ConfigMap", "", {.label_selector = "app=itest", .limit = 3})["items"]
            .size() == 8);
}

TEST_CASE("an expired continue token restarts the list cleanly") {
  Fixture f;
  f.create_namespace("itest");
  for (int i = 0; i < 7; ++i) f.server.seed(config_map("p" + std::to_string(i)));
  Client client = f.client();

  std::vector<std::string> names;
  int pages = 0, restarts = 0;
  client.list_pages(
      "v1", "ConfigMap", "itest", {.label_selector = "app=itest", .limit = 2},
      [&](const json& page) {
        if (++pages == 2) f.server.expire_continue_tokens();
        for (const auto& item : page["items"]) names.push_back(item["metadata"]["name"]);
        return true;
      },
      [&] {
        ++restarts;
        names.clear();
      });
  CHECK(restarts == 1);
  CHECK(names.size() == 7);

  // Without a restart handler the 410 surfaces as ExpiredError.
  pages = 0;
  CHECK_THROWS_AS(
      client.list_pages("v1", "ConfigMap", "itest", {.label_selector = "app=itest", .limit = 2},
                        [&](const json&) {
                          if (++pages == 1) f.server.expire_continue_tokens();
                          return true;
                        }),
      ExpiredError);
}

TEST_CASE("a watch sees a change made after it started") {
  Fixture f;
  f.create_namespace("itest");
  Client client = f.client();
  auto list = client.list("v1", "ConfigMap", "itest");
  std::string rv = list["metadata"].value("resourceVersion", "");
  Joined writer{std::thread([&] {
    kyma::test::wait_until([&] { return watch_requests(f) > 0; }, std::chrono::seconds(5));
    f.server.seed(config_map("watched"));
  })};
  std::vector<std::string> seen;
  bool stopped = client.watch(
      "v1", "ConfigMap", "itest", {.resource_version = rv, .timeout = std::chrono::seconds(15)},
      [&](const WatchEvent& event) {
        seen.push_back(event.type + " " + event.object["metadata"]["name"].get<std::string>());
        return event.object["metadata"]["name"] != "watched";
      });
  writer.thread.join();
  CHECK(stopped);
  CHECK(seen == std::vector<std::string>{"ADDED watched"});
}

TEST_CASE("a watch goes on from the last resourceVersion when its stream ends") {
  Fixture f;
  f.create_namespace("itest");
  Client client = f.client();
  std::string rv = client.list("v1", "ConfigMap", "itest")["metadata"].value("resourceVersion", "");
  WatchOptions options{.resource_version = rv, .timeout = std::chrono::seconds(20)};
  bool restart_server_side = false;
  SECTION("the server closes every watch (as a restarting API server does)") {
    restart_server_side = true;
  }
  SECTION("each stream lasts a second (timeoutSeconds)") {
    options.server_timeout = std::chrono::seconds(1);
  }
  std::atomic<int> seen_count{0};
  Joined writer{std::thread([&] {
    kyma::test::wait_until([&] { return watch_requests(f) > 0; }, std::chrono::seconds(5));
    f.server.seed(config_map("first"));
    kyma::test::wait_until([&] { return seen_count > 0; }, std::chrono::seconds(5));
    if (restart_server_side) f.server.close_watches();
    // The next change lands in a later stream.
    kyma::test::wait_until([&] { return watch_requests(f) > 1; }, std::chrono::seconds(5));
    f.server.seed(config_map("second"));
  })};
  std::vector<std::string> seen;
  bool stopped = client.watch("v1", "ConfigMap", "itest", options, [&](const WatchEvent& event) {
    seen.push_back(event.type + " " + event.object["metadata"]["name"].get<std::string>());
    ++seen_count;
    return seen.size() < 2;
  });
  writer.thread.join();
  CHECK(stopped);
  // Each change once, in order: the second stream started after "first", not from `rv`.
  CHECK(seen == std::vector<std::string>{"ADDED first", "ADDED second"});
  CHECK(watch_requests(f) >= 2);
  std::string first_rv = f.server.get("v1", "ConfigMap", "itest", "first")
                             .value()["metadata"]["resourceVersion"]
                             .get<std::string>();
  bool resumed_from_event = false;
  for (const auto& r : f.server.requests())
    if (contains(r.query, "watch=true") && contains(r.query, "resourceVersion=" + first_rv))
      resumed_from_event = true;
  CHECK(resumed_from_event);
}

TEST_CASE("a watch ends at its deadline when nothing happens") {
  Fixture f;
  f.create_namespace("itest");
  Client client = f.client();
  auto started = std::chrono::steady_clock::now();
  bool stopped = client.watch("v1", "ConfigMap", "itest", {.timeout = milliseconds(700)},
                              [](const WatchEvent&) { return true; });
  auto took = std::chrono::steady_clock::now() - started;
  CHECK_FALSE(stopped);
  CHECK(took >= milliseconds(650));
  CHECK(took < milliseconds(5000));
}

TEST_CASE("a watch from a resourceVersion that is too old is an ExpiredError") {
  Fixture f;
  f.create_namespace("itest");
  Client client = f.client();
  std::string rv = client.create(config_map("c"))["metadata"]["resourceVersion"];
  client.create(config_map("later"));
  f.server.compact_watch_history();  // the history now starts after `rv`
  auto started = std::chrono::steady_clock::now();
  CHECK_THROWS_AS(client.watch("v1", "ConfigMap", "itest",
                               {.resource_version = rv, .timeout = std::chrono::seconds(10)},
                               [](const WatchEvent&) { return true; }),
                  ExpiredError);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
}

TEST_CASE("a watch waiting for events ends soon after its stop is requested from another thread") {
  Fixture f;
  f.create_namespace("itest");
  Client client = f.client();
  std::atomic<bool> stop{false};
  WatchOptions options;
  options.timeout = std::chrono::seconds(30);
  options.stop_requested = [&] { return stop.load(); };
  auto started = std::chrono::steady_clock::now();
  Joined stopper{std::thread([&] {
    kyma::test::wait_until([&] { return watch_requests(f) > 0; }, std::chrono::seconds(5));
    stop = true;
  })};
  bool stopped =
      client.watch("v1", "ConfigMap", "itest", options, [](const WatchEvent&) { return true; });
  CHECK_FALSE(stopped);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  // Stopped before it starts: no request at all.
  int before = watch_requests(f);
  CHECK_FALSE(
      client.watch("v1", "ConfigMap", "itest", options, [](const WatchEvent&) { return true; }));
  CHECK(watch_requests(f) == before);
}
