// The waiting helpers against fakekube's simulated controllers: rollouts, CRDs, deletion, and a
// timeout that names each object that is not ready and what its newest pod says.
#include <catch2/catch.hpp>

#include "core/kube/client.hpp"
#include "core/kube/wait.hpp"
#include "core/ui/error.hpp"
#include "tests/integration/kube/fixture.hpp"

using namespace kyma::kube;
using kyma::kube::test::config_map;
using kyma::kube::test::contains;
using kyma::kube::test::Fixture;
using nlohmann::json;
using std::chrono::milliseconds;

namespace {

json pod_template(const std::string& app, const std::string& image) {
  return {{"metadata", {{"labels", {{"app", app}}}}},
          {"spec", {{"containers", json::array({{{"name", "c"}, {"image", image}}})}}}};
}

json workload(const std::string& kind, const std::string& name, const std::string& image,
              int replicas = 2) {
  json object = {{"apiVersion", "apps/v1"},
                 {"kind", kind},
                 {"metadata", {{"name", name}, {"namespace", "itest"}}},
                 {"spec",
                  {{"selector", {{"matchLabels", {{"app", name}}}}},
                   {"template", pod_template(name, image)}}}};
  if (kind != "DaemonSet") object["spec"]["replicas"] = replicas;
  if (kind == "StatefulSet") object["spec"]["serviceName"] = name;
  return object;
}

WaitOptions options(std::chrono::milliseconds timeout,
                    std::vector<std::string>* progress = nullptr) {
  WaitOptions o{timeout, milliseconds(50), {}};
  if (progress) o.on_progress = [progress](const std::string& m) { progress->push_back(m); };
  return o;
}

}  // namespace

TEST_CASE("a Deployment rollout is waited for until its new ReplicaSet is ready") {
  Fixture f;
  f.create_namespace("itest");
  Client client = f.client();
  client.apply(workload("Deployment", "good", "example/c:1"), {.field_manager = "itest"});
  std::vector<std::string> progress;
  wait_for_rollout(client, "Deployment", "itest", "good",
                   options(std::chrono::seconds(20), &progress));
  REQUIRE_FALSE(progress.empty());
  CHECK(progress.back() == "deployment \"good\" successfully rolled out");

  // A new template: the rollout is judged by the new ReplicaSet, not by the old ready one.
  client.apply(workload("Deployment", "good", "example/c:2"), {.field_manager = "itest"});
  CHECK_FALSE(check_target(client, {"apps/v1", "Deployment", "itest", "good"}).ready);
  wait_for_rollout(client, "Deployment", "itest", "good", options(std::chrono::seconds(20)));
}

TEST_CASE("DaemonSet and StatefulSet rollouts and CRD Established are waited for") {
  Fixture f;
  f.create_namespace("itest");
  Client client = f.client();
  client.apply(workload("DaemonSet", "node-agent", "example/a:1"), {.field_manager = "itest"});
  client.apply(workload("StatefulSet", "db", "example/db:1"), {.field_manager = "itest"});
  client.apply(
      {{"apiVersion", "apiextensions.k8s.io/v1"},
       {"kind", "CustomResourceDefinition"},
       {"metadata", {{"name", "gadgets.example.com"}}},
       {"spec",
        {{"group", "example.com"},
         {"scope", "Cluster"},
         {"names", {{"plural", "gadgets"}, {"kind", "Gadget"}}},
         {"versions", json::array({{{"name", "v1"},
                                    {"served", true},
                                    {"storage", true},
                                    {"schema",
                                     {{"openAPIV3Schema",
                                       {{"type", "object"},
                                        {"x-kubernetes-preserve-unknown-fields", true}}}}}}})}}}},
      {.field_manager = "itest"});
  wait_for(client,
           {{"apps/v1", "DaemonSet", "itest", "node-agent"},
            {"apps/v1", "StatefulSet", "itest", "db"},
            {"apiextensions.k8s.io/v1", "CustomResourceDefinition", "", "gadgets.example.com"}},
           options(std::chrono::seconds(20)));
  CHECK(check_target(client, {"apps/v1", "DaemonSet", "itest", "node-agent"}).ready);
  CHECK(check_target(client, {"apps/v1", "StatefulSet", "itest", "db"}).ready);
}

TEST_CASE("waiting for an object to be gone") {
  Fixture f;
  f.create_namespace("itest");
  Client client = f.client();
  client.create(config_map("gone"));
  CHECK_THROWS_AS(
      wait_for_deletion(client, "v1", "ConfigMap", "itest", "gone", options(milliseconds(200))),
      kyma::TimeoutError);
  client.remove("v1", "ConfigMap", "itest", "gone");
  wait_for_deletion(client, "v1", "ConfigMap", "itest", "gone", options(std::chrono::seconds(10)));
}

TEST_CASE("a timeout names every unready object and the reason from its newest pod") {
  Fixture f;
  f.create_namespace("itest");
  Client client = f.client();
  f.server.fail_pods("itest", "bad", "ImagePullBackOff");
  client.apply(workload("Deployment", "good", "example/c:1"), {.field_manager = "itest"});
  client.apply(workload("Deployment", "bad", "example/c:404"), {.field_manager = "itest"});
  client.apply(workload("DaemonSet", "bad-agent", "example/a:404"), {.field_manager = "itest"});
  try {
    wait_for(client,
             {{"apps/v1", "Deployment", "itest", "good"},
              {"apps/v1", "Deployment", "itest", "bad"},
              {"apps/v1", "DaemonSet", "itest", "bad-agent"},
              {"v1", "ConfigMap", "itest", "never-created"}},
             options(milliseconds(1500)));
    FAIL("expected a timeout");
  } catch (const kyma::TimeoutError& e) {
    std::string what = e.what();
    INFO(what);
    CHECK(e.code() == kyma::ExitCode::kTimeout);
    CHECK(what.rfind("timed out after 1.5s waiting for 3 of 4 objects: ", 0) == 0);
    CHECK_FALSE(contains(what, "Deployment/itest/good"));
    CHECK(contains(what, "Deployment/itest/bad: "));
    CHECK(contains(what, "DaemonSet/itest/bad-agent: "));
    CHECK(contains(what, "ConfigMap/itest/never-created does not exist yet"));
    CHECK(contains(what, "is waiting: ImagePullBackOff"));
    CHECK_FALSE(contains(what, "\n"));
  }
}
