#pragma once
// The warning the operator writes when some sidecars could not be restarted
// (operator-behaviour.md §6.7): at most five workloads by name, then a count of the rest.
#include <string>
#include <vector>

namespace kyma::proxy_restart {

struct WorkloadRef {
  std::string ns;
  std::string name;
};

std::string manual_restart_message(const std::vector<WorkloadRef>& workloads);

}  // namespace kyma::proxy_restart
