#include "plugins/proxy-restart/restart_summary.hpp"

namespace kyma::proxy_restart {

std::string manual_restart_message(const std::vector<WorkloadRef>& workloads) {
  constexpr size_t kListed = 5;
  std::string message = "The sidecars of the following workloads could not be restarted: ";
  for (size_t i = 0; i < workloads.size() && i < kListed; ++i) {
    if (i > 0) message += ", ";
    message += workloads[i].ns + "/" + workloads[i].name;
  }
  if (workloads.size() > kListed) {
    message += " and " + std::to_string(workloads.size() - kListed) + " additional workload(s)";
  }
  return message;
}

}  // namespace kyma::proxy_restart
