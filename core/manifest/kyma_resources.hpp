#pragma once
// The objects Kyma adds around the Istio installation (operator-behaviour.md §3.9, §3.11;
// istio-install.md §1.2 "What Kyma adds"): the PriorityClass every Istio pod needs, the
// istio-system Namespace as the operator labels it, and the resources reconciled after the
// install (PeerAuthentication, NetworkPolicies, the proxy-protocol EnvoyFilter).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kyma::manifest {

// `shipped` is the module's config/scheduling/priority_class.yaml; the module's kustomization
// prefixes the name with "istio-" and adds the module labels.
nlohmann::json kyma_priority_class(const nlohmann::json& shipped,
                                   const std::string& operator_version);

// Namespace istio-system with the warden validation label and the disclaimer.
nlohmann::json istio_namespace();

// PeerAuthentication istio-system/default, mTLS STRICT.
nlohmann::json mesh_peer_authentication(const std::string& operator_version);

// The 7 NetworkPolicies (istio-system and kyma-system). `api_server_port` is the targetPort of
// Service default/kubernetes port https (443 when unknown, as the operator falls back).
std::vector<nlohmann::json> module_network_policies(const std::string& operator_version,
                                                    int api_server_port = 443);

// EnvoyFilter istio-system/proxy-protocol for the ingress gateway.
nlohmann::json proxy_protocol_envoy_filter(const std::string& operator_version);

}  // namespace kyma::manifest
