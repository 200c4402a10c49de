#pragma once
// A stand-in for the in-cluster Kyma Istio operator, for operator-mode e2e tests: a thread that
// polls the Istio CRs in kyma-system through the fakekube Server API and, on every generation
// change (a spec change, or the deletion mark), writes the status the way the operator does
// (operator-behaviour.md §3.2, §5): Processing (Deleting) first, then the outcome. Its writes go
// through the test API, so they are not in the request log: that log holds only the plugin's.
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/fakekube/server.hpp"

namespace kyma::test {

struct FakeOperatorOutcome {
  std::string state = "Ready";  // the state a reconcile of a live CR ends with
  std::string reason;           // Ready condition reason (Warning/Error); default for Ready
  std::string description;
  // A deletion ends with Warning/IstioCustomResourcesDangling and the CR kept, as the operator
  // does when user Istio resources exist.
  bool block_deletion = false;
  // Between Processing and the outcome, the API server "restarts": open watches end and their
  // history is gone (a watch from an earlier resourceVersion gets 410 Expired).
  bool restart_api_server = false;
};

class FakeOperator {
 public:
  FakeOperator(fakekube::Server& server, FakeOperatorOutcome outcome = {});
  ~FakeOperator();
  FakeOperator(const FakeOperator&) = delete;
  FakeOperator& operator=(const FakeOperator&) = delete;

  // How many reconciles it has started.
  int reconciles() const { return reconciles_; }

 private:
  void loop();
  void reconcile(nlohmann::json cr);

  fakekube::Server& server_;
  FakeOperatorOutcome outcome_;
  std::map<std::string, std::string> seen_;  // CR name -> generation/deletion it reconciled
  std::atomic<int> reconciles_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

// The operator's Deployment kyma-system/istio-controller-manager (and its namespace): what makes
// --mode auto choose operator mode.
void seed_operator_deployment(fakekube::Server& server);
// The Istio CRD from the bundle, as the operator installs it.
void seed_istio_crd(fakekube::Server& server);

}  // namespace kyma::test
