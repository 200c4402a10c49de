#include "plugins/upgrade-guard/version_guard.hpp"

#include <cstdlib>

#include "core/istio/semver.hpp"
#include "core/ui/error.hpp"

namespace kyma::upgrade_guard {

std::optional<std::string> refusal(const std::string& current, const std::string& target) {
  istio::Semver from, to;
  try {
    from = istio::Semver::parse(current);
    to = istio::Semver::parse(target);
  } catch (const Error& e) {
    return std::string(e.what());
  }
  if (from.same_core(to)) return std::nullopt;
  const std::string pair = "(" + target + ")";
  if (to < from) {
    return "target Istio version " + pair + " is lower than current version (" + current +
           ") - downgrade not supported";
  }
  if (to.major != from.major) {
    return "target Istio version " + pair + " is different than current Istio version (" + current +
           ") - major version upgrade is not supported";
  }
  if (std::llabs(static_cast<long long>(to.minor - from.minor)) > 1) {
    return "target Istio version " + pair + " is higher than current Istio version (" + current +
           ") - the difference between versions exceed one minor version";
  }
  return std::nullopt;
}

}  // namespace kyma::upgrade_guard
