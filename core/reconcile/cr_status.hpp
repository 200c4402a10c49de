#pragma once
// Writing the Istio CR's status and annotations as the operator does: status writes re-read the
// CR, replace .status wholesale and retry on conflict (operator-behaviour.md §2.1); the
// lastAppliedConfiguration annotation is a read-modify-write of its own (§1.7).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/istio/conditions.hpp"
#include "core/plugin/reconcile_context.hpp"

namespace kyma::reconcile {

// The CR's current conditions, as the reconcile starts from them.
std::vector<istio::Condition> conditions_of(const nlohmann::json& cr);

// Writes state, description and the context's conditions; keeps context.cr current.
void write_status(plugin::ReconcileContext& context, const std::string& state,
                  const std::string& description);

// Sets the annotation to `text` (a merge patch of metadata.annotations); keeps context.cr current.
void write_last_applied(plugin::ReconcileContext& context, const std::string& text);

}  // namespace kyma::reconcile
