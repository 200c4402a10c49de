#pragma once
// What the merged IstioOperator changes in the Helm values the bundle was rendered with.
//
// istioctl renders every chart with values translated from the IOP (translate.go
// TranslateHelmValues): spec.values, plus hub -> global.hub, tag -> global.tag, meshConfig ->
// meshConfig and the CNI component's enablement -> istio_cni.enabled. The IOP is an overlay on
// istioctl's default profile. The bundle's values are that default profile overlaid with the Kyma
// profile, so a key the merged IOP does not mention keeps the rendered value -- unless the Kyma
// profile set it and the merge dropped it: then it is removed. A null removes a key too.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kyma::manifest {

// The Helm values of `iop` as far as istioctl derives them from the IOP itself.
nlohmann::json helm_values_of(const nlohmann::json& iop);

struct ValuesChange {
  std::vector<std::string> path;        // keys from the values root
  std::optional<nlohmann::json> value;  // nullopt: the key is removed
  std::string dotted() const;           // "meshConfig.trustDomain"
};

// Every key of `wanted` whose value differs from `rendered_with`, at the deepest map level where
// they differ (lists and scalars compare whole); then every key of `profile` (the values of the
// Kyma profile the bundle was rendered from) that `wanted` lacks, as a removal.
std::vector<ValuesChange> values_changes(const nlohmann::json& rendered_with,
                                         const nlohmann::json& wanted,
                                         const nlohmann::json& profile = nlohmann::json::object());

// The value at `path` (nullptr when absent).
const nlohmann::json* value_at(const nlohmann::json& root, const std::vector<std::string>& path);

// Sets (or, with nullopt, removes) the value at `path`, creating maps on the way.
void set_value_at(nlohmann::json& root, const std::vector<std::string>& path,
                  const std::optional<nlohmann::json>& value);

}  // namespace kyma::manifest
