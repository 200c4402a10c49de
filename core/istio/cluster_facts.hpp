#pragma once
// What the operator reads off the cluster's Nodes before it renders: the cluster size, which
// picks the production or evaluation profile (operator-behaviour.md §3.5), and the provider,
// which picks overrides (§3.7).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kyma::istio {

struct ClusterSize {
  double cpu_cores = 0;
  double memory_bytes = 0;
  bool evaluation = false;  // < 5 CPU cores or < 10G (10^9 bytes) memory
  std::string profile() const { return evaluation ? "evaluation" : "production"; }
};

// Sums status.capacity over the Nodes. Throws kyma::Error if a capacity does not parse.
ClusterSize cluster_size(const std::vector<nlohmann::json>& nodes);

// "gke", "k3d", "aws", "openstack", or "" when no Node matches; the first matching Node wins.
std::string detect_provider(const std::vector<nlohmann::json>& nodes);
// Any Node whose OS image mentions Garden.
bool is_gardener(const std::vector<nlohmann::json>& nodes);

}  // namespace kyma::istio
