#include "plugins/install/uninstall_blockers.hpp"

#include <regex>

namespace kyma::install {

using nlohmann::json;

namespace {

struct ControlledEntry {
  const char* kind;
  std::regex name;
  std::regex ns;
};

// The operator matches these with unanchored regexes; kept as it does (quirk §10.4.5).
const std::vector<ControlledEntry>& controlled_entries() {
  static const std::vector<ControlledEntry> entries = {
      {"EnvoyFilter", std::regex(R"(stats-filter-\d\.\d\d)"), std::regex("istio-system")},
      {"EnvoyFilter", std::regex(R"(tcp-stats-filter-\d\.\d\d)"), std::regex("istio-system")},
      {"EnvoyFilter", std::regex("kyma-referer"), std::regex("istio-system")},
      {"EnvoyFilter", std::regex("proxy-protocol"), std::regex("istio-system")},
      {"PeerAuthentication", std::regex("default"), std::regex("istio-system")},
      {"VirtualService", std::regex("istio-healthz"), std::regex("istio-system")},
  };
  return entries;
}

}  // namespace

const std::vector<IstioKind>& blocking_kinds() {
  static const std::vector<IstioKind> kinds = {
      {"security.istio.io", "v1", "AuthorizationPolicy", "authorizationpolicies"},
      {"networking.istio.io", "v1", "DestinationRule", "destinationrules"},
      {"networking.istio.io", "v1alpha3", "EnvoyFilter", "envoyfilters"},
      {"networking.istio.io", "v1", "Gateway", "gateways"},
      {"security.istio.io", "v1", "PeerAuthentication", "peerauthentications"},
      {"networking.istio.io", "v1beta1", "ProxyConfig", "proxyconfigs"},
      {"security.istio.io", "v1", "RequestAuthentication", "requestauthentications"},
      {"networking.istio.io", "v1", "ServiceEntry", "serviceentries"},
      {"networking.istio.io", "v1", "Sidecar", "sidecars"},
      {"networking.istio.io", "v1", "VirtualService", "virtualservices"},
      {"networking.istio.io", "v1", "WorkloadEntry", "workloadentries"},
      {"networking.istio.io", "v1", "WorkloadGroup", "workloadgroups"},
      {"telemetry.istio.io", "v1", "Telemetry", "telemetries"},
      {"extensions.istio.io", "v1alpha1", "WasmPlugin", "wasmplugins"},
  };
  return kinds;
}

bool blocks_uninstall(const std::string& kind, const json& object) {
  const json labels = object.value("/metadata/labels"_json_pointer, json::object());
  if (labels.value("kyma-project.io/module", "") == "istio") return false;
  const std::string name = object.value("/metadata/name"_json_pointer, std::string());
  const std::string ns = object.value("/metadata/namespace"_json_pointer, std::string());
  for (const auto& entry : controlled_entries()) {
    if (kind == entry.kind && std::regex_search(name, entry.name) &&
        std::regex_search(ns, entry.ns)) {
      return false;
    }
  }
  return true;
}

}  // namespace kyma::install
