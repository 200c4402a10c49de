#include "core/reconcile/operator_mode.hpp"

#include <ostream>

#include "core/kube/api_error.hpp"
#include "core/kube/client.hpp"

namespace kyma::reconcile {

namespace {

const std::string kDeploymentName =
    std::string("Deployment ") + kOperatorNamespace + "/" + kOperatorDeployment;

bool operator_deployment_exists(kube::Client& client, const std::string& mode) {
  try {
    return client.try_get("apps/v1", "Deployment", kOperatorNamespace, kOperatorDeployment)
        .has_value();
  } catch (const kube::ApiError& e) {
    if (mode != "auto") return false;
    throw Error("--mode auto: cannot tell whether a Kyma Istio operator runs in the cluster (" +
                std::string(e.what()) + "): pass --mode client or --mode operator");
  }
}

}  // namespace

Mode resolve_mode(const plugin::Arguments& args, kube::Client& client, std::ostream& err) {
  const std::string mode = args.get_or("mode", "auto");
  if (mode == "client") return Mode::kClient;
  if (mode != "auto" && mode != "operator") {
    throw UsageError("invalid value \"" + mode + "\" for --mode: auto, client or operator");
  }
  const bool found = operator_deployment_exists(client, mode);
  if (mode == "operator") {
    if (!found) {
      err << "warning: --mode operator: " << kDeploymentName
          << " not found; the Istio CR is written, but no operator may act on it\n";
    }
    return Mode::kOperator;
  }
  if (found) {
    err << "Mode: operator (" << kDeploymentName
        << " exists: the in-cluster Kyma Istio operator reconciles the Istio CR)\n";
    return Mode::kOperator;
  }
  err << "Mode: client (no " << kDeploymentName << ": reconciling from this machine)\n";
  return Mode::kClient;
}

}  // namespace kyma::reconcile
