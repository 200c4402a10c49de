#pragma once
// Which Istio resources block an uninstall (operator-behaviour.md §5): user-created objects of
// the 14 Istio kinds. Objects the module owns (module label, or a controlled name) do not count.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kyma::install {

struct IstioKind {
  std::string group;
  std::string version;
  std::string kind;
  std::string plural;
  std::string api_version() const { return group + "/" + version; }
};

// The kinds checked, in the operator's order.
const std::vector<IstioKind>& blocking_kinds();

// True when `object` of `kind` is a user resource that blocks deletion.
bool blocks_uninstall(const std::string& kind, const nlohmann::json& object);

}  // namespace kyma::install
