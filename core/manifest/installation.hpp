#pragma once
// The rendered installation: every object the Kyma operator would have istioctl (and itself)
// apply for a merged configuration, grouped the way install applies them.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kyma::manifest {

struct RenderedComponent {
  std::string name;                     // Base, Pilot, Cni, IngressGateways, EgressGateways
  std::string ns;                       // the component's namespace
  std::vector<nlohmann::json> objects;  // in apply order
};

struct RenderedInstallation {
  std::string istio_version;
  // Applied before any component: Kyma's PriorityClass (every Istio pod names it), then the
  // istio-system Namespace.
  std::vector<nlohmann::json> prerequisites;
  // Enabled components in dependency order; install applies one and waits for it to be ready
  // before the next.
  std::vector<RenderedComponent> components;
  // Created after the components (istioctl's default-tag webhooks); see tag_webhooks.hpp for
  // what install still takes from the live cluster.
  std::vector<nlohmann::json> tag_webhooks;
  // The injector webhook (istio-sidecar-injector) as the chart renders it, before istioctl
  // deactivates it in favour of the tag webhooks; null when there are none. The Pilot component
  // holds the deactivated form, the end state. A fresh install applies this one first and
  // deactivates it once the tag webhooks exist, so injection never has no webhook.
  nlohmann::json active_injector;
  // Kyma's resources reconciled after the install: PeerAuthentication, NetworkPolicies,
  // EnvoyFilter.
  std::vector<nlohmann::json> kyma_resources;

  // Everything, in apply order (Kyma's resources last).
  std::vector<nlohmann::json> all_objects() const;
};

// The whole stream as YAML documents separated by "---".
std::string to_yaml_manifest(const RenderedInstallation& installation);
// The whole stream as a kubectl-style JSON List.
std::string to_json_list(const RenderedInstallation& installation);

}  // namespace kyma::manifest
