// Test control: the request log, injected faults (status, Retry-After, delay, dropped
// connection, counts), access review rules, and the same controls over /_fakekube/.
#include <catch2/catch.hpp>

#include "tests/integration/fakekube/api_client.hpp"

using fakekube::Fault;
using fakekube::test::ApiClient;
using fakekube::test::config_map;
using fakekube::test::namespace_object;
using nlohmann::json;
using std::chrono::milliseconds;

namespace {

struct Fixture : fakekube::test::RunningServer {
  ApiClient api{server};
  Fixture() { server.seed(namespace_object("ns")); }
};

Fault fault(const std::string& verb, const std::string& path, int count, int status) {
  Fault f;
  f.verb = verb;
  f.path_prefix = path;
  f.count = count;
  f.status = status;
  return f;
}

json review(const std::string& verb, const std::string& resource, const std::string& ns) {
  return {{"apiVersion", "authorization.k8s.io/v1"},
          {"kind", "SelfSubjectAccessReview"},
          {"spec",
           {{"resourceAttributes",
             {{"verb", verb}, {"group", ""}, {"resource", resource}, {"namespace", ns}}}}}};
}

}  // namespace

TEST_CASE_METHOD(Fixture,
                 "the request log has verb, path, query, content type, manager, user, status") {
  server.clear_requests();
  api.patch("/api/v1/namespaces/ns/configmaps/c?fieldManager=me&force=true",
            R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}})",
            "application/apply-patch+yaml");
  api.get("/api/v1/namespaces/ns/configmaps/missing");
  auto log = server.requests();
  REQUIRE(log.size() == 2);
  CHECK(log[0].verb == "PATCH");
  CHECK(log[0].path == "/api/v1/namespaces/ns/configmaps/c");
  CHECK(log[0].query == "fieldManager=me&force=true");
  CHECK(log[0].content_type == "application/apply-patch+yaml");
  CHECK(log[0].field_manager == "me");
  CHECK(log[0].user == "admin");
  CHECK(log[0].status == 201);
  CHECK(log[1].status == 404);
  server.clear_requests();
  CHECK(server.requests().empty());
}

TEST_CASE_METHOD(Fixture, "a fault answers with its status and Retry-After, count times") {
  server.add_fault(fault("GET", "/api/v1/namespaces/ns/configmaps", 2, 429));
  Fault throttle = fault("", "/api/v1/namespaces/ns/configmaps", 1, 503);
  throttle.retry_after_seconds = 3;
  server.add_fault(throttle);
  auto first = api.get("/api/v1/namespaces/ns/configmaps");
  CHECK(first.status == 429);
  CHECK(first.json()["reason"] == "TooManyRequests");
  CHECK(api.get("/api/v1/namespaces/ns/configmaps/x").status == 429);  // a prefix matches
  auto third = api.get("/api/v1/namespaces/ns/configmaps");
  CHECK(third.status == 503);
  CHECK(third.header("Retry-After") == "3");
  CHECK(api.get("/api/v1/namespaces/ns/configmaps").status == 200);  // used up
  // Other verbs and paths are not affected.
  server.add_fault(fault("POST", "/api/v1/namespaces/ns/configmaps", 1, 500));
  CHECK(api.get("/api/v1/namespaces/ns/configmaps").status == 200);
  CHECK(api.post("/api/v1/namespaces/ns/configmaps", config_map("c", "ns")).status == 500);
  CHECK_FALSE(server.get("v1", "ConfigMap", "ns", "c"));
  server.add_fault(fault("", "", 5, 500));
  server.clear_faults();
  CHECK(api.get("/version").status == 200);
}

TEST_CASE_METHOD(Fixture, "a delay fault answers late, normally") {
  Fault slow = fault("GET", "/version", 1, 200);
  slow.delay = milliseconds(400);
  server.add_fault(slow);
  auto start = std::chrono::steady_clock::now();
  CHECK(api.get("/version").status == 200);
  CHECK(std::chrono::steady_clock::now() - start >= milliseconds(380));
}

TEST_CASE_METHOD(Fixture, "a close-connection fault drops the request unanswered") {
  Fault drop = fault("POST", "/api/v1/namespaces/ns/configmaps", 1, 0);
  drop.close_connection = true;
  server.add_fault(drop);
  CHECK(api.post("/api/v1/namespaces/ns/configmaps", config_map("c", "ns")).status == 0);
  CHECK_FALSE(server.get("v1", "ConfigMap", "ns", "c"));
  CHECK(server.requests().back().status == 0);
  ApiClient fresh(server);
  CHECK(fresh.post("/api/v1/namespaces/ns/configmaps", config_map("c", "ns")).status == 201);
}

TEST_CASE_METHOD(Fixture, "SelfSubjectAccessReviews are allowed unless a rule says otherwise") {
  const std::string path = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
  auto allowed = api.post(path, review("create", "pods", "ns"));
  CHECK(allowed.status == 201);
  CHECK(allowed.json()["status"]["allowed"] == true);
  fakekube::AccessRule deny_secrets;
  deny_secrets.resource = "secrets";
  deny_secrets.allowed = false;
  fakekube::AccessRule allow_get_in_ns;
  allow_get_in_ns.verb = "get";
  allow_get_in_ns.namespace_ = "ns";
  allow_get_in_ns.allowed = true;
  server.set_access_rules({allow_get_in_ns, deny_secrets});
  CHECK(api.post(path, review("list", "secrets", "ns")).json()["status"]["allowed"] == false);
  CHECK(api.post(path, review("get", "secrets", "ns")).json()["status"]["allowed"] == true);
  CHECK(api.post(path, review("list", "pods", "ns")).json()["status"]["allowed"] == true);
  CHECK(api.get(path).status == 405);
}

TEST_CASE_METHOD(Fixture,
                 "the control API over HTTP: seed, requests, faults, tokens, pods, rules") {
  auto seeded =
      api.send("POST", "/_fakekube/seed",
               "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: ns}\n---\n"
               "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: ns}\n",
               "application/yaml");
  CHECK(seeded.status == 200);
  CHECK(seeded.json().size() == 2);
  CHECK(server.get("v1", "ConfigMap", "ns", "b"));

  api.get("/api/v1/namespaces/ns/configmaps/a");
  json log = api.get("/_fakekube/requests").json();
  REQUIRE(log.is_array());
  CHECK(log.back()["path"] == "/api/v1/namespaces/ns/configmaps/a");
  CHECK(log.back()["status"] == 200);
  for (const auto& r : log) CHECK(r["path"].get<std::string>().rfind("/_fakekube/", 0) != 0);
  CHECK(api.del("/_fakekube/requests").status == 200);
  CHECK(server.requests().empty());

  CHECK(api.post("/_fakekube/faults", {{"verb", "GET"},
                                       {"pathPrefix", "/version"},
                                       {"status", 503},
                                       {"retryAfterSeconds", 2}})
            .status == 200);
  auto faulted = api.get("/version");
  CHECK(faulted.status == 503);
  CHECK(faulted.header("Retry-After") == "2");
  CHECK(api.post("/_fakekube/faults", {{"pathPrefix", "/version"}, {"count", 3}}).status == 200);
  CHECK(api.get("/version").status == 500);
  CHECK(api.del("/_fakekube/faults").status == 200);
  CHECK(api.get("/version").status == 200);

  json page = api.get("/api/v1/namespaces/ns/configmaps?limit=1").json();
  CHECK(api.post("/_fakekube/expire-continue-tokens", json::object()).status == 200);
  CHECK(api.get("/api/v1/namespaces/ns/configmaps?limit=1&continue=" +
                page["metadata"]["continue"].get<std::string>())
            .status == 410);

  CHECK(api.post("/_fakekube/fail-pods",
                 {{"namespace", "ns"}, {"namePrefix", "x"}, {"reason", "ErrImagePull"}})
            .status == 200);
  server.seed({{"apiVersion", "v1"},
               {"kind", "Pod"},
               {"metadata", {{"name", "x1"}, {"namespace", "ns"}}},
               {"spec", {{"containers", json::array({{{"name", "c"}, {"image", "i"}}})}}}});
  CHECK(server.get("v1", "Pod", "ns", "x1")
            .value()["status"]["containerStatuses"][0]["state"]["waiting"]["reason"] ==
        "ErrImagePull");

  CHECK(api.send("PUT", "/_fakekube/access-rules", R"([{"resource":"pods","allowed":false}])",
                 "application/json")
            .status == 200);
  CHECK(api.post("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                 review("get", "pods", "ns"))
            .json()["status"]["allowed"] == false);
  CHECK(api.post("/_fakekube/compact-watch-history", json::object()).status == 200);
  CHECK(api.get("/_fakekube/nothing").status == 404);
}

TEST_CASE_METHOD(Fixture, "the control API is for admins only") {
  server.add_token("user-token", "bob");
  ApiClient bob(server, ApiClient::Auth::kNone);
  bob.set_token("user-token");
  CHECK(bob.get("/_fakekube/requests").status == 403);
  ApiClient nobody(server, ApiClient::Auth::kNone);
  CHECK(nobody.get("/_fakekube/requests").status == 401);
}
