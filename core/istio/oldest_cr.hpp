#pragma once
// The singleton rule (operator-behaviour.md §1.2): of several Istio CRs in kyma-system only the
// oldest reconciles. On equal creation timestamps the later item in the list wins, as the
// operator's scan does.
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

namespace kyma::istio {

// Index of the oldest CR in `crs`, or nullopt for an empty list.
std::optional<size_t> oldest_cr_index(const std::vector<nlohmann::json>& crs);

}  // namespace kyma::istio
