#pragma once
// The Kyma IstioOperator profiles of a bundle (<root>/<version>/kyma/): istio-operator.yaml is
// the production profile, istio-operator-light.yaml the evaluation one (operator-behaviour.md
// §3.4, §3.5). Which one applies is decided by the cluster's size or forced with --profile.
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/istio/cluster_facts.hpp"
#include "core/istio/described_error.hpp"
#include "core/istio/merged_config.hpp"
#include "core/istio/semver.hpp"

namespace kyma::istio {

// "production" or "evaluation"; throws kyma::UsageError naming --profile otherwise.
Profile parse_profile(const std::string& name);
// The forced profile when given, otherwise the one the cluster's size calls for.
Profile choose_profile(const ClusterSize& size, const std::optional<Profile>& forced);

std::filesystem::path profile_path(const std::filesystem::path& bundle_root,
                                   const std::string& istio_version, Profile profile);
// The profile as JSON (from the compiled form beside the YAML when current). Throws kyma::Error
// naming the file when it is missing, does not parse or is not an IstioOperator.
nlohmann::json load_profile(const std::filesystem::path& bundle_root,
                            const std::string& istio_version, Profile profile);

// The target version: the profile's spec.tag ("1.23.2-distroless") as strict semver. Throws
// kyma::Error with the operator's text, "Could not get Istio version from istio operator file:
// <parse error>".
Semver target_version(const nlohmann::json& iop);
// The same failure as the DescribedError the reconcile reports (Error, no reason).
DescribedError target_version_error(const std::string& parse_error);

}  // namespace kyma::istio
