#include "core/istio/cluster_facts.hpp"

#include <algorithm>
#include <regex>

#include "core/kube/quantity.hpp"
#include "core/ui/error.hpp"

namespace kyma::istio {

namespace {

double capacity(const nlohmann::json& node, const char* key) {
  const auto& cap = node.value("/status/capacity"_json_pointer, nlohmann::json::object());
  if (!cap.contains(key)) return 0;
  std::string text = cap[key].is_string() ? cap[key].get<std::string>() : cap[key].dump();
  auto q = kube::Quantity::parse(text);
  if (!q) {
    throw Error("Could not evaluate cluster size: node " +
                node.value("/metadata/name"_json_pointer, std::string("?")) + " has capacity " +
                key + " \"" + text + "\" that is not a quantity");
  }
  return q->as_double();
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

ClusterSize cluster_size(const std::vector<nlohmann::json>& nodes) {
  ClusterSize size;
  for (const auto& node : nodes) {
    size.cpu_cores += capacity(node, "cpu");
    size.memory_bytes += capacity(node, "memory");
  }
  size.evaluation = size.cpu_cores < 5 || size.memory_bytes < 10e9;
  return size;
}

std::string detect_provider(const std::vector<nlohmann::json>& nodes) {
  static const std::regex gke(R"(^v\d+\.\d+\.\d+-gke\.\d+$)");
  static const std::regex k3s(R"(^v\d+\.\d+\.\d+\+k3s\d+$)");
  for (const auto& node : nodes) {
    std::string kubelet = node.value("/status/nodeInfo/kubeletVersion"_json_pointer, std::string());
    std::string provider_id = lower(node.value("/spec/providerID"_json_pointer, std::string()));
    if (std::regex_match(kubelet, gke)) return "gke";
    if (std::regex_match(kubelet, k3s)) return "k3d";
    if (provider_id.rfind("aws://", 0) == 0) return "aws";
    if (provider_id.rfind("openstack://", 0) == 0) return "openstack";
  }
  return "";
}

bool is_gardener(const std::vector<nlohmann::json>& nodes) {
  return std::any_of(nodes.begin(), nodes.end(), [](const nlohmann::json& node) {
    return node.value("/status/nodeInfo/osImage"_json_pointer, std::string()).find("Garden") !=
           std::string::npos;
  });
}

IstioFeatures istio_features(const nlohmann::json& configmap) {
  IstioFeatures features;
  auto pointer = "/data/features"_json_pointer;
  if (!configmap.is_object() || !configmap.contains(pointer) ||
      !configmap.at(pointer).is_string()) {
    return features;
  }
  auto parsed = nlohmann::json::parse(configmap.at(pointer).get<std::string>(), nullptr, false);
  if (!parsed.is_object()) return features;
  auto flag = [&](const char* key) {
    auto it = parsed.find(key);
    return it != parsed.end() && it->is_boolean() && it->get<bool>();
  };
  features.disable_cni = flag("disableCni");
  features.enable_control_plane_vpa = flag("enableControlPlaneVPA");
  return features;
}

ClusterFacts read_cluster_facts(const std::vector<nlohmann::json>& nodes,
                                bool elb_deprecated_configmap,
                                const std::optional<nlohmann::json>& ingress_service,
                                const nlohmann::json& features_configmap) {
  ClusterFacts facts;
  facts.size = cluster_size(nodes);
  facts.provider = detect_provider(nodes);
  facts.gardener = is_gardener(nodes);
  facts.elb_deprecated_configmap = elb_deprecated_configmap;
  if (ingress_service) {
    facts.ingress_service_annotations =
        ingress_service->value("/metadata/annotations"_json_pointer, nlohmann::json::object());
  }
  facts.features = istio_features(features_configmap);
  return facts;
}

bool aws_uses_nlb(const ClusterFacts& facts) {
  if (!facts.elb_deprecated_configmap) return true;
  if (!facts.ingress_service_annotations) return false;
  const auto& annotations = *facts.ingress_service_annotations;
  if (!annotations.is_object()) return false;
  auto it = annotations.find("service.beta.kubernetes.io/aws-load-balancer-type");
  return it != annotations.end() && *it == "nlb";
}

}  // namespace kyma::istio
