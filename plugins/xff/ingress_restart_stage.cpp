#include "plugins/xff/ingress_restart_stage.hpp"

#include "core/istio/conditions.hpp"
#include "core/istio/last_applied.hpp"
#include "core/istio/workload_restart.hpp"
#include "core/kube/api_error.hpp"
#include "core/kube/client.hpp"
#include "core/kube/wait.hpp"
#include "core/reconcile/cr_status.hpp"
#include "core/ui/progress.hpp"
#include "plugins/xff/ingress_restart_rule.hpp"

namespace kyma::xff {
namespace {

const char* const kGateway = "istio-ingressgateway";
const char* const kNamespace = "istio-system";

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// Restarts and waits; false when the gateway does not exist (nothing to restart).
bool restart_and_wait(plugin::ReconcileContext& context) {
  try {
    istio::restart_workload(context.client(), "Deployment", kNamespace, kGateway,
                            istio::rfc3339_now());
  } catch (const kube::NotFoundError&) {
    return false;
  }
  kube::WaitOptions wait;
  wait.timeout = context.options().timeout;
  wait.interval = std::chrono::milliseconds(500);
  wait.on_progress = [&](const std::string& message) { context.progress().update(message); };
  kube::wait_for_rollout(context.client(), "Deployment", kNamespace, kGateway, wait);
  return true;
}

}  // namespace

void restart_ingress_gateway_stage(plugin::ReconcileContext& context) {
  std::vector<std::string> triggers =
      ingress_restart_triggers(context.spec(), context.last_applied);
  if (!triggers.empty()) {
    const std::string what = std::string("Deployment ") + kNamespace + "/" + kGateway;
    if (context.dry_run()) {
      context.summarize(what + " would be restarted (changed: " + joined(triggers) + ")");
    } else {
      try {
        if (restart_and_wait(context)) {
          context.progress().succeed("Ingress gateway restarted (changed: " + joined(triggers) +
                                     ")");
        }
      } catch (const TimeoutError& e) {
        context.set_condition(istio::Reason::kIngressGatewayRestartFailed);
        context.fail({e.what(), "Failed to restart Ingress Gateway", istio::Level::kError, true,
                      false, istio::Reason::kIngressGatewayRestartFailed},
                     ExitCode::kTimeout);
        return;
      } catch (const Error& e) {
        context.set_condition(istio::Reason::kIngressGatewayRestartFailed);
        context.fail({e.what(), "Failed to restart Ingress Gateway", istio::Level::kError, true,
                      false, istio::Reason::kIngressGatewayRestartFailed},
                     ExitCode::kFailure);
        return;
      }
    }
  }
  // Remembered after every evaluation, restart or not; a failure here is only reported, as the
  // operator only logs it.
  try {
    std::optional<nlohmann::json> current;
    try {
      current = istio::read_last_applied(context.cr);
    } catch (const Error&) {
    }
    reconcile::write_last_applied(
        context, istio::merge_last_applied(current, context.spec(), ingress_remembered_fields()));
  } catch (const Error& e) {
    context.progress().note(std::string("warning: could not remember the gateway settings: ") +
                            e.what());
  }
  context.set_condition(istio::Reason::kIngressGatewayRestartSucceeded);
}

}  // namespace kyma::xff
