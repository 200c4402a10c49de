#include "core/manifest/kyma_resources.hpp"

#include "core/manifest/install_metadata.hpp"
#include "core/manifest/object_access.hpp"

namespace kyma::manifest {

using nlohmann::json;

namespace {

// The labels of the operator's embedded manifests, plus the version it always adds.
json operator_labels(const std::string& operator_version) {
  return {{kModuleLabel, kModuleLabelValue},
          {"app.kubernetes.io/component", "operator"},
          {"app.kubernetes.io/part-of", "istio"},
          {"app.kubernetes.io/name", "istio-operator"},
          {"app.kubernetes.io/instance", "istio-operator-default"},
          {"app.kubernetes.io/version", operator_version}};
}

json network_policy_labels(const std::string& operator_version) {
  return {{kModuleLabel, kModuleLabelValue},
          {"kyma-project.io/managed-by", "kyma"},
          {"app.kubernetes.io/version", operator_version}};
}

json port(const char* protocol, int number) {
  return {{"protocol", protocol}, {"port", number}};
}

json dns_ports() {
  return {{"ports", json::array({port("UDP", 53), port("TCP", 53)})}};
}

json api_server_ports(int api_port) {
  return {{"ports", json::array({port("TCP", api_port)})}};
}

json pods_labelled(const json& match_labels, bool any_namespace) {
  json peer = {{"podSelector", {{"matchLabels", match_labels}}}};
  // Without a namespaceSelector a peer is limited to the policy's own namespace.
  if (any_namespace) peer["namespaceSelector"] = json::object();
  return peer;
}

// Who may scrape Istio's metrics ports: module pods, or pods labelled for metrics, anywhere.
json metrics_sources() {
  return json::array(
      {{{"podSelector",
         {{"matchExpressions", json::array({{{"key", kModuleLabel}, {"operator", "Exists"}}})}}},
        {"namespaceSelector", json::object()}},
       pods_labelled({{"networking.kyma-project.io/istio-metrics", "allowed"}}, true),
       pods_labelled({{"networking.kyma-project.io/metrics-scraping", "allowed"}}, true)});
}

json metrics_ports() {
  return json::array({port("TCP", 15020), port("TCP", 15021), port("TCP", 15090)});
}

json network_policy(const std::string& name, const std::string& ns, const json& pod_selector,
                    const json& egress, const json& ingress, const std::string& version) {
  json policy_types = json::array();
  json spec = {{"podSelector", pod_selector}};
  if (!egress.is_null()) {
    policy_types.push_back("Egress");
    spec["egress"] = egress;
  }
  if (!ingress.is_null()) {
    policy_types.push_back("Ingress");
    spec["ingress"] = ingress;
  }
  spec["policyTypes"] = policy_types;
  json object = {
      {"apiVersion", "networking.k8s.io/v1"},
      {"kind", "NetworkPolicy"},
      {"metadata", {{"name", name}, {"namespace", ns}, {"labels", network_policy_labels(version)}}},
      {"spec", spec}};
  stamp_disclaimer(object);
  return object;
}

json match_labels(const json& labels) {
  return {{"matchLabels", labels}};
}

}  // namespace

json kyma_priority_class(const json& shipped, const std::string& operator_version) {
  json object = shipped;
  json& metadata = object["metadata"];
  metadata["name"] = "istio-" + name_of(shipped);
  json& labels = labels_of(object);
  json module = operator_labels(operator_version);
  module.erase("app.kubernetes.io/component");  // the file sets its own
  for (const auto& [key, value] : module.items()) labels[key] = value;
  return object;
}

json istio_namespace() {
  json object = {{"apiVersion", "v1"},
                 {"kind", "Namespace"},
                 {"metadata",
                  {{"name", "istio-system"},
                   {"labels", {{"namespaces.warden.kyma-project.io/validate", "enabled"}}}}}};
  stamp_disclaimer(object);
  return object;
}

json mesh_peer_authentication(const std::string& operator_version) {
  json object = {{"apiVersion", "security.istio.io/v1"},
                 {"kind", "PeerAuthentication"},
                 {"metadata",
                  {{"name", "default"},
                   {"namespace", "istio-system"},
                   {"labels", operator_labels(operator_version)}}},
                 {"spec", {{"mtls", {{"mode", "STRICT"}}}}}};
  stamp_disclaimer(object);
  return object;
}

std::vector<json> module_network_policies(const std::string& version, int api_port) {
  const std::string istio = "istio-system";
  std::vector<json> out;
  out.push_back(network_policy(
      "kyma-project.io--istio-cni-node", istio, match_labels({{"k8s-app", "istio-cni-node"}}),
      json::array({dns_ports(), api_server_ports(api_port)}), nullptr, version));
  out.push_back(network_policy(
      "kyma-project.io--istio-ingressgateway-egress", istio,
      match_labels({{"istio", "ingressgateway"}}),
      json::array(
          {{{"to", json::array({pods_labelled(
                       {{"networking.kyma-project.io/from-ingressgateway", "allowed"}}, true)})}}}),
      nullptr, version));
  out.push_back(network_policy(
      "kyma-project.io--istio-egressgateway", istio, match_labels({{"istio", "egressgateway"}}),
      json::array({json::object()}),
      json::array(
          {{{"from", json::array({pods_labelled(
                         {{"networking.kyma-project.io/to-egressgateway", "allowed"}}, true)})}},
           {{"from", metrics_sources()}, {"ports", metrics_ports()}}}),
      version));
  out.push_back(network_policy(
      "kyma-project.io--istio-ingressgateway", istio, match_labels({{"istio", "ingressgateway"}}),
      json::array({{{"to", json::array({pods_labelled({{"istio", "pilot"}}, false)})},
                    {"ports", json::array({port("TCP", 15012)})}},
                   dns_ports()}),
      json::array({{{"ports", json::array({port("TCP", 8080), port("TCP", 8443)})}},
                   {{"from", metrics_sources()}, {"ports", metrics_ports()}}}),
      version));
  out.push_back(network_policy("kyma-project.io--allow-istio-controller-manager", "kyma-system",
                               match_labels({{kModuleLabel, kModuleLabelValue},
                                             {"app.kubernetes.io/name", "istio-operator"}}),
                               json::array({dns_ports(), api_server_ports(api_port)}), nullptr,
                               version));
  out.push_back(network_policy(
      "kyma-project.io--istio-pilot", istio, match_labels({{"istio", "pilot"}}),
      json::array({dns_ports(), api_server_ports(api_port)}),
      json::array(
          {{{"from", json::array({pods_labelled({{"security.istio.io/tlsMode", "istio"}}, true),
                                  pods_labelled({{"istio", "ingressgateway"}}, false),
                                  pods_labelled({{"istio", "egressgateway"}}, false)})},
            {"ports", json::array({port("TCP", 15012)})}},
           {{"from", metrics_sources()}, {"ports", json::array({port("TCP", 15014)})}},
           {{"ports", json::array({port("TCP", 15017)})}}}),
      version));
  out.push_back(
      network_policy("kyma-project.io--istio-pilot-jwks", istio, match_labels({{"istio", "pilot"}}),
                     json::array({{{"ports", json::array({port("TCP", 80), port("TCP", 443)})}}}),
                     nullptr, version));
  return out;
}

json proxy_protocol_envoy_filter(const std::string& operator_version) {
  json labels = {{kModuleLabel, kModuleLabelValue},
                 {"app.kubernetes.io/version", operator_version}};
  json object = {
      {"apiVersion", "networking.istio.io/v1alpha3"},
      {"kind", "EnvoyFilter"},
      {"metadata", {{"name", "proxy-protocol"}, {"namespace", "istio-system"}, {"labels", labels}}},
      {"spec",
       {{"configPatches",
         json::array({{{"applyTo", "LISTENER_FILTER"},
                       {"patch",
                        {{"operation", "INSERT_FIRST"},
                         {"value",
                          {{"name", "proxy_protocol"},
                           {"typed_config",
                            {{"@type",
                              "type.googleapis.com/"
                              "envoy.extensions.filters.listener.proxy_protocol.v3."
                              "ProxyProtocol"}}}}}}}}})},
        {"workloadSelector", {{"labels", {{"istio", "ingressgateway"}}}}}}}};
  stamp_disclaimer(object);
  return object;
}

}  // namespace kyma::manifest
