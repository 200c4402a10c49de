#pragma once
// `kubectl kyma-istio restart [--dry-run] [-n NS | -A] [--timeout D]`: the operator's sidecar
// restarter run on its own, outside a reconcile. The expected sidecar comes from the installed
// version's merged configuration (the reconcile's validate, guard and render stages, run as a dry
// run so that they write nothing); the only writes are the restarts.
#include "core/plugin/api.hpp"

namespace kyma::proxy_restart {

int run_restart(plugin::Invocation& invocation);

}  // namespace kyma::proxy_restart
