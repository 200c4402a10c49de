#pragma once
// The control-plane part of `status`: istiod, the ingress (and, when installed, egress) gateway
// and the CNI node agent in istio-system, each with the Istio version of its image
// (istio-install.md §3.4), its ready/desired replicas, and the versions its pods run; and
// whether they all run one version.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugins/status/version_count.hpp"

namespace kyma::status {

struct Component {
  std::string name;       // istiod
  std::string kind;       // Deployment or DaemonSet
  std::string container;  // the container whose image tells the version
  bool required = true;   // missing is a problem (the egress gateway is optional)
  bool found = false;
  std::string image;    // of the pod template
  std::string version;  // of the pod template's image
  int ready = 0;
  int desired = 0;
  std::vector<VersionCount> pod_versions;       // the live pods
  std::map<std::string, std::string> selector;  // spec.selector.matchLabels
};

struct ControlPlane {
  std::vector<Component> components;  // istiod, ingress, egress (only when found), CNI
  std::vector<std::string> versions;  // every version seen, newest first
  bool mixed() const { return versions.size() > 1; }
};

// `workloads`: the Deployments and DaemonSets in istio-system; `pods`: pods in istio-system.
ControlPlane summarize_control_plane(const std::vector<nlohmann::json>& workloads,
                                     const std::vector<nlohmann::json>& pods);

// Whether the pod is one of a found component's pods (a gateway pod has an istio-proxy
// container but is not part of the data plane).
bool is_component_pod(const ControlPlane& control_plane, const nlohmann::json& pod);

}  // namespace kyma::status
