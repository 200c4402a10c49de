#pragma once
// --mode auto|client|operator (DESIGN.md): whether a reconciling command acts from this machine
// (client) or leaves the work to an in-cluster Kyma Istio operator, writing only the Istio CR
// and following the status the operator writes (operator). `auto` picks operator mode when the
// operator's Deployment kyma-system/istio-controller-manager exists.
#include <iosfwd>

#include "core/plugin/arguments.hpp"

namespace kyma::kube {
class Client;
}

namespace kyma::reconcile {

enum class Mode { kClient, kOperator };

inline constexpr const char* kOperatorNamespace = "kyma-system";
inline constexpr const char* kOperatorDeployment = "istio-controller-manager";

// Reads --mode (default auto). For auto it looks the operator's Deployment up and says on `err`,
// in one line, which mode it chose and why; for an explicit operator mode without that
// Deployment it warns that nothing may act on the CR. Throws UsageError for another value, and
// Error when auto cannot read the Deployment (then only an explicit mode can decide).
Mode resolve_mode(const plugin::Arguments& args, kube::Client& client, std::ostream& err);

}  // namespace kyma::reconcile
