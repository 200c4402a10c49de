#pragma once
// Reading what an in-cluster Kyma Istio operator writes into the Istio CR's status, for a
// command that wrote the CR and now follows the operator (operator-behaviour.md §2, §3.1-3.2):
// what the status says, which exit code a settled status stands for, and whether the operator
// has picked up the written spec yet. Pure: no cluster access.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/istio/conditions.hpp"
#include "core/ui/error.hpp"

namespace kyma::reconcile {

struct OperatorStatus {
  std::string state;  // "" while the operator has written no status
  std::string description;
  std::vector<istio::Condition> conditions;

  static OperatorStatus of(const nlohmann::json& cr);

  // Ready, Warning or Error: the operator has finished a reconcile.
  bool settled() const;
  // Processing or Deleting: a reconcile is running.
  bool busy() const;
  const istio::Condition* ready() const;
  // "Processing (Ready=Unknown: ReconcileUnknown)": the state and the Ready condition, for
  // progress lines.
  std::string summary() const;
};

// The exit code a status stands for: Ready 0; Warning 3 when a guard refused
// (IstioVersionUpdateNotAllowed, IstioCustomResourcesDangling, OlderCRExists), otherwise 4 (the
// user must act: manual sidecar restarts, a user EnvoyFilter on the gateway, ...); Error 1. A
// status that has not settled is not a failure of its own: 0.
ExitCode exit_code_for(const OperatorStatus& status);

// Whether a write gives the operator something to do. It reconciles on a generation change only
// (a spec change, or the deletion mark), so a write that left the generation as it was (or,
// when the kind keeps none, the resourceVersion) will not be picked up. `before` is null for a
// write that created the CR.
bool operator_will_act(const nlohmann::json& before, const nlohmann::json& after, bool deletion);

// Decides, from the copies of the CR seen after a write (in order), when the operator has picked
// the write up and settled. The operator sets no observedGeneration, so picking up is read off
// its status writes:
//  - it writes Processing (Deleting for a deletion) at the start of every reconcile, so seeing
//    that state after the write means a reconcile of the written generation has started;
//  - a reconcile that stops before that write (validation, wrong namespace, not the oldest CR)
//    writes its final state directly, so a change of a settled (or empty) status counts too;
//  - when the operator was busy at the time of the write, the next status change may be the
//    earlier reconcile finishing. Only a Ready whose lastAppliedConfiguration holds the written
//    spec is taken as ours then; anything else waits for a further change.
// A deletion never settles on Ready: it ends with the CR gone (which the caller sees) or with
// a Warning or Error.
class OperatorPickup {
 public:
  OperatorPickup(const nlohmann::json& at_write, bool deletion);

  // Takes the next copy of the CR; returns whether the operator has settled on the write.
  bool observe(const nlohmann::json& cr);
  bool picked_up() const { return picked_up_; }

 private:
  bool applied_spec_is_written(const nlohmann::json& cr) const;

  nlohmann::json written_spec_;
  nlohmann::json status_before_;
  bool busy_before_;
  bool deletion_;
  bool picked_up_ = false;
};

}  // namespace kyma::reconcile
