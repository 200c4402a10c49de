#pragma once
// Asks the cluster which Istio it runs, for `version`: the tag of the `discovery` container of
// Deployment istio-system/istiod ("1.23.2-distroless" -> 1.23.2). Never throws: an unreachable
// cluster is an answer, not an error.
#include <optional>
#include <string>

#include "core/kube/connection_flags.hpp"

namespace kyma::cli {

struct ClusterIstio {
  bool reachable = false;              // the API server answered
  std::string server;                  // API server URL, when known
  std::optional<bool> installed;       // whether istiod exists; unset when it could not be read
  std::optional<std::string> version;  // Istio control-plane version, if installed
  std::string detail;                  // why unreachable or unknown
};

ClusterIstio probe_cluster_istio(const kube::ConnectionFlags& flags);

// "1.23.2-distroless" -> "1.23.2"; the tag itself for other variants.
std::string istio_version_from_tag(const std::string& tag);

}  // namespace kyma::cli
