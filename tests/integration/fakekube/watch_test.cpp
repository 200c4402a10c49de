// WATCH: newline-delimited events from a resourceVersion, filtered by selectors, with
// bookmarks, timeouts, and 410 for a resourceVersion older than the history.
#include <catch2/catch.hpp>

#include <thread>

#include "tests/integration/fakekube/api_client.hpp"
#include "tests/support/process.hpp"

using fakekube::test::ApiClient;
using fakekube::test::config_map;
using fakekube::test::namespace_object;
using fakekube::test::read_watch;
using nlohmann::json;

namespace {

struct Fixture : fakekube::test::RunningServer {
  ApiClient api{server};
  Fixture() { server.seed(namespace_object("ns")); }
  std::string list_rv(const std::string& path) {
    return api.get(path).json()["metadata"]["resourceVersion"];
  }
  // Runs `writes` once the watch is open.
  std::thread writer(std::function<void()> writes) {
    return std::thread([this, writes] {
      kyma::test::wait_until(
          [&] {
            for (const auto& r : server.requests())
              if (r.query.find("watch=") != std::string::npos) return true;
            return false;
          },
          std::chrono::seconds(5), std::chrono::milliseconds(5));
      writes();
    });
  }
};

std::string summary(const json& event) {
  return event["type"].get<std::string>() + " " +
         event["object"]["metadata"].value("name", std::string());
}

}  // namespace

TEST_CASE_METHOD(Fixture, "a watch from the list's resourceVersion sees changes in order") {
  server.seed(config_map("before", "ns"));
  std::string rv = list_rv("/api/v1/namespaces/ns/configmaps");
  auto t = writer([&] {
    server.seed(config_map("a", "ns"));
    api.patch("/api/v1/namespaces/ns/configmaps/a", R"({"data":{"x":"y"}})",
              "application/merge-patch+json");
    api.del("/api/v1/namespaces/ns/configmaps/a");
  });
  auto events =
      read_watch(server, "/api/v1/namespaces/ns/configmaps?watch=true&resourceVersion=" + rv,
                 [](const json& e) { return e["type"] == "DELETED"; });
  t.join();
  std::vector<std::string> seen;
  for (const auto& e : events) seen.push_back(summary(e));
  CHECK(seen == std::vector<std::string>{"ADDED a", "MODIFIED a", "DELETED a"});
  REQUIRE(events.size() == 3);
  CHECK(events[1]["object"]["data"]["x"] == "y");
  // Each event carries the object's new resourceVersion.
  CHECK(std::stoull(events[2]["object"]["metadata"]["resourceVersion"].get<std::string>()) >
        std::stoull(events[1]["object"]["metadata"]["resourceVersion"].get<std::string>()));
}

TEST_CASE_METHOD(Fixture, "a watch without resourceVersion starts with the current objects") {
  server.seed(config_map("one", "ns"));
  server.seed(config_map("two", "ns"));
  auto events = read_watch(server, "/api/v1/namespaces/ns/configmaps?watch=1",
                           [](const json& e) { return e["object"]["metadata"]["name"] == "two"; });
  REQUIRE(events.size() == 2);
  CHECK(summary(events[0]) == "ADDED one");
  CHECK(summary(events[1]) == "ADDED two");
}

TEST_CASE_METHOD(Fixture, "a watch replays history after an old resourceVersion") {
  std::string rv = list_rv("/api/v1/namespaces/ns/configmaps");
  server.seed(config_map("early", "ns"));
  auto events =
      read_watch(server, "/api/v1/namespaces/ns/configmaps?watch=true&resourceVersion=" + rv,
                 [](const json&) { return true; });
  REQUIRE(events.size() == 1);
  CHECK(summary(events[0]) == "ADDED early");
}

TEST_CASE_METHOD(Fixture, "selectors filter events, and leaving the selection reads as DELETED") {
  std::string rv = list_rv("/api/v1/namespaces/ns/configmaps");
  auto t = writer([&] {
    server.seed(config_map("other", "ns", {{"k", "v"}}, {{"app", "x"}}));
    server.seed(config_map("mine", "ns", {{"k", "v"}}, {{"app", "web"}}));
    api.patch("/api/v1/namespaces/ns/configmaps/mine", R"({"metadata":{"labels":{"app":"db"}}})",
              "application/merge-patch+json");
  });
  auto events = read_watch(
      server,
      "/api/v1/namespaces/ns/configmaps?watch=true&labelSelector=app%3Dweb&resourceVersion=" + rv,
      [](const json& e) { return e["type"] == "DELETED"; });
  t.join();
  REQUIRE(events.size() == 2);
  CHECK(summary(events[0]) == "ADDED mine");
  CHECK(summary(events[1]) == "DELETED mine");

  auto by_name = read_watch(
      server, "/api/v1/namespaces/ns/configmaps?watch=true&fieldSelector=metadata.name%3Dother",
      [](const json&) { return true; });
  REQUIRE(by_name.size() == 1);
  CHECK(summary(by_name[0]) == "ADDED other");
}

TEST_CASE_METHOD(Fixture, "timeoutSeconds ends the watch, and bookmarks come when asked for") {
  std::string rv = list_rv("/api/v1/namespaces/ns/configmaps");
  auto start = std::chrono::steady_clock::now();
  auto events = read_watch(
      server,
      "/api/v1/namespaces/ns/"
      "configmaps?watch=true&timeoutSeconds=1&allowWatchBookmarks=true&resourceVersion=" +
          rv,
      [](const json&) { return false; });
  auto took = std::chrono::steady_clock::now() - start;
  CHECK(took >= std::chrono::milliseconds(900));
  CHECK(took < std::chrono::seconds(5));
  REQUIRE_FALSE(events.empty());
  CHECK(events.back()["type"] == "BOOKMARK");
  CHECK(events.back()["object"]["kind"] == "ConfigMap");
  CHECK(events.back()["object"]["metadata"].contains("resourceVersion"));
  // Without allowWatchBookmarks there are none.
  auto quiet = read_watch(
      server, "/api/v1/namespaces/ns/configmaps?watch=true&timeoutSeconds=1&resourceVersion=" + rv,
      [](const json&) { return false; });
  CHECK(quiet.empty());
}

TEST_CASE_METHOD(Fixture, "a resourceVersion older than the history gets a 410 ERROR event") {
  std::string rv = list_rv("/api/v1/namespaces/ns/configmaps");
  server.seed(config_map("x", "ns"));
  server.compact_watch_history();
  auto events =
      read_watch(server, "/api/v1/namespaces/ns/configmaps?watch=true&resourceVersion=" + rv,
                 [](const json&) { return true; });
  REQUIRE(events.size() == 1);
  CHECK(events[0]["type"] == "ERROR");
  CHECK(events[0]["object"]["kind"] == "Status");
  CHECK(events[0]["object"]["code"] == 410);
  CHECK(events[0]["object"]["reason"] == "Expired");
  CHECK(events[0]["object"]["message"].get<std::string>().find("too old resource version") == 0);
}

TEST_CASE_METHOD(Fixture, "watches across all namespaces and of cluster-scoped kinds") {
  std::string rv = list_rv("/api/v1/namespaces");
  auto t = writer([&] {
    server.seed(namespace_object("second"));
    server.seed(config_map("there", "second"));
  });
  auto namespaces = read_watch(server, "/api/v1/namespaces?watch=true&resourceVersion=" + rv,
                               [](const json&) { return true; });
  t.join();
  REQUIRE(namespaces.size() == 1);
  CHECK(summary(namespaces[0]) == "ADDED second");
  auto everywhere = read_watch(server, "/api/v1/configmaps?watch=true&resourceVersion=" + rv,
                               [](const json&) { return true; });
  REQUIRE(everywhere.size() == 1);
  CHECK(summary(everywhere[0]) == "ADDED there");
}

TEST_CASE_METHOD(Fixture, "stopping the server ends open watches") {
  std::thread stopper([&] {
    kyma::test::wait_until(
        [&] {
          for (const auto& r : server.requests())
            if (r.query.find("watch=") != std::string::npos) return true;
          return false;
        },
        std::chrono::seconds(5), std::chrono::milliseconds(5));
    server.stop();
  });
  auto start = std::chrono::steady_clock::now();
  read_watch(
      server, "/api/v1/namespaces/ns/configmaps?watch=true", [](const json&) { return false; }, 20);
  stopper.join();
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
}
