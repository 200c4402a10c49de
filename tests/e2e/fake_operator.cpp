#include "tests/e2e/fake_operator.hpp"

#include <fstream>
#include <sstream>

#include "core/istio/conditions.hpp"
#include "core/istio/last_applied.hpp"
#include "core/manifest/yaml.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_paths.hpp"

namespace kyma::test {

using nlohmann::json;

namespace {

const char* const kApiVersion = "operator.kyma-project.io/v1alpha2";
const char* const kFinalizer = "istios.operator.kyma-project.io/istio-installation";
const char* const kBlockedDescription =
    "There are Istio resources that block deletion. Please take a look at "
    "kyma-system/istio-controller-manager logs to see more information about the warning";

json condition_for(istio::Reason reason) {
  json c = istio::make_condition(reason).to_json();
  c["lastTransitionTime"] = istio::rfc3339_now();
  return c;
}

json status(const std::string& state, const std::string& description, istio::Reason ready) {
  json c = condition_for(ready);
  return {{"state", state}, {"description", description}, {"conditions", json::array({c})}};
}

}  // namespace

FakeOperator::FakeOperator(fakekube::Server& server, FakeOperatorOutcome outcome)
    : server_(server), outcome_(std::move(outcome)), thread_([this] { loop(); }) {}

FakeOperator::~FakeOperator() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void FakeOperator::loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_) {
    lock.unlock();
    for (json& cr : server_.list(kApiVersion, "Istio", "kyma-system")) {
      std::string name = cr["metadata"]["name"];
      std::string key = cr["metadata"].value("generation", json(0)).dump() +
                        (cr["metadata"].contains("deletionTimestamp") ? "/deleting" : "");
      if (seen_[name] == key) continue;
      seen_[name] = key;
      reconcile(std::move(cr));
    }
    lock.lock();
    // A controller's poll period, not a wait for a test condition.
    wake_.wait_for(lock, std::chrono::milliseconds(20), [this] { return stop_; });
  }
}

void FakeOperator::reconcile(json cr) {
  ++reconciles_;
  const bool deleting = cr["metadata"].contains("deletionTimestamp");
  cr["status"] = deleting
                     ? status("Deleting", "Deleting Istio", istio::Reason::kReconcileUnknown)
                     : status("Processing", "Reconciling Istio", istio::Reason::kReconcileUnknown);
  cr = server_.seed(cr);
  if (outcome_.restart_api_server) {
    std::size_t before = server_.requests().size();
    // Another object changes (as the operator's leader lease would), so the follower's last
    // seen resourceVersion is older than the history that is left.
    server_.seed({{"apiVersion", "v1"},
                  {"kind", "ConfigMap"},
                  {"metadata", {{"name", "istio-operator-lease"}, {"namespace", "kyma-system"}}},
                  {"data", {{"holder", std::to_string(reconciles_)}}}});
    server_.compact_watch_history();
    server_.close_watches();
    // The outcome only once the follower has listed the CRs again (its watch got 410 Expired),
    // so that it learns of the outcome from the new watch, not from the one that ended.
    wait_until(
        [&] {
          auto log = server_.requests();
          for (std::size_t i = before; i < log.size(); ++i) {
            const auto& r = log[i];
            if (r.verb == "GET" && r.query.find("watch=") == std::string::npos &&
                r.path.find("/istios") != std::string::npos)
              return true;
          }
          return false;
        },
        std::chrono::seconds(10));
  }
  if (deleting) {
    if (outcome_.block_deletion) {
      cr["status"] =
          status("Warning", kBlockedDescription, istio::Reason::kIstioCustomResourcesDangling);
    } else {
      cr["metadata"]["finalizers"] = json::array();  // the API server then deletes the CR
    }
    server_.seed(cr);
    return;
  }
  cr["metadata"]["finalizers"] = json::array({kFinalizer});
  if (outcome_.state == "Ready") {
    cr["metadata"]["annotations"][istio::kLastAppliedAnnotation] =
        istio::last_applied_text(cr.value("spec", json::object()), "1.23.2-distroless");
    cr["status"] = status("Ready", "", istio::Reason::kReconcileSucceeded);
  } else {
    auto reason =
        istio::reason_from_name(outcome_.reason).value_or(istio::Reason::kReconcileFailed);
    if (istio::is_ready_type(reason)) {
      cr["status"] = status(outcome_.state, outcome_.description, reason);
    } else {
      // A reason of another condition type: Ready says ReconcileFailed, the reason its own.
      cr["status"] = status(outcome_.state, outcome_.description, istio::Reason::kReconcileFailed);
      cr["status"]["conditions"].push_back(condition_for(reason));
    }
  }
  server_.seed(cr);
}

void seed_operator_deployment(fakekube::Server& server) {
  server.seed(
      {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "kyma-system"}}}});
  server.seed(json::parse(R"({
    "apiVersion": "apps/v1", "kind": "Deployment",
    "metadata": {"name": "istio-controller-manager", "namespace": "kyma-system"},
    "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "istio-operator"}},
      "template": {"metadata": {"labels": {"app": "istio-operator"}},
        "spec": {"containers": [{"name": "manager",
          "image": "europe-docker.pkg.dev/kyma-project/prod/istio/main/istio-manager:1.10.0"}]}}}})"));
}

void seed_istio_crd(fakekube::Server& server) {
  std::filesystem::path file = bundle_dir() / "crd" / "operator.kyma-project.io_istios.yaml";
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  server.seed(manifest::parse_yaml(text.str(), file.string()));
}

}  // namespace kyma::test
