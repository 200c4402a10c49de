#pragma once
// Fields istiod writes into the installation's own objects once it runs (istio-install.md §1.2):
// the validating webhook's failurePolicy, which the chart renders as Ignore and istiod switches
// to Fail when validation works. An installer that asserted the chart's value again would fight
// istiod on every run (and re-open the window in which invalid configuration is admitted), so
// where the live webhook already says Fail the field is left out of the apply: istiod owns it.
#include <nlohmann/json.hpp>

namespace kyma::manifest {

// Adjusts a rendered ValidatingWebhookConfiguration about to be applied over `live`; any other
// object is left as it is.
void leave_istiod_fields(nlohmann::json& desired, const nlohmann::json& live);

}  // namespace kyma::manifest
