#pragma once
// Asks the cluster which Istio it runs, for `version`. Never throws: an unreachable cluster is
// an answer, not an error.
#include <optional>
#include <string>

#include "core/kube/connection_flags.hpp"

namespace kyma::cli {

struct ClusterIstio {
  bool reachable = false;
  std::string server;                  // API server URL, when known
  std::optional<std::string> version;  // Istio control-plane version, if installed
  std::string detail;                  // why unreachable, or where the version came from
};

ClusterIstio probe_cluster_istio(const kube::ConnectionFlags& flags);

}  // namespace kyma::cli
