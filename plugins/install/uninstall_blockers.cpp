#include "plugins/install/uninstall_blockers.hpp"

#include <array>

#include "core/istio/go_regexp.hpp"

namespace kyma::install {

using nlohmann::json;

namespace {

using istio::GoRegexp;

struct ControlledEntry {
  const char* kind;
  GoRegexp name;
  GoRegexp ns;
};

// The operator matches these with Go's unanchored regexp.MatchString; kept as it does (quirk
// §10.4.5). Compiled on first use, not when the plugin is loaded.
const std::array<ControlledEntry, 6>& controlled_entries() {
  static const std::array<ControlledEntry, 6> entries = {{
      {"EnvoyFilter", GoRegexp(R"(stats-filter-\d\.\d\d)"), GoRegexp("istio-system")},
      {"EnvoyFilter", GoRegexp(R"(tcp-stats-filter-\d\.\d\d)"), GoRegexp("istio-system")},
      {"EnvoyFilter", GoRegexp("kyma-referer"), GoRegexp("istio-system")},
      {"EnvoyFilter", GoRegexp("proxy-protocol"), GoRegexp("istio-system")},
      {"PeerAuthentication", GoRegexp("default"), GoRegexp("istio-system")},
      {"VirtualService", GoRegexp("istio-healthz"), GoRegexp("istio-system")},
  }};
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
    if (kind == entry.kind && entry.name.match(name) && entry.ns.match(ns)) {
      return false;
    }
  }
  return true;
}

}  // namespace kyma::install
