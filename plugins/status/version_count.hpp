#pragma once
// Pods counted by the Istio version they run, newest version first.
#include <string>
#include <vector>

namespace kyma::status {

struct VersionCount {
  std::string version;
  int pods = 0;
  bool operator==(const VersionCount&) const = default;
};

// One entry per distinct version: versions (MAJOR.MINOR.PATCH) newest first, then anything else
// ("latest", "unknown") in text order.
std::vector<VersionCount> count_versions(const std::vector<std::string>& versions);

// "1.23.2: 40 pods, 1.22.3: 1 pod".
std::string describe_counts(const std::vector<VersionCount>& counts);

}  // namespace kyma::status
