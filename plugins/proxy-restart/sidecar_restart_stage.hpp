#pragma once
// The sidecar restarter (operator-behaviour.md §6.4-6.7) as a restart-phase stage: pods whose
// istio-proxy no longer matches what the installed Istio injects, or whose proxy settings
// changed since the last applied configuration, get their owners rolled out; Kyma's workloads
// first (any problem is an error), then the customers' (problems become a manual-restart
// warning that names the workloads).
#include "core/plugin/reconcile_context.hpp"

namespace kyma::proxy_restart {

void restart_sidecars_stage(plugin::ReconcileContext& context);

}  // namespace kyma::proxy_restart
