#pragma once
// The ingress gateway restarter (operator-behaviour.md §6.3) as a restart-phase stage: Envoy reads
// gateway topology, the trust domain and the stats matcher only at start, so when any of them
// changed since the last applied configuration the gateway is restarted, and this plugin also
// waits for the new pods, so that `xff` returns once the setting is live.
#include "core/plugin/reconcile_context.hpp"

namespace kyma::xff {

void restart_ingress_gateway_stage(plugin::ReconcileContext& context);

}  // namespace kyma::xff
