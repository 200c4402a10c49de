#pragma once
// Kyma profile + Istio CR + cluster facts -> the merged IstioOperator the renderer installs
// (operator-behaviour.md §1.4-1.6, §3.3 steps 1 and 5, §3.6-3.8), in the operator's order:
//   1. the profile for the cluster's size, or the forced one;
//   2. experimental pilot switches (env vars appended to the pilot container);
//   3. the CR: meshConfig builders, the ingress externalTrafficPolicy overlay, component and
//      resource merges, the istio-features switches, compatibility mode;
//   4. cluster-provider overrides, which win.
// Pure and offline: everything read from the cluster comes in as ClusterFacts.
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/istio/cluster_facts.hpp"
#include "core/istio/described_error.hpp"
#include "core/istio/istio_cr.hpp"
#include "core/istio/merged_config.hpp"
#include "core/istio/release_traits.hpp"
#include "core/ui/error.hpp"

namespace kyma::istio {

struct MergeRequest {
  std::filesystem::path bundle_root;  // the folder with <version>/kyma/ and crd/
  std::string istio_version = "1.23.2";
  std::optional<Profile> forced_profile;  // --profile
  ClusterFacts facts;
};

// The merge could not be made from this CR (a value the operator cannot decode). The message is
// the operator's, "Could not merge Istio operator configuration: <cause>".
class MergeError : public Error {
 public:
  explicit MergeError(const std::string& cause);
  const std::string& cause() const { return cause_; }
  // Error-level, reason IstioCustomResourceMisconfigured (§3.3 step 5).
  DescribedError described() const;

 private:
  std::string cause_;
};

// Loads the profile and merges. Throws kyma::Error when the bundle lacks the profile or the
// profile's tag is not strict semver (the operator's text, §3.3 step 1) or names another
// version than `istio_version`; MergeError when the CR cannot be merged.
MergedConfig merge_istio_config(const IstioCR& cr, const MergeRequest& request);

struct MergedIop {
  nlohmann::json iop;
  bool proxy_protocol_filter = false;  // the provider needs the proxy-protocol EnvoyFilter
};

// Steps 2-4 on a profile already loaded. Throws MergeError as above.
MergedIop merge_into_profile(nlohmann::json profile_iop, const IstioCR& cr,
                             const ClusterFacts& facts, const ReleaseTraits& traits);

}  // namespace kyma::istio
