// Validate phase, CR part (operator-behaviour.md §3.2 steps 1-6): read the CR, the operator's
// checks, the kyma-system rule, the oldest-CR rule, state Processing.
#include "core/reconcile/stage_groups.hpp"

#include "core/istio/cr_validation.hpp"
#include "core/istio/istio_cr.hpp"
#include "core/istio/last_applied.hpp"
#include "core/istio/oldest_cr.hpp"
#include "core/kube/api_error.hpp"
#include "core/kube/client.hpp"
#include "core/kube/discovery.hpp"
#include "core/manifest/bundle_locator.hpp"
#include "core/reconcile/cr_status.hpp"
#include "core/ui/progress.hpp"

namespace kyma::reconcile {
namespace {

using istio::DescribedError;
using istio::Level;
using istio::Reason;
using nlohmann::json;
using plugin::ReconcileContext;

void read_cr(ReconcileContext& context) {
  // A dry run may start from the CR as it would be; otherwise the cluster's copy is the truth.
  if (context.cr.is_null()) {
    auto cr = context.client().try_get(istio::kIstioApiVersion, istio::kIstioKind,
                                       context.cr_namespace(), context.cr_name());
    if (!cr) {
      throw Error("Istio CR " + context.cr_namespace() + "/" + context.cr_name() + " not found");
    }
    context.cr = std::move(*cr);
  }
  if (context.deleting()) {
    throw Error("Istio CR " + context.cr_namespace() + "/" + context.cr_name() +
                " is being deleted: run uninstall to finish the deletion");
  }
  try {
    context.last_applied = istio::read_last_applied(context.cr);
  } catch (const Error& e) {
    // As if absent: every "changed since last time" rule then sees a change, the safe side.
    context.progress().note(std::string("warning: ") + e.what() + "; treating it as absent");
  }
  auto root = manifest::locate_bundle_root(context.options().manifests_dir);
  if (!root) {
    throw Error(
        "no Istio bundle found: pass --manifests DIR, or reinstall the plugin (its "
        "lib/kubectl-kyma-istio/istio folder is missing)");
  }
  context.bundle_root = root->path;
  context.conditions = conditions_of(context.cr);
  context.set_condition(Reason::kReconcileUnknown);
}

void validate_cr(ReconcileContext& context) {
  istio::IstioCR cr =
      istio::IstioCR::from_json(context.cr, context.cr_namespace() + "/" + context.cr_name());
  if (auto failure = istio::validate_for_reconcile(cr, context.options().istio_version)) {
    context.fail(*failure, ExitCode::kFailure);
  }
}

void namespace_rule(ReconcileContext& context) {
  if (context.cr_namespace() == istio::kKymaSystemNamespace) return;
  DescribedError failure;
  failure.description = "Stopped Istio CR reconciliation";
  failure.error = "Istio CR is not in kyma-system namespace";
  failure.level = Level::kError;
  failure.reason = Reason::kReconcileFailed;
  context.fail(failure, ExitCode::kFailure);
}

void oldest_cr_rule(ReconcileContext& context) {
  json list = {{"items", json::array()}};
  try {
    list = context.client().list(istio::kIstioApiVersion, istio::kIstioKind,
                                 istio::kKymaSystemNamespace);
  } catch (const kube::NoKindMatchError&) {
    // Only in a dry run before the CRD exists: the CR under reconcile is the only one.
  } catch (const Error& e) {
    context.fail(
        {e.what(), "Unable to list Istio CRs", Level::kError, true, true, Reason::kReconcileFailed},
        ExitCode::kFailure);
    return;
  }
  std::vector<json> crs(list["items"].begin(), list["items"].end());
  bool listed = false;
  for (const auto& cr : crs) {
    listed =
        listed || (cr.value("/metadata/name"_json_pointer, std::string()) == context.cr_name());
  }
  if (!listed) crs.push_back(context.cr);
  auto oldest = istio::oldest_cr_index(crs);
  DescribedError failure;
  failure.description = "Stopped Istio CR reconciliation";
  failure.level = Level::kWarning;
  if (!oldest) {
    failure.error = "no oldest Istio CR found";
    failure.reason = Reason::kOldestCRNotFound;
    context.fail(failure, ExitCode::kRefused);
    return;
  }
  const json& winner = crs[*oldest];
  std::string name = winner.value("/metadata/name"_json_pointer, std::string());
  std::string ns = winner.value("/metadata/namespace"_json_pointer, std::string());
  if (name == context.cr_name() && ns == context.cr_namespace()) return;
  failure.error = "only Istio CR " + name + " in " + ns + " reconciles the module";
  failure.reason = Reason::kOlderCRExists;
  context.fail(failure, ExitCode::kRefused);
}

void processing(ReconcileContext& context) {
  write_status(context, istio::state::kProcessing, "Reconciling Istio");
}

}  // namespace

void add_cr_stages(std::vector<plugin::StageSpec>& stages) {
  using plugin::Phase;
  stages.push_back({"read-cr", Phase::kValidate, 0, read_cr});
  stages.push_back({"validate-cr", Phase::kValidate, 10, validate_cr});
  stages.push_back({"kyma-system-only", Phase::kValidate, 20, namespace_rule});
  stages.push_back({"oldest-cr", Phase::kValidate, 30, oldest_cr_rule});
  stages.push_back({"processing", Phase::kValidate, 40, processing});
}

}  // namespace kyma::reconcile
