// DELETE: finalizers, preconditions, propagation policies, garbage collection and namespace
// deletion.
#include <catch2/catch.hpp>

#include "tests/integration/fakekube/api_client.hpp"
#include "tests/support/process.hpp"

using fakekube::test::ApiClient;
using fakekube::test::config_map;
using fakekube::test::deployment;
using fakekube::test::namespace_object;
using nlohmann::json;

namespace {

struct Fixture : fakekube::test::RunningServer {
  ApiClient api{server};
  Fixture() { server.seed(namespace_object("ns")); }
  json owned_config_map(const std::string& name, const json& owner) {
    json cm = config_map(name, "ns");
    cm["metadata"]["ownerReferences"] = json::array({{{"apiVersion", owner["apiVersion"]},
                                                      {"kind", owner["kind"]},
                                                      {"name", owner["metadata"]["name"]},
                                                      {"uid", owner["metadata"]["uid"]}}});
    return server.seed(cm);
  }
};

const std::string kCms = "/api/v1/namespaces/ns/configmaps";

}  // namespace

TEST_CASE_METHOD(Fixture, "finalizers keep the object, with a deletionTimestamp, until removed") {
  json cm = config_map("c", "ns");
  cm["metadata"]["finalizers"] = json::array({"example.com/hold"});
  api.post(kCms, cm);
  auto deleting = api.del(kCms + "/c");
  CHECK(deleting.status == 200);
  json now = api.get(kCms + "/c").json();
  CHECK(now["metadata"].contains("deletionTimestamp"));
  CHECK(now["metadata"]["finalizers"] == json::array({"example.com/hold"}));
  // Deleting again changes nothing.
  CHECK(api.del(kCms + "/c").status == 200);
  CHECK(api.get(kCms + "/c").status == 200);
  now["metadata"]["finalizers"] = json::array();
  CHECK(api.put(kCms + "/c", now).status == 200);
  CHECK(api.get(kCms + "/c").status == 404);
}

TEST_CASE_METHOD(Fixture, "delete preconditions on uid and resourceVersion") {
  json created = api.post(kCms, config_map("c", "ns")).json();
  auto wrong_uid = api.del(
      kCms + "/c", json{{"kind", "DeleteOptions"},
                        {"apiVersion", "v1"},
                        {"preconditions", {{"uid", "00000000-0000-0000-0000-000000000000"}}}});
  CHECK(wrong_uid.status == 409);
  CHECK(wrong_uid.json()["message"].get<std::string>().find(
            "Precondition failed: UID in precondition") != std::string::npos);
  auto wrong_rv = api.del(kCms + "/c", json{{"preconditions", {{"resourceVersion", "1"}}}});
  CHECK(wrong_rv.status == 409);
  CHECK(api.del(kCms + "/c", json{{"preconditions",
                                   {{"uid", created["metadata"]["uid"]},
                                    {"resourceVersion", created["metadata"]["resourceVersion"]}}}})
            .status == 200);
  CHECK(api.get(kCms + "/c").status == 404);
  CHECK(api.del(kCms + "/c").status == 404);
}

TEST_CASE_METHOD(Fixture, "dryRun delete keeps the object") {
  api.post(kCms, config_map("c", "ns"));
  CHECK(api.del(kCms + "/c?dryRun=All").status == 200);
  CHECK(api.get(kCms + "/c").status == 200);
}

TEST_CASE_METHOD(Fixture, "dependents go when their owner goes (background)") {
  json owner = api.post(kCms, config_map("owner", "ns")).json();
  owned_config_map("child", owner);
  json grandchild_owner = api.get(kCms + "/child").json();
  owned_config_map("grandchild", grandchild_owner);
  CHECK(api.del(kCms + "/owner?propagationPolicy=Background").status == 200);
  CHECK_FALSE(server.get("v1", "ConfigMap", "ns", "child"));
  CHECK_FALSE(server.get("v1", "ConfigMap", "ns", "grandchild"));
}

TEST_CASE_METHOD(Fixture, "a dependent with another live owner only loses the dead reference") {
  json a = api.post(kCms, config_map("a", "ns")).json();
  json b = api.post(kCms, config_map("b", "ns")).json();
  json child = config_map("child", "ns");
  child["metadata"]["ownerReferences"] = json::array(
      {{{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"name", "a"}, {"uid", a["metadata"]["uid"]}},
       {{"apiVersion", "v1"},
        {"kind", "ConfigMap"},
        {"name", "b"},
        {"uid", b["metadata"]["uid"]}}});
  server.seed(child);
  api.del(kCms + "/a");
  auto left = server.get("v1", "ConfigMap", "ns", "child");
  REQUIRE(left);
  REQUIRE((*left)["metadata"]["ownerReferences"].size() == 1);
  CHECK((*left)["metadata"]["ownerReferences"][0]["name"] == "b");
}

TEST_CASE_METHOD(Fixture, "orphan propagation keeps dependents and drops their owner reference") {
  json owner = api.post(kCms, config_map("owner", "ns")).json();
  owned_config_map("child", owner);
  CHECK(api.del(kCms + "/owner", json{{"propagationPolicy", "Orphan"}}).status == 200);
  CHECK(api.get(kCms + "/owner").status == 404);
  auto child = server.get("v1", "ConfigMap", "ns", "child");
  REQUIRE(child);
  CHECK_FALSE((*child)["metadata"].contains("ownerReferences"));
}

TEST_CASE_METHOD(Fixture, "foreground deletion removes the dependents before the owner") {
  json owner = api.post(kCms, config_map("owner", "ns")).json();
  json held = config_map("held", "ns");
  held["metadata"]["finalizers"] = json::array({"example.com/hold"});
  held["metadata"]["ownerReferences"] = json::array({{{"apiVersion", "v1"},
                                                      {"kind", "ConfigMap"},
                                                      {"name", "owner"},
                                                      {"uid", owner["metadata"]["uid"]},
                                                      {"blockOwnerDeletion", true}}});
  server.seed(held);
  auto reply = api.del(kCms + "/owner", json{{"propagationPolicy", "Foreground"}});
  CHECK(reply.status == 200);
  CHECK(reply.json()["metadata"]["finalizers"] == json::array({"foregroundDeletion"}));
  // The dependent is being deleted but its finalizer holds it, so the owner must stay.
  REQUIRE(kyma::test::wait_until(
      [&] {
        auto dependent = server.get("v1", "ConfigMap", "ns", "held");
        return dependent && (*dependent)["metadata"].contains("deletionTimestamp");
      },
      std::chrono::seconds(5)));
  auto waiting = server.get("v1", "ConfigMap", "ns", "owner");
  REQUIRE(waiting);
  CHECK((*waiting)["metadata"].contains("deletionTimestamp"));

  CHECK(api.patch(kCms + "/held", json{{"metadata", {{"finalizers", nullptr}}}}.dump(),
                  "application/merge-patch+json")
            .status == 200);
  CHECK(kyma::test::wait_until(
      [&] {
        return !server.get("v1", "ConfigMap", "ns", "held") &&
               !server.get("v1", "ConfigMap", "ns", "owner");
      },
      std::chrono::seconds(5)));
}

TEST_CASE_METHOD(Fixture, "foreground deletion of a Deployment takes its ReplicaSets and pods") {
  api.post("/apis/apps/v1/namespaces/ns/deployments", deployment("d", "ns", 2));
  REQUIRE(server.list("v1", "Pod", "ns").size() == 2);
  auto reply = api.del("/apis/apps/v1/namespaces/ns/deployments/d?propagationPolicy=Foreground");
  CHECK(reply.status == 200);
  CHECK(server.list("apps/v1", "Deployment", "ns").empty());
  CHECK(server.list("apps/v1", "ReplicaSet", "ns").empty());
  CHECK(server.list("v1", "Pod", "ns").empty());
}

TEST_CASE_METHOD(Fixture, "deleting a namespace removes everything in it, then the namespace") {
  server.seed(namespace_object("doomed"));
  server.seed(config_map("c", "doomed"));
  api.post("/apis/apps/v1/namespaces/doomed/deployments", deployment("d", "doomed", 1));
  server.seed(config_map("keep", "ns"));
  auto reply = api.del("/api/v1/namespaces/doomed");
  CHECK(reply.status == 200);
  CHECK(reply.json()["status"]["phase"] == "Terminating");
  CHECK_FALSE(server.get("v1", "Namespace", "", "doomed"));
  CHECK(server.list("v1", "ConfigMap", "doomed").empty());
  CHECK(server.list("v1", "Pod", "doomed").empty());
  CHECK(server.list("apps/v1", "ReplicaSet", "doomed").empty());
  CHECK(server.get("v1", "ConfigMap", "ns", "keep"));
}

TEST_CASE_METHOD(Fixture, "a namespace waits for finalizers of its objects, and refuses new ones") {
  server.seed(namespace_object("slow"));
  json held = config_map("held", "slow");
  held["metadata"]["finalizers"] = json::array({"example.com/hold"});
  server.seed(held);
  api.del("/api/v1/namespaces/slow");
  auto ns = server.get("v1", "Namespace", "", "slow");
  REQUIRE(ns);
  CHECK((*ns)["status"]["phase"] == "Terminating");
  auto refused = api.post("/api/v1/namespaces/slow/configmaps", config_map("new", "slow"));
  CHECK(refused.status == 403);
  CHECK(refused.json()["message"] ==
        "configmaps \"new\" is forbidden: unable to create new content in namespace slow because "
        "it is being terminated");
  api.patch("/api/v1/namespaces/slow/configmaps/held", R"({"metadata":{"finalizers":null}})",
            "application/merge-patch+json");
  CHECK_FALSE(server.get("v1", "ConfigMap", "slow", "held"));
  CHECK_FALSE(server.get("v1", "Namespace", "", "slow"));
}

TEST_CASE_METHOD(Fixture, "deletecollection deletes what the selector matches") {
  server.seed(config_map("a", "ns", {{"k", "v"}}, {{"group", "x"}}));
  server.seed(config_map("b", "ns", {{"k", "v"}}, {{"group", "x"}}));
  server.seed(config_map("c", "ns", {{"k", "v"}}, {{"group", "y"}}));
  json deleted = api.del(kCms + "?labelSelector=group%3Dx").json();
  CHECK(deleted["items"].size() == 2);
  CHECK(server.list("v1", "ConfigMap", "ns").size() == 1);
}

TEST_CASE_METHOD(Fixture, "an object created or seeded with only missing owners is collected") {
  json ghost = {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"name", "ghost"}, {"uid", "0000"}};
  json created = config_map("created", "ns");
  created["metadata"]["ownerReferences"] = json::array({ghost});
  CHECK(api.post(kCms, created).status == 201);  // the create itself succeeds, as on a server
  json seeded = config_map("seeded", "ns");
  seeded["metadata"]["ownerReferences"] = json::array({ghost});
  server.seed(seeded);
  // A live owner next to the missing one keeps the object.
  json live = api.post(kCms, config_map("live", "ns")).json();
  json kept = config_map("kept", "ns");
  kept["metadata"]["ownerReferences"] = json::array({ghost,
                                                     {{"apiVersion", "v1"},
                                                      {"kind", "ConfigMap"},
                                                      {"name", "live"},
                                                      {"uid", live["metadata"]["uid"]}}});
  CHECK(api.post(kCms, kept).status == 201);

  CHECK(kyma::test::wait_until(
      [&] {
        return !server.get("v1", "ConfigMap", "ns", "created") &&
               !server.get("v1", "ConfigMap", "ns", "seeded");
      },
      std::chrono::seconds(5)));
  CHECK(server.get("v1", "ConfigMap", "ns", "kept"));
}
