#pragma once
// The operator's sidecar restarter (operator-behaviour.md §6.4-6.7), shared by the reconcile's
// restart stage and the `restart` command: list the running injected pods, keep those a predicate
// selects, decide per pod what to do (§6.6), then act: Kyma's workloads first, where any problem
// is an error that ends the restarter, then the customers', where problems become warnings that
// ask for a manual restart.
//
// The reads go through the client; the writes (a rollout, a pod deletion) go through a
// RestartWrite, so that a dry run plans and reports exactly what a real run would do.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/istio/restart_action.hpp"
#include "core/plugin/reconcile_context.hpp"
#include "plugins/proxy-restart/restart_summary.hpp"
#include "plugins/proxy-restart/sidecar_selection.hpp"

namespace kyma::kube {
class Client;
}

namespace kyma::proxy_restart {

// What the predicates compare with, from a reconcile context whose merge and render have run:
// the image and resources the merged configuration injects, the mesh's status port, and what
// changed since the last applied configuration.
SelectionContext selection_for(const plugin::ReconcileContext& context);

struct SelectedPod {
  nlohmann::json pod;
  std::vector<std::string> reasons;  // the predicates that matched
};

struct Selection {
  std::vector<SelectedPod> kyma;
  std::vector<SelectedPod> customer;
};

// The running pods of namespace `ns` ("" for every namespace) that a predicate selects, listed in
// the operator's pages of 30 and split into the two passes.
Selection select_pods(kube::Client& client, const SelectionContext& selection,
                      const std::string& ns);

// What the restarter does about one parent: the action, the selected pods it covers and why they
// were selected. Rollouts, deletions, skips and errors are grouped by their target (a parent is
// acted on once); a warning names the pod itself.
struct PlannedAction {
  istio::RestartAction action;
  std::vector<std::string> pods;     // names of the selected pods
  std::vector<std::string> reasons;  // each matching predicate once, in predicate order
};

// §6.6 for every selected pod of one pass, in listing order. Throws kyma::Error when the
// ReplicaSet lookups fail.
std::vector<PlannedAction> plan_pass(const std::vector<SelectedPod>& pods,
                                     const istio::OwnerLookup& lookup);

// Performs one action: rolls out action.target_kind ns/name or deletes pod ns/name. Throws
// kyma::Error when the write fails.
using RestartWrite = std::function<void(const istio::RestartAction& action)>;

// The cluster's writes, rollouts stamped with `timestamp` (RFC 3339).
RestartWrite cluster_writes(kube::Client& client, const std::string& timestamp);
// Writes nothing: a dry run.
RestartWrite no_writes();

struct PassOutcome {
  std::vector<PlannedAction> restarted;  // rolled out or deleted (in a dry run: would be)
  std::vector<PlannedAction> manual;     // need a manual restart; action.message says why
  std::vector<PlannedAction> skipped;    // left alone for now; action.message says why
  // With fail-on-error, the first problem: the pass stops there.
  std::optional<std::string> error;
};

// Runs a pass's plan. With `fail_on_error` (the Kyma pass) the first warning, unsupported owner
// or failed write ends the pass as an error; without it they are collected as manual restarts.
PassOutcome run_pass(const std::vector<PlannedAction>& plan, bool fail_on_error,
                     const RestartWrite& write);

struct RestarterOutcome {
  PassOutcome kyma;
  PassOutcome customer;
  // Listing the pods or the Kyma pass failed; the customer pass did not run.
  std::optional<std::string> error;
  // The customer pass failed as a whole (not one workload): the operator's single
  // "n/a" warning.
  std::optional<std::string> customer_pass_error;

  std::vector<PlannedAction> restarted() const;  // both passes, Kyma's first
  // The workloads the manual-restart warning names (§6.7); empty when there is no warning.
  std::vector<WorkloadRef> warnings() const;
};

// Select, plan and run both passes in namespace `ns` ("" for every namespace).
RestarterOutcome restart_sidecars(kube::Client& client, const SelectionContext& selection,
                                  const std::string& ns, const RestartWrite& write);

}  // namespace kyma::proxy_restart
