#include "core/istio/cr_validation.hpp"

#include <set>

#include "core/istio/go_regexp.hpp"
#include "core/istio/release_traits.hpp"
#include "core/istio/schema_validator.hpp"

namespace kyma::istio {

namespace {

DescribedError validation_failed(std::string error, std::string description, Level level) {
  DescribedError e;
  e.error = std::move(error);
  e.description = std::move(description);
  e.level = level;
  e.reason = Reason::kValidationFailed;
  return e;
}

}  // namespace

std::optional<DescribedError> validate_for_reconcile(const IstioCR& cr,
                                                     const std::string& istio_version) {
  if (cr.experimental_enable_ambient().value_or(false) &&
      !release_traits(istio_version).ambient_supported) {
    return validation_failed("spec.experimental.enableAmbient needs ztunnel, which the Istio " +
                                 istio_version + " bundle does not include",
                             "Ambient mode is not supported with Istio " + istio_version,
                             Level::kError);
  }

  std::set<std::string> names;
  for (const auto& authorizer : cr.authorizers()) {
    if (!names.insert(authorizer.name).second) {
      return validation_failed(authorizer.name + " is duplicated",
                               "Authorizer name needs to be unique", Level::kWarning);
    }
  }

  for (const auto& expression : cr.proxy_stats_inclusion_regexps()) {
    if (auto problem = go_regexp_error(expression)) {
      return validation_failed(
          go_quote(expression) + " is not a valid regexp: " + *problem,
          "ProxyStatsMatcher inclusionRegexps contains an invalid regular expression",
          Level::kError);
    }
  }
  return std::nullopt;
}

}  // namespace kyma::istio
