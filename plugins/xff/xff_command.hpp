#pragma once
// `kubectl kyma-istio xff`: shows spec.config.numTrustedProxies, or sets / unsets it and
// reconciles, which restarts the ingress gateway and waits for it (operator-behaviour.md §7).
#include "core/plugin/api.hpp"

namespace kyma::xff {

int run_xff(plugin::Invocation& invocation);

}  // namespace kyma::xff
