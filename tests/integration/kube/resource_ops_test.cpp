// Resource operations over real HTTPS: server-side apply, delete options, status writes with
// conflicts, and discovery with kubectl's disk cache.
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/kube/api_error.hpp"
#include "core/kube/client.hpp"
#include "core/kube/wait.hpp"
#include "tests/integration/kube/fixture.hpp"

using namespace kyma::kube;
using kyma::kube::test::config_map;
using kyma::kube::test::contains;
using kyma::kube::test::Fixture;
using nlohmann::json;
using std::chrono::milliseconds;

namespace {

json widget_crd() {
  return {
      {"apiVersion", "apiextensions.k8s.io/v1"},
      {"kind", "CustomResourceDefinition"},
      {"metadata", {{"name", "widgets.example.com"}}},
      {"spec",
       {{"group", "example.com"},
        {"scope", "Namespaced"},
        {"names",
         {{"plural", "widgets"},
          {"singular", "widget"},
          {"kind", "Widget"},
          {"listKind", "WidgetList"}}},
        {"versions", json::array({{{"name", "v1"},
                                   {"served", true},
                                   {"storage", true},
                                   {"subresources", {{"status", json::object()}}},
                                   {"schema",
                                    {{"openAPIV3Schema",
                                      {{"type", "object"},
                                       {"x-kubernetes-preserve-unknown-fields", true}}}}}}})}}}};
}

}  // namespace

TEST_CASE("server-side apply sends the field manager, force and dry run") {
  Fixture f;
  f.create_namespace("itest");
  Client client = f.client();
  auto applied =
      client.apply(config_map("ssa"), {.field_manager = "istio-operator", .force = true});
  CHECK(applied["data"]["key"] == "v");
  auto last = f.server.requests().back();
  CHECK(last.verb == "PATCH");
  CHECK(last.path == "/api/v1/namespaces/itest/configmaps/ssa");
  CHECK(last.content_type == "application/apply-patch+yaml");
  CHECK(last.field_manager == "istio-operator");
  CHECK(contains(last.query, "force=true"));

  client.apply(config_map("ssa", "itest", "dry"),
               {.field_manager = "istio-operator", .dry_run = true});
  CHECK(contains(f.server.requests().back().query, "dryRun=All"));
  CHECK(f.server.get("v1", "ConfigMap", "itest", "ssa").value()["data"]["key"] == "v");

  // Another manager taking a field without force conflicts, naming the owner.
  try {
    client.apply(config_map("ssa", "itest", "mine"), {.field_manager = "someone-else"});
    FAIL("expected a conflict");
  } catch (const ConflictError& e) {
    CHECK(contains(e.what(), "istio-operator"));
  }
  client.apply(config_map("ssa", "itest", "mine"),
               {.field_manager = "someone-else", .force = true});
  CHECK(f.server.get("v1", "ConfigMap", "itest", "ssa").value()["data"]["key"] == "mine");
}

TEST_CASE("status update re-reads and retries on conflict") {
  Fixture f;
  f.create_namespace("itest");
  f.server.seed(widget_crd());
  json widget = {{"apiVersion", "example.com/v1"},
                 {"kind", "Widget"},
                 {"metadata", {{"name", "w"}, {"namespace", "itest"}}},
                 {"spec", {{"size", 1}}}};
  f.server.seed(widget);
  Client client = f.client();
  wait_for_crd_established(client, "widgets.example.com",
                           {std::chrono::seconds(10), milliseconds(20), {}});

  int calls = 0;
  auto result = client.update_status("example.com/v1", "Widget", "itest", "w", [&](json& w) {
    if (++calls == 1) {
      json changed = widget;
      changed["spec"]["size"] = 2;
      f.server.seed(changed);  // someone else writes first: our PUT conflicts
    }
    w["status"]["state"] = "Ready";
    return true;
  });
  CHECK(calls == 2);
  CHECK(result["status"]["state"] == "Ready");
  auto stored = f.server.get("example.com/v1", "Widget", "itest", "w").value();
  CHECK(stored["status"]["state"] == "Ready");
  CHECK(stored["spec"]["size"] == 2);  // the other writer's change survives
  CHECK(f.server.requests().back().path ==
        "/apis/example.com/v1/namespaces/itest/widgets/w/status");

  // Nothing to change: no write.
  f.server.clear_requests();
  client.update_status("example.com/v1", "Widget", "itest", "w", [](json&) { return false; });
  for (const auto& r : f.server.requests()) CHECK(r.verb == "GET");
}

TEST_CASE("delete with preconditions") {
  Fixture f;
  f.create_namespace("itest");
  Client client = f.client();
  auto created = client.create(config_map("pre"));
  CHECK_THROWS_AS(client.remove("v1", "ConfigMap", "itest", "pre",
                                {.precondition_uid = std::string("not-its-uid")}),
                  ConflictError);
  CHECK(f.server.get("v1", "ConfigMap", "itest", "pre"));
  CHECK(client.remove("v1", "ConfigMap", "itest", "pre",
                      {.precondition_uid = created["metadata"]["uid"].get<std::string>()}));
  CHECK_FALSE(f.server.get("v1", "ConfigMap", "itest", "pre"));
}

TEST_CASE("discovery is cached on disk as kubectl does, and asked again for a new kind") {
  Fixture f;
  Client first = f.client();
  auto deploy = first.resource("apps/v1", "Deployment");
  CHECK(deploy.resource == "deployments");
  CHECK(deploy.namespaced);
  CHECK_FALSE(first.resource("v1", "Namespace").namespaced);
  std::filesystem::path folder = first.discovery().cache_folder();
  CHECK(folder ==
        f.dir.path() / "cache" / "discovery" / ("127.0.0.1_" + std::to_string(f.server.port())));
  CHECK(std::filesystem::exists(folder / "apps/v1/serverresources.json"));

  f.server.clear_requests();
  Client second = f.client();
  CHECK(second.resource("apps/v1", "Deployment").resource == "deployments");
  CHECK(f.count("GET", "/apis/apps/v1") == 0);  // from the disk cache

  CHECK_THROWS_AS(second.resource("apps/v1", "NoSuchKind"), NoKindMatchError);
  CHECK(f.count("GET", "/apis/apps/v1") == 1);  // looked again before giving up

  // A CRD created after the first lookup is found: the group is asked again.
  CHECK_THROWS_AS(second.resource("example.com/v1", "Widget"), NoKindMatchError);
  f.server.seed(widget_crd());
  CHECK(second.resource("example.com/v1", "Widget").resource == "widgets");
}

TEST_CASE("a kind whose CRD was deleted after discovery was cached reads as not served") {
  Fixture f;
  f.server.seed(widget_crd());
  Client first = f.client();
  CHECK(first.list("example.com/v1", "Widget", "default")["items"].empty());

  // Another client deletes the CRD; this process and the disk cache still know the kind.
  Client other = f.client();
  other.remove("apiextensions.k8s.io/v1", "CustomResourceDefinition", "", "widgets.example.com");
  kyma::kube::WaitOptions wait;
  wait.timeout = std::chrono::seconds(10);
  wait.interval = milliseconds(50);
  wait_for_deletion(other, "apiextensions.k8s.io/v1", "CustomResourceDefinition", "",
                    "widgets.example.com", wait);
  CHECK_THROWS_AS(first.list("example.com/v1", "Widget", "default"), NoKindMatchError);
  CHECK_THROWS_AS(f.client().list("example.com/v1", "Widget", "default"), NoKindMatchError);
}
