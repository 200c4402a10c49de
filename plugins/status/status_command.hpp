#pragma once
// `kubectl kyma-istio status [-o table|json|yaml] [--watch [--timeout D]]`.
// Exit 0 whenever the status could be read, whatever the mesh's state (scripts read `healthy`
// and `problems` of -o json); 1 when it could not (cluster unreachable, access forbidden);
// 2 for a bad flag.
#include "core/plugin/api.hpp"

namespace kyma::status {

plugin::CommandSpec status_command_spec();

int run_status(plugin::Invocation& invocation);

}  // namespace kyma::status
