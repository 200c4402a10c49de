#pragma once
// The operator's own checks of an Istio CR, made before anything is installed
// (operator-behaviour.md §2.4, §3.2 step 3), in its order; the first failure is returned as the
// DescribedError the reconcile turns into state, reason and description:
//   1. experimental features this Istio release cannot install: enableAmbient needs ztunnel,
//      which the 1.23.2 and 1.22.3 bundles do not carry (Error, ValidationFailed);
//   2. authorizer names must be unique (Warning, ValidationFailed);
//   3. proxyStatsMatcher.inclusionRegexps must compile as Go regexps (Error, ValidationFailed).
#include <optional>
#include <string>

#include "core/istio/described_error.hpp"
#include "core/istio/istio_cr.hpp"

namespace kyma::istio {

std::optional<DescribedError> validate_for_reconcile(const IstioCR& cr,
                                                     const std::string& istio_version);

}  // namespace kyma::istio
