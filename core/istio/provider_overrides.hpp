#pragma once
// Cluster-provider specifics (operator-behaviour.md §3.7): Helm values for the CNI on k3d and GKE,
// load-balancer annotations of the ingress gateway Service on AWS and OpenStack, and whether the
// proxy-protocol EnvoyFilter must exist.
//
// The Istio 1.23.2 profile (module 1.10.0) carries the classic-ELB annotations statically in
// values.gateways.istio-ingressgateway.serviceAnnotations. On AWS those are replaced by the
// annotations the NLB/ELB decision calls for; elsewhere the profile's annotations stay as the
// 1.10.0 operator left them (no AWS controller reads them there).
#include <string>

#include <nlohmann/json.hpp>

#include "core/istio/cluster_facts.hpp"
#include "core/istio/release_traits.hpp"

namespace kyma::istio {

struct ProviderOverrides {
  // Deep-merged into the IOP's spec.values; these values win.
  nlohmann::json values = nlohmann::json::object();
  // When set, the annotation keys with this prefix are dropped from the profile's ingress
  // serviceAnnotations before `ingress_annotations` are added.
  std::string replaced_annotation_prefix;
  nlohmann::json ingress_annotations = nlohmann::json::object();
  bool proxy_protocol_filter = false;
};

ProviderOverrides provider_overrides(const ClusterFacts& facts, const ReleaseTraits& traits);

// Applies `overrides` to the IOP's spec.
void apply_provider_overrides(nlohmann::json& iop_spec, const ProviderOverrides& overrides);

// A recursive merge where `patch` wins: objects merge key by key, anything else replaces.
void deep_merge(nlohmann::json& target, const nlohmann::json& patch);

}  // namespace kyma::istio
