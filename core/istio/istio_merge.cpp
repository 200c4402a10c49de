#include "core/istio/istio_merge.hpp"

#include "core/istio/component_merge.hpp"
#include "core/istio/mesh_config.hpp"
#include "core/istio/object_at.hpp"
#include "core/istio/profile.hpp"
#include "core/istio/provider_overrides.hpp"

namespace kyma::istio {

using nlohmann::json;

namespace {

constexpr const char* kMergeDescription = "Could not merge Istio operator configuration";

json& pilot_env(json& spec) {
  json& env = object_at(object_at(object_at(spec, "components"), "pilot"), "k8s")["env"];
  if (!env.is_array()) env = json::array();
  return env;
}

void append_env(json& spec, const std::string& name, const std::string& value) {
  pilot_env(spec).push_back({{"name", name}, {"value", value}});
}

void apply_experimental(json& spec, const IstioCR& cr) {
  if (cr.experimental_alpha_gateway_api()) {
    append_env(spec, "PILOT_ENABLE_ALPHA_GATEWAY_API", "true");
  }
  if (cr.experimental_multi_network_discovery()) {
    append_env(spec, "PILOT_MULTI_NETWORK_DISCOVER_GATEWAY_API", "true");
  }
}

// The Service patch the operator appends for spec.config.gatewayExternalTrafficPolicy.
void apply_external_traffic_policy(json& spec, const IstioCR& cr) {
  auto policy = cr.gateway_external_traffic_policy();
  if (!policy) return;
  json& gateways = object_at(spec, "components")["ingressGateways"];
  if (!gateways.is_array()) gateways = json::array();
  if (gateways.empty()) gateways.push_back(json::object());
  json& overlays = object_at(gateways[0], "k8s")["overlays"];
  if (!overlays.is_array()) overlays = json::array();
  overlays.push_back(
      {{"apiVersion", "v1"},
       {"kind", "Service"},
       {"name", "istio-ingressgateway"},
       {"patches", json::array({{{"path", "spec.externalTrafficPolicy"}, {"value", *policy}}})}});
}

void apply_compatibility_mode(json& spec, const ReleaseTraits& traits) {
  for (const auto& [name, value] : traits.compatibility_pilot_env) append_env(spec, name, value);
  json& metadata =
      object_at(object_at(object_at(spec, "meshConfig"), "defaultConfig"), "proxyMetadata");
  for (const auto& [name, value] : traits.compatibility_proxy_metadata) metadata[name] = value;
}

}  // namespace

MergeError::MergeError(const std::string& cause)
    : Error(std::string(kMergeDescription) + ": " + cause), cause_(cause) {}

DescribedError MergeError::described() const {
  DescribedError e;
  e.error = cause_;
  e.description = kMergeDescription;
  e.reason = Reason::kIstioCustomResourceMisconfigured;
  return e;
}

MergedIop merge_into_profile(json iop, const IstioCR& cr, const ClusterFacts& facts,
                             const ReleaseTraits& traits) {
  json& spec = object_at(iop, "spec");
  apply_experimental(spec, cr);
  try {
    merge_mesh_config(spec["meshConfig"], cr);
    apply_external_traffic_policy(spec, cr);
    merge_components(spec, cr);
  } catch (const MergeError&) {
    throw;
  } catch (const Error& e) {
    throw MergeError(e.what());
  }
  apply_istio_features(spec, facts.features);
  if (cr.compatibility_mode()) apply_compatibility_mode(spec, traits);

  auto overrides = provider_overrides(facts, traits);
  apply_provider_overrides(spec, overrides);
  return {std::move(iop), overrides.proxy_protocol_filter};
}

MergedConfig merge_istio_config(const IstioCR& cr, const MergeRequest& request) {
  const ReleaseTraits& traits = release_traits(request.istio_version);
  Profile profile = choose_profile(request.facts.size, request.forced_profile);
  json iop = load_profile(request.bundle_root, request.istio_version, profile);
  Semver target = target_version(iop);
  if (target.core() != request.istio_version) {
    throw Error(profile_path(request.bundle_root, request.istio_version, profile).string() +
                ": tag " + target.to_string() + " does not belong to Istio " +
                request.istio_version);
  }

  MergedConfig merged;
  merged.istio_version = request.istio_version;
  merged.tag = iop["spec"]["tag"].get<std::string>();
  merged.profile = profile;
  merged.network_policies_enabled = cr.network_policies_enabled();
  auto result = merge_into_profile(std::move(iop), cr, request.facts, traits);
  merged.iop = std::move(result.iop);
  merged.proxy_protocol_filter = result.proxy_protocol_filter;
  return merged;
}

}  // namespace kyma::istio
