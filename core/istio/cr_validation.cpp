#include "core/istio/cr_validation.hpp"

#include <set>

#include "core/istio/go_regexp.hpp"
#include "core/istio/release_traits.hpp"
#include "core/istio/schema_validator.hpp"

namespace kyma::istio {

namespace {

DescribedError validation_failed(std::string error, std::string description, Level level,
                                 std::string field = "") {
  DescribedError e;
  e.field = std::move(field);
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

  // The schema check ran first, so every list item has the type the accessors keep: indexes
  // into what they return are indexes into the CR.
  std::set<std::string> names;
  const auto authorizers = cr.authorizers();
  for (size_t i = 0; i < authorizers.size(); ++i) {
    if (!names.insert(authorizers[i].name).second) {
      return validation_failed(authorizers[i].name + " is duplicated",
                               "Authorizer name needs to be unique", Level::kWarning,
                               "spec.config.authorizers[" + std::to_string(i) + "].name");
    }
  }

  const auto expressions = cr.proxy_stats_inclusion_regexps();
  for (size_t i = 0; i < expressions.size(); ++i) {
    if (auto problem = go_regexp_error(expressions[i])) {
      return validation_failed(
          go_quote(expressions[i]) + " is not a valid regexp: " + *problem,
          "ProxyStatsMatcher inclusionRegexps contains an invalid regular expression",
          Level::kError,
          "spec.config.proxyStatsMatcher.inclusionRegexps[" + std::to_string(i) + "]");
    }
  }
  return std::nullopt;
}

}  // namespace kyma::istio
