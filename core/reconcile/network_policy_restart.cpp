// Restart phase, the NetworkPolicy restarter (operator-behaviour.md §6.5): switching the
// policies on or off restarts the ingress gateway, istiod and the CNI node agents, whose
// connections the policies change. It runs after the plugins' restarters.
#include "core/istio/conditions.hpp"
#include "core/istio/last_applied.hpp"
#include "core/istio/workload_restart.hpp"
#include "core/kube/api_error.hpp"
#include "core/reconcile/stage_groups.hpp"
#include "core/ui/progress.hpp"

namespace kyma::reconcile {
namespace {

using nlohmann::json;
using plugin::ReconcileContext;

bool flag(const json& value) {
  return value.is_boolean() && value.get<bool>();
}

void restart_for_network_policies(ReconcileContext& context) {
  bool now = flag(context.spec().value("networkPoliciesEnabled", json()));
  bool before = flag(istio::last_applied_field(context.last_applied, "/networkPoliciesEnabled"));
  if (now == before) return;
  struct Target {
    const char* kind;
    const char* name;
    const char* failure;
    bool missing_ok;
  };
  const Target targets[] = {
      {"Deployment", "istio-ingressgateway", "Failed to restart Ingress Gateway", true},
      {"Deployment", "istiod", "Failed to restart Istiod", true},
      {"DaemonSet", "istio-cni-node", "Failed to restart CNI", false},
  };
  const std::string now_text = istio::rfc3339_now();
  for (const auto& target : targets) {
    if (context.dry_run()) {
      context.summarize(std::string(target.kind) + " istio-system/" + target.name +
                        " would be restarted (network policies switched)");
      continue;
    }
    try {
      istio::restart_workload(context.client(), target.kind, "istio-system", target.name, now_text);
      context.progress().note(std::string("Restarted ") + target.kind + " istio-system/" +
                              target.name + " (network policies switched)");
    } catch (const kube::NotFoundError& e) {
      if (!target.missing_ok) {
        context.fail({e.what(), target.failure, istio::Level::kError, true, false, std::nullopt},
                     ExitCode::kFailure);
      }
    } catch (const Error& e) {
      context.fail({e.what(), target.failure, istio::Level::kError, true, false, std::nullopt},
                   ExitCode::kFailure);
    }
  }
}

}  // namespace

void add_restart_stages(std::vector<plugin::StageSpec>& stages) {
  stages.push_back(
      {"network-policy-restart", plugin::Phase::kRestart, 30, restart_for_network_policies});
}

}  // namespace kyma::reconcile
