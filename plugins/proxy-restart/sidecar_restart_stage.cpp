#include "plugins/proxy-restart/sidecar_restart_stage.hpp"

#include "core/istio/conditions.hpp"
#include "core/istio/last_applied.hpp"
#include "core/reconcile/cr_status.hpp"
#include "core/ui/progress.hpp"
#include "plugins/proxy-restart/restart_summary.hpp"
#include "plugins/proxy-restart/sidecar_restarter.hpp"

namespace kyma::proxy_restart {
namespace {

using istio::Level;
using istio::Reason;
using nlohmann::json;
using plugin::ReconcileContext;

const char* const kFailureDescription = "Error occurred during reconciliation of Istio Sidecars";
const char* const kWarningDescription =
    "Some Pods with Istio sidecar injection failed to restart. To learn more about the warning, "
    "see kyma-system/istio-controller-manager logs";
const char* const kWarningError = "could not restart one or more Istio-injected Pods";

// The sidecar settings the restarter remembers once every restart went through (§1.7).
const std::vector<std::string>& remembered_fields() {
  static const std::vector<std::string> fields = {"/compatibilityMode", "/config/enableDNSProxying",
                                                  "/config/proxyStatsMatcher"};
  return fields;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string target_of(const istio::RestartAction& action) {
  return action.target_kind + " " + action.ns + "/" + action.name;
}

// What the passes did, as progress notes (and, in a dry run, summary lines).
void report(ReconcileContext& context, const PassOutcome& pass) {
  for (const auto& planned : pass.restarted) {
    const std::string line = target_of(planned.action);
    if (context.dry_run()) {
      context.summarize(line + " would be restarted (" + joined(planned.reasons) + ")");
    } else {
      context.progress().note("Restarted " + line + " (" + joined(planned.reasons) + ")");
    }
  }
  for (const auto& planned : pass.skipped) {
    context.progress().note(target_of(planned.action) + " " + planned.action.message);
  }
  for (const auto& planned : pass.manual) {
    const std::string what = planned.action.kind == istio::ActionKind::kWarn
                                 ? planned.action.ns + "/" + planned.action.name
                                 : target_of(planned.action);
    context.progress().note("warning: " + what + ": " + planned.action.message);
  }
}

}  // namespace

void restart_sidecars_stage(ReconcileContext& context) {
  auto failed = [&](const std::string& error) {
    context.set_condition(Reason::kProxySidecarRestartFailed);
    context.fail({error, kFailureDescription, Level::kError, true, false,
                  Reason::kProxySidecarRestartFailed},
                 ExitCode::kFailure);
  };
  RestarterOutcome outcome;
  try {
    RestartWrite write =
        context.dry_run() ? no_writes() : cluster_writes(context.client(), istio::rfc3339_now());
    outcome = restart_sidecars(context.client(), selection_for(context), "", write);
  } catch (const Error& e) {
    failed(e.what());
    return;
  }
  report(context, outcome.kyma);
  if (outcome.error) {
    failed(*outcome.error);
    return;
  }
  report(context, outcome.customer);
  if (outcome.customer_pass_error) {
    context.progress().note("warning: failed to restart Customer proxies: " +
                            *outcome.customer_pass_error);
  }
  size_t restarted = outcome.restarted().size();
  if (restarted > 0 && !context.dry_run()) {
    context.summarize(std::to_string(restarted) + " workload(s) restarted for new sidecars");
  }
  auto warnings = outcome.warnings();
  if (!warnings.empty()) {
    std::string message = manual_restart_message(warnings);
    context.set_condition(Reason::kProxySidecarManualRestartRequired, message);
    context.summarize(message);
    context.fail({kWarningError, kWarningDescription, Level::kWarning, true, false,
                  Reason::kProxySidecarManualRestartRequired},
                 ExitCode::kActionRequired);
    return;
  }
  std::optional<json> current;
  try {
    current = istio::read_last_applied(context.cr);
  } catch (const Error&) {
  }
  try {
    reconcile::write_last_applied(
        context, istio::merge_last_applied(current, context.spec(), remembered_fields()));
  } catch (const Error& e) {
    failed(e.what());
    return;
  }
  context.set_condition(Reason::kProxySidecarRestartSucceeded);
}

}  // namespace kyma::proxy_restart
