#include "plugins/proxy-restart/restart_command.hpp"

#include <algorithm>
#include <ostream>

#include "core/istio/conditions.hpp"
#include "core/istio/istio_cr.hpp"
#include "core/istio/pod_versions.hpp"
#include "core/kube/client.hpp"
#include "core/kube/wait.hpp"
#include "core/manifest/bundle_locator.hpp"
#include "core/manifest/install_metadata.hpp"
#include "core/plugin/pipeline.hpp"
#include "core/plugin/reconcile_context.hpp"
#include "core/reconcile/command_flags.hpp"
#include "core/reconcile/cr_target.hpp"
#include "core/ui/error.hpp"
#include "core/ui/progress.hpp"
#include "plugins/proxy-restart/restart_report.hpp"
#include "plugins/proxy-restart/restart_summary.hpp"
#include "plugins/proxy-restart/restart_target.hpp"
#include "plugins/proxy-restart/sidecar_restarter.hpp"

namespace kyma::proxy_restart {
namespace {

using nlohmann::json;

// The installed version must be one of the bundled ones: its profile is what the pods are
// compared with.
plugin::ReconcileOptions options_for(const plugin::Invocation& inv, const std::string& version) {
  plugin::ReconcileOptions options;
  options.istio_version = version;
  options.manifests_dir = inv.args.get("manifests");
  options.dry_run = true;  // the stages run to compute, never to write
  auto root = manifest::locate_bundle_root(options.manifests_dir);
  if (!root) {
    throw Error(
        "no Istio bundle found: pass --manifests DIR, or reinstall the plugin (its "
        "lib/kubectl-kyma-istio/istio folder is missing)");
  }
  auto versions = manifest::bundled_versions(root->path);
  if (std::find(versions.begin(), versions.end(), version) == versions.end()) {
    std::string list;
    for (const auto& v : versions) list += (list.empty() ? "" : ", ") + v;
    throw Error("Istio " + version + " is installed, but this plugin bundles only " + list +
                ": upgrade the plugin or Istio first");
  }
  return options;
}

// The reconcile up to the render phase: the CR checks, the cluster's facts, the version guard
// and the merge, on a dry-run context, so nothing is written.
void merge_configuration(plugin::ReconcileContext& context,
                         const std::vector<const plugin::StageSpec*>& stages) {
  std::vector<const plugin::StageSpec*> until_render;
  for (const auto* stage : stages) {
    if (stage->phase <= plugin::Phase::kRender) until_render.push_back(stage);
  }
  plugin::run_pipeline(context, until_render);
  if (const auto& error = context.error()) {
    throw Error(error->full_description(), context.exit_code());
  }
  if (!context.merged || !context.rendered) {
    throw Error("the Istio configuration could not be merged: no merge stage is loaded");
  }
}

// The operator verifies the control plane's versions before it restarts sidecars (§3.12): a
// half-done upgrade would otherwise restart pods onto the wrong proxy.
void verify_control_plane(kube::Client& client, const std::string& version) {
  kube::ListOptions options;
  options.label_selector = std::string(manifest::kModuleLabel) + "=" + manifest::kModuleLabelValue;
  json pods = client.list("v1", "Pod", "istio-system", options);
  std::vector<json> items(pods["items"].begin(), pods["items"].end());
  if (auto mismatch = istio::verify_pod_versions(items, version)) {
    throw Error("Verifying Pod versions in istio-system namespace failed: " + *mismatch);
  }
}

void note_skipped(ui::Progress& progress, const RestarterOutcome& outcome) {
  for (const PassOutcome* pass : {&outcome.kyma, &outcome.customer}) {
    for (const auto& planned : pass->skipped) {
      const auto& a = planned.action;
      progress.note(kubectl_name(a.target_kind, a.name) + " -n " + a.ns + " " + a.message);
    }
  }
}

bool has_rows(const RestarterOutcome& outcome) {
  for (const PassOutcome* pass : {&outcome.kyma, &outcome.customer}) {
    if (!pass->restarted.empty() || !pass->manual.empty() || !pass->skipped.empty()) return true;
  }
  return false;
}

bool nothing_selected(const RestarterOutcome& outcome) {
  return !has_rows(outcome) && !outcome.error && !outcome.customer_pass_error;
}

int report_dry_run(plugin::Invocation& inv, const RestarterOutcome& outcome) {
  if (has_rows(outcome)) print_plan_table(*inv.out, outcome);
  inv.out->flush();
  if (outcome.error) throw Error("the sidecar restart would fail: " + *outcome.error);
  if (outcome.customer_pass_error) {
    *inv.err << "warning: failed to plan the restart of Customer proxies: "
             << *outcome.customer_pass_error << '\n';
  }
  if (nothing_selected(outcome)) *inv.err << "No outdated sidecars found\n";
  return 0;
}

// Waits for every restarted workload's rollout; TimeoutError names those not rolled out.
void wait_for_rollouts(plugin::Invocation& inv, kube::Client& client, ui::Progress& progress,
                       const std::vector<kube::WaitTarget>& targets) {
  if (targets.empty()) return;
  kube::WaitOptions wait;
  wait.timeout = reconcile::timeout_flag(inv.args);
  wait.interval = std::chrono::milliseconds(500);
  wait.on_progress = [&](const std::string& message) { progress.note(message); };
  kube::wait_for(client, targets, wait);
}

int report_run(plugin::Invocation& inv, kube::Client& client, ui::Progress& progress,
               const RestarterOutcome& outcome) {
  std::ostream& out = *inv.out;
  auto restarted = outcome.restarted();
  for (const auto& planned : restarted) out << restarted_line(planned) << '\n';
  out.flush();
  note_skipped(progress, outcome);
  if (outcome.error) throw Error("sidecar restart failed: " + *outcome.error);

  std::optional<TimeoutError> timed_out;
  try {
    wait_for_rollouts(inv, client, progress, rollout_targets(restarted));
  } catch (const TimeoutError& e) {
    timed_out = e;
  }
  for (const auto& planned : outcome.customer.manual) out << manual_line(planned) << '\n';
  out.flush();
  if (outcome.customer_pass_error) {
    *inv.err << "warning: failed to restart Customer proxies: " << *outcome.customer_pass_error
             << '\n';
  }
  if (timed_out) throw *timed_out;
  auto warnings = outcome.warnings();
  if (!warnings.empty()) {
    *inv.err << "warning: " << manual_restart_message(warnings) << '\n';
    return to_int(ExitCode::kActionRequired);
  }
  if (nothing_selected(outcome)) *inv.err << "No outdated sidecars found\n";
  return 0;
}

}  // namespace

int run_restart(plugin::Invocation& inv) {
  const std::string ns = restart_namespace(inv.args, inv.connection);
  reconcile::timeout_flag(inv.args);  // a bad --timeout is a usage error before any request
  const bool dry_run = inv.args.enabled("dry-run");

  kube::Client client = kube::Client::from_flags(inv.connection);
  auto cr_ref = reconcile::find_module_cr(client);
  if (!cr_ref) {
    throw Error("no Istio CR in kyma-system: Istio is not installed by the module (run install)");
  }
  json cr = client.get(istio::kIstioApiVersion, istio::kIstioKind, cr_ref->ns, cr_ref->name);
  const std::string version = installed_istio_version(cr, cr_ref->ns + "/" + cr_ref->name);

  ui::Progress progress(*inv.err, inv.err_is_terminal);
  plugin::ReconcileContext context(client, progress, options_for(inv, version), cr_ref->ns,
                                   cr_ref->name);
  context.cr = std::move(cr);
  merge_configuration(context, inv.stages);
  verify_control_plane(client, version);

  RestartWrite write = dry_run ? no_writes() : cluster_writes(client, istio::rfc3339_now());
  RestarterOutcome outcome = restart_sidecars(client, selection_for(context), ns, write);
  return dry_run ? report_dry_run(inv, outcome) : report_run(inv, client, progress, outcome);
}

}  // namespace kyma::proxy_restart
