#pragma once
// `status` as a person reads it (-o table, the default): "Label: value" lines and kubectl-style
// tables, one section each for the Istio CR, the control plane, the data plane and the outdated
// workloads, then the problems (or that there are none).
#include <chrono>
#include <ostream>

#include "plugins/status/mesh_status.hpp"

namespace kyma::status {

// `now` gives the conditions' ages.
void print_status_table(std::ostream& out, const MeshStatus& status,
                        std::chrono::system_clock::time_point now);

}  // namespace kyma::status
