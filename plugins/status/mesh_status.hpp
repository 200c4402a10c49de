#pragma once
// Everything `status` shows, computed from what was read from the cluster (a snapshot of plain
// API objects), with the problems a reader should act on. Pure: no cluster access here.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugins/status/control_plane.hpp"
#include "plugins/status/cr_summary.hpp"
#include "plugins/status/data_plane.hpp"
#include "plugins/status/workload_owner.hpp"

namespace kyma::status {

struct ClusterSnapshot {
  bool crd_installed = true;
  std::vector<nlohmann::json> crs;        // Istio CRs in kyma-system
  std::vector<nlohmann::json> workloads;  // Deployments and DaemonSets in istio-system
  std::vector<nlohmann::json> pods;       // slim_pod() copies (istio-system and injected pods)
  nlohmann::json injector;                // the injector ConfigMap, or null
  ReplicaSetIndex replica_sets;           // owners of the ReplicaSets looked up so far
};

struct MeshStatus {
  CrSummary cr;
  ControlPlane control_plane;
  DataPlane data_plane;
  // One line each, e.g. "istiod: 0/1 ready"; none means healthy and up to date.
  std::vector<std::string> problems;
  bool healthy() const { return problems.empty(); }
};

MeshStatus build_status(const ClusterSnapshot& snapshot);

}  // namespace kyma::status
