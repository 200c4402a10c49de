#pragma once
// What the operator reads off the cluster's Nodes before it renders: the cluster size, which
// picks the production or evaluation profile (operator-behaviour.md §3.5), and the provider,
// which picks overrides (§3.7).
#include <optional>
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

// The alpha switches of ConfigMap kyma-system/istio-features, key "features" (§3.8).
struct IstioFeatures {
  bool disable_cni = false;
  bool enable_control_plane_vpa = false;
};
// From the ConfigMap object, or null when it does not exist. A missing key or JSON that does not
// parse gives the defaults: the operator goes on with defaults when the read fails.
IstioFeatures istio_features(const nlohmann::json& configmap);

// What the merge needs to know about the cluster (§3.5, §3.7, §3.8). The caller reads it, so
// that the merge itself is pure and works offline; the defaults describe a large cluster of no
// known provider with no alpha switches, which is what `manifest` renders without a cluster.
struct ClusterFacts {
  ClusterSize size;       // picks the profile unless one is forced
  std::string provider;   // detect_provider(): "gke", "k3d", "aws", "openstack" or ""
  bool gardener = false;  // is_gardener()
  bool elb_deprecated_configmap = false;  // ConfigMap istio-system/elb-deprecated exists
  // Annotations of Service istio-system/istio-ingressgateway; nullopt when it does not exist.
  std::optional<nlohmann::json> ingress_service_annotations;
  IstioFeatures features;
};

// Fills ClusterFacts from what the caller read: all Nodes, whether ConfigMap
// istio-system/elb-deprecated exists, Service istio-system/istio-ingressgateway (nullopt when
// absent) and ConfigMap kyma-system/istio-features (null when absent). Throws kyma::Error as
// cluster_size() does.
ClusterFacts read_cluster_facts(const std::vector<nlohmann::json>& nodes,
                                bool elb_deprecated_configmap,
                                const std::optional<nlohmann::json>& ingress_service,
                                const nlohmann::json& features_configmap);

// AWS only: whether the ingress gateway gets a Network Load Balancer (otherwise the classic ELB).
// NLB unless ConfigMap elb-deprecated exists; then ELB, unless the existing ingress Service
// already asks for an NLB (§3.7).
bool aws_uses_nlb(const ClusterFacts& facts);

}  // namespace kyma::istio
