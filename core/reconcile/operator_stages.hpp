#pragma once
// The Kyma operator's reconcile of a live Istio CR (operator-behaviour.md §3.2-3.3, §3.9-3.12), as
// pipeline stages. The plugins add theirs between them: the version guard (guard phase), the
// ingress gateway and sidecar restarters (restart phase).
//
//   validate  read the CR; the operator's checks; kyma-system only; the oldest CR wins;
//             state Processing; the cluster's size, provider and switches
//   guard     the target version from the profile (plugins guard it)
//   render    the installation finalizer; merge the CR into the profile; render
//   apply     install; stamp the module label; verify the pods' versions; IstioTag
//   resources PeerAuthentication, NetworkPolicies, the proxy-protocol EnvoyFilter
//   restart   the NetworkPolicy restarter (after the plugins' restarters)
//   status    the user EnvoyFilter check; the full lastAppliedConfiguration, state Ready
#include <vector>

#include "core/plugin/api.hpp"
#include "core/plugin/reconcile_context.hpp"

namespace kyma::reconcile {

inline constexpr const char* kInstallationFinalizer =
    "istios.operator.kyma-project.io/istio-installation";

std::vector<plugin::StageSpec> operator_stages();

// Runs the pipeline, then writes the CR's final status (state, description, conditions) unless
// it is a dry run. Returns the exit code of the outcome.
int run_reconcile(plugin::ReconcileContext& context,
                  const std::vector<const plugin::StageSpec*>& stages);

}  // namespace kyma::reconcile
