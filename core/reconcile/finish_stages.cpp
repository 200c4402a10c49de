// Status phase (operator-behaviour.md §3.10, §3.2 step 15): the user EnvoyFilter check, then the
// full lastAppliedConfiguration and state Ready.
#include "core/istio/last_applied.hpp"
#include "core/istio/user_envoyfilter_check.hpp"
#include "core/kube/client.hpp"
#include "core/kube/discovery.hpp"
#include "core/reconcile/cr_status.hpp"
#include "core/reconcile/stage_groups.hpp"

namespace kyma::reconcile {
namespace {

using istio::Level;
using istio::Reason;
using nlohmann::json;
using plugin::ReconcileContext;

void check_user_envoyfilters(ReconcileContext& context) {
  std::vector<json> filters;
  try {
    json list =
        context.client().list("networking.istio.io/v1alpha3", "EnvoyFilter", "istio-system");
    filters.assign(list["items"].begin(), list["items"].end());
  } catch (const kube::NoKindMatchError&) {
    // No EnvoyFilter kind, so no EnvoyFilter.
  } catch (const Error& e) {
    context.fail({e.what(), "Could not list EnvoyFilters", Level::kError, true, true,
                  Reason::kIngressTargetingUserResourceDetectionFailed},
                 ExitCode::kFailure);
    return;
  }
  if (auto found = istio::find_user_ingress_envoyfilter(filters)) {
    context.fail({"", istio::user_envoyfilter_description(*found), Level::kWarning, false, true,
                  Reason::kIngressTargetingUserResourceFound},
                 ExitCode::kActionRequired);
  }
}

void finish(ReconcileContext& context) {
  try {
    write_last_applied(context, istio::last_applied_text(context.spec(), context.target_tag));
  } catch (const Error& e) {
    context.fail({e.what(), "Error updating LastAppliedConfiguration", Level::kError, true, true,
                  Reason::kReconcileFailed},
                 ExitCode::kFailure);
    return;
  }
  context.set_condition(Reason::kReconcileSucceeded);
  context.set_condition(Reason::kIngressTargetingUserResourceNotFound);
}

}  // namespace

void add_status_stages(std::vector<plugin::StageSpec>& stages) {
  stages.push_back({"user-envoyfilter-check", plugin::Phase::kStatus, 10, check_user_envoyfilters});
  stages.push_back({"finish", plugin::Phase::kStatus, 20, finish});
}

}  // namespace kyma::reconcile
