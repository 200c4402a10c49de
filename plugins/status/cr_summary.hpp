#pragma once
// The Istio CR part of `status`: which CR the module reconciles (the oldest in kyma-system,
// operator-behaviour.md §1.2), its state, description and conditions (§2), and what the
// lastAppliedConfiguration annotation (§1.7) says: the Istio tag last applied and whether the
// spec changed since.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/istio/conditions.hpp"

namespace kyma::status {

struct LastApplied {
  std::string istio_tag;  // "" when the annotation has none
  bool spec_changed = false;
};

struct CrSummary {
  bool crd_installed = true;
  bool found = false;  // an Istio CR exists in kyma-system
  std::string ns, name;
  std::optional<std::string> state;  // nullopt: the CR has no status yet
  std::string description;
  std::vector<istio::Condition> conditions;  // in the CR's order
  std::optional<LastApplied> last_applied;   // nullopt: never applied
  std::string last_applied_error;            // the annotation could not be read
  std::vector<std::string> ignored;          // the other CRs ("ns/name"), not the oldest
};

// `crs`: the Istio CRs in kyma-system as the API returns them.
CrSummary summarize_cr(const std::vector<nlohmann::json>& crs, bool crd_installed);

// Whether the CR's spec differs from the spec the annotation `last_applied` records. Fields the
// annotation leaves out when empty (false, {}, "") count as unset on both sides.
bool spec_changed_since(const nlohmann::json& cr, const nlohmann::json& last_applied);

}  // namespace kyma::status
