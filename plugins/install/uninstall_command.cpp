// `kubectl kyma-istio uninstall`: the operator's deletion flow (operator-behaviour.md §5), run
// from here. Unlike the operator, the blocking check runs before the CR is marked for deletion,
// so a blocked uninstall leaves everything as it was (only the CR's status says why).
#include "plugins/install/uninstall_command.hpp"

#include <map>
#include <ostream>
#include <set>

#include "core/istio/conditions.hpp"
#include "core/istio/istio_cr.hpp"
#include "core/istio/last_applied.hpp"
#include "core/istio/restart_action.hpp"
#include "core/istio/workload_restart.hpp"
#include "core/kube/api_error.hpp"
#include "core/kube/client.hpp"
#include "core/kube/discovery.hpp"
#include "core/kube/wait.hpp"
#include "core/manifest/kyma_resources.hpp"
#include "core/manifest/live_objects.hpp"
#include "core/manifest/renderer.hpp"
#include "core/plugin/reconcile_context.hpp"
#include "core/reconcile/command_flags.hpp"
#include "core/reconcile/cr_status.hpp"
#include "core/reconcile/cr_target.hpp"
#include "core/reconcile/operator_mode.hpp"
#include "core/reconcile/operator_stages.hpp"
#include "core/reconcile/operator_writes.hpp"
#include "core/ui/progress.hpp"
#include "plugins/install/uninstall_blockers.hpp"

namespace kyma::install {
namespace {

using istio::Level;
using istio::Reason;
using nlohmann::json;

const char* const kIstioNamespace = "istio-system";
const char* const kBlockedDescription =
    "There are Istio resources that block deletion. Please take a look at "
    "kyma-system/istio-controller-manager logs to see more information about the warning";

std::string str(const json& object, const json::json_pointer& pointer) {
  return object.value(pointer, std::string());
}

// Lists a kind in the version the operator uses, or the group's preferred one when the cluster's
// Istio serves another (an older Istio may not serve v1 yet).
std::optional<json> list_any_version(kube::Client& client, const IstioKind& kind) {
  try {
    return client.list(kind.api_version(), kind.kind);
  } catch (const kube::NoKindMatchError&) {
  }
  auto preferred = client.discovery().preferred_versions();
  auto it = preferred.find(kind.group);
  if (it == preferred.end() || it->second == kind.version) return std::nullopt;
  try {
    return client.list(kind.group + "/" + it->second, kind.kind);
  } catch (const kube::NoKindMatchError&) {
    return std::nullopt;
  }
}

std::vector<std::string> blocking_resources(kube::Client& client) {
  std::vector<std::string> found;
  for (const auto& kind : blocking_kinds()) {
    auto list = list_any_version(client, kind);
    if (!list) continue;
    for (const auto& object : (*list)["items"]) {
      if (!blocks_uninstall(kind.kind, object)) continue;
      std::string ns = str(object, "/metadata/namespace"_json_pointer);
      found.push_back(kind.kind + " " + (ns.empty() ? "" : ns + "/") +
                      str(object, "/metadata/name"_json_pointer));
    }
  }
  return found;
}

// The installation's objects, in the order the operator deletes them: webhooks first (so the
// API server stops calling a webhook that is going away), RBAC, the rest, CRDs last.
std::vector<json> installed_objects(kube::Client& client) {
  static const std::vector<manifest::KindRef> kinds = {
      {"admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration"},
      {"admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration"},
      {"rbac.authorization.k8s.io/v1", "ClusterRoleBinding"},
      {"rbac.authorization.k8s.io/v1", "ClusterRole"},
      {"rbac.authorization.k8s.io/v1", "RoleBinding"},
      {"rbac.authorization.k8s.io/v1", "Role"},
      {"apps/v1", "Deployment"},
      {"apps/v1", "DaemonSet"},
      {"autoscaling/v2", "HorizontalPodAutoscaler"},
      {"policy/v1", "PodDisruptionBudget"},
      {"v1", "Service"},
      {"v1", "ConfigMap"},
      {"v1", "Secret"},
      {"v1", "ServiceAccount"},
      {"v1", "ResourceQuota"},
      {"networking.istio.io/v1alpha3", "EnvoyFilter"},
      {"apiextensions.k8s.io/v1", "CustomResourceDefinition"},
  };
  manifest::LiveObjects live = manifest::LiveObjects::read(
      client, {}, kinds, {{"operator.istio.io/managed", "Reconcile"}, {"istio.io/rev", "default"}});
  std::vector<json> ordered;
  for (const auto& kind : kinds) {
    for (const auto& object : live.owned()) {
      if (object.value("kind", "") == kind.kind) ordered.push_back(object);
    }
  }
  return ordered;
}

bool has_istio_proxy(const json& pod) {
  for (const char* list : {"/spec/containers", "/spec/initContainers"}) {
    for (const auto& c : pod.value(json::json_pointer(list), json::array())) {
      if (c.value("name", "") == "istio-proxy") return true;
    }
  }
  return false;
}

bool is_gateway(const json& pod) {
  std::string istio = pod.value("/metadata/labels"_json_pointer, json::object()).value("istio", "");
  return istio == "ingressgateway" || istio == "egressgateway";
}

bool has_installation_finalizer(const json& cr) {
  for (const auto& f : cr.value("/metadata/finalizers"_json_pointer, json::array())) {
    if (f == reconcile::kInstallationFinalizer) return true;
  }
  return false;
}

// Restarts the owners of every injected pod so that they come back without a sidecar (§5 step
// 4). Problems are warnings: the uninstall itself has succeeded.
std::vector<std::string> remove_sidecars(kube::Client& client, ui::Progress& progress, bool dry_run,
                                         std::vector<std::string>& summary) {
  std::vector<std::string> warnings;
  istio::OwnerLookup lookup = istio::cluster_owner_lookup(client);
  std::set<std::string> done;
  const std::string now = istio::rfc3339_now();
  const json pods = client.list("v1", "Pod");
  for (const auto& pod : pods["items"]) {
    if (!has_istio_proxy(pod) || is_gateway(pod)) continue;
    istio::RestartAction action = istio::decide_restart(pod, lookup);
    std::string target = action.target_kind + " " + action.ns + "/" + action.name;
    if (action.kind == istio::ActionKind::kWarn || action.kind == istio::ActionKind::kError) {
      warnings.push_back(action.ns + "/" + action.name + ": " + action.message);
      continue;
    }
    if (action.kind == istio::ActionKind::kSkip || !done.insert(target).second) continue;
    if (dry_run) {
      summary.push_back(target + " would be restarted to remove its sidecar");
      continue;
    }
    try {
      if (action.kind == istio::ActionKind::kDeletePod) {
        client.remove("v1", "Pod", action.ns, action.name);
      } else {
        istio::restart_workload(client, action.target_kind, action.ns, action.name, now);
      }
      progress.note("Restarted " + target + " to remove its sidecar");
    } catch (const Error& e) {
      warnings.push_back(target + ": " + e.what());
    }
  }
  return warnings;
}

void remove_finalizer(kube::Client& client, const reconcile::CrRef& cr) {
  auto object = client.try_get(istio::kIstioApiVersion, istio::kIstioKind, cr.ns, cr.name);
  if (!object) return;
  json finalizers = json::array();
  for (const auto& f : object->value("/metadata/finalizers"_json_pointer, json::array())) {
    if (f != reconcile::kInstallationFinalizer) finalizers.push_back(f);
  }
  json patch = {{"metadata",
                 {{"finalizers", finalizers},
                  {"resourceVersion", (*object)["metadata"]["resourceVersion"]}}}};
  client.patch(istio::kIstioApiVersion, istio::kIstioKind, cr.ns, cr.name, kube::PatchType::kMerge,
               patch);
}

kube::WaitOptions wait_options(std::chrono::milliseconds timeout, ui::Progress& progress) {
  kube::WaitOptions wait;
  wait.timeout = timeout;
  wait.interval = std::chrono::milliseconds(300);
  wait.on_progress = [&progress](const std::string& message) { progress.update(message); };
  return wait;
}

}  // namespace

int run_uninstall(plugin::Invocation& inv) {
  const bool dry_run = inv.args.enabled("dry-run");
  const auto timeout = reconcile::timeout_flag(inv.args);
  kube::Client client = kube::Client::from_flags(inv.connection);
  ui::Progress progress(*inv.err, inv.err_is_terminal);
  std::ostream& out = *inv.out;
  const reconcile::Mode mode = reconcile::resolve_mode(inv.args, client, *inv.err);

  auto cr = reconcile::find_module_cr(client);
  if (!cr) {
    out << "No Istio CR in kyma-system: nothing to uninstall\n";
    return 0;
  }
  if (mode == reconcile::Mode::kOperator) {
    return reconcile::delete_cr_and_follow(inv, client, *cr, dry_run, timeout);
  }
  plugin::ReconcileOptions options;
  options.dry_run = dry_run;
  plugin::ReconcileContext context(client, progress, options, cr->ns, cr->name);
  context.cr = client.get(istio::kIstioApiVersion, istio::kIstioKind, cr->ns, cr->name);
  context.conditions = reconcile::conditions_of(context.cr);

  // §5 step 1: a CR that never got the installation finalizer did not install Istio; deleting it
  // is all there is to do.
  if (!has_installation_finalizer(context.cr)) {
    if (dry_run) {
      out << "Istio CR " << cr->ns << "/" << cr->name
          << " would be deleted (it did not install Istio: nothing else to remove)\n";
      return 0;
    }
    context.set_condition(Reason::kIstioInstallNotNeeded);
    reconcile::write_status(context, istio::state::kDeleting, "Deleting Istio");
    client.remove(istio::kIstioApiVersion, istio::kIstioKind, cr->ns, cr->name);
    kube::wait_for_deletion(client, istio::kIstioApiVersion, istio::kIstioKind, cr->ns, cr->name,
                            wait_options(timeout, progress));
    progress.succeed("Istio CR " + cr->ns + "/" + cr->name +
                     " deleted: it did not install Istio, nothing else to remove");
    out << "Istio CR " << cr->ns << "/" << cr->name << ": deleted\n";
    return 0;
  }

  progress.update("Checking for Istio resources that block the uninstall");
  std::vector<std::string> blockers = blocking_resources(client);
  if (!blockers.empty()) {
    progress.fail("Uninstall blocked by " + std::to_string(blockers.size()) +
                  " Istio resource(s) not managed by the module:");
    for (const auto& b : blockers) *inv.err << "  " << b << '\n';
    context.set_condition(Reason::kIstioCustomResourcesDangling);
    reconcile::write_status(context, istio::state::kWarning, kBlockedDescription);
    out << "Istio CR " << cr->ns << "/" << cr->name << ": Warning"
        << (dry_run ? " (dry run, status not written)" : "") << '\n';
    out.flush();
    *inv.err << "warning: could not delete Istio module instance since there are "
             << blockers.size() << " customer resources present\n";
    return to_int(ExitCode::kRefused);
  }
  progress.succeed("No Istio resources block the uninstall");

  std::vector<std::string> summary;
  std::vector<json> objects = installed_objects(client);
  if (dry_run) {
    for (const auto& object : objects) {
      summary.push_back(manifest::object_identity(object) + " would be deleted");
    }
    summary.push_back("Namespace " + std::string(kIstioNamespace) + " would be deleted");
    remove_sidecars(client, progress, true, summary);
    summary.push_back("Istio CR " + cr->ns + "/" + cr->name + " would be deleted");
    for (const auto& line : summary) out << line << '\n';
    return 0;
  }

  // Mark the CR for deletion; the finalizer keeps it until the flow below is done.
  client.remove(istio::kIstioApiVersion, istio::kIstioKind, cr->ns, cr->name);
  if (auto live = client.try_get(istio::kIstioApiVersion, istio::kIstioKind, cr->ns, cr->name)) {
    context.cr = *live;
    reconcile::write_status(context, istio::state::kDeleting, "Deleting Istio");
  }

  try {
    progress.update("Removing Istio's objects");
    kube::DeleteOptions del;
    del.propagation_policy = "Background";
    for (const auto& object : objects) {
      client.remove(object.value("apiVersion", ""), object.value("kind", ""),
                    str(object, "/metadata/namespace"_json_pointer),
                    str(object, "/metadata/name"_json_pointer), del);
    }
    progress.succeed("Removed " + std::to_string(objects.size()) + " Istio object(s)");
    kube::DeleteOptions foreground;
    foreground.propagation_policy = "Foreground";
    if (client.remove("v1", "Namespace", "", kIstioNamespace, foreground)) {
      kube::wait_for_deletion(client, "v1", "Namespace", "", kIstioNamespace,
                              wait_options(timeout, progress));
      progress.succeed("Namespace " + std::string(kIstioNamespace) + " deleted");
    }
  } catch (const Error& e) {
    if (client.try_get(istio::kIstioApiVersion, istio::kIstioKind, cr->ns, cr->name)) {
      context.set_error_condition(Reason::kIstioInstallUninstallFailed);
      reconcile::write_status(context, istio::state::kError,
                              std::string("Could not uninstall istio: ") + e.what());
    }
    throw;
  }

  progress.update("Restarting workloads to remove their sidecars");
  try {
    for (const auto& warning : remove_sidecars(client, progress, false, summary)) {
      progress.note("warning: " + warning);
    }
  } catch (const Error& e) {
    // A read that failed (pods, their owners): the operator's Error; restarts that failed are
    // warnings inside remove_sidecars.
    context.set_error_condition(Reason::kIstioInstallUninstallFailed);
    reconcile::write_status(context, istio::state::kError,
                            std::string("Could not remove istio sidecars: ") + e.what());
    throw Error(std::string("Could not remove istio sidecars: ") + e.what());
  }
  context.set_condition(Reason::kIstioUninstallSucceeded);
  reconcile::write_status(context, istio::state::kDeleting, "Deleting Istio");

  // Kyma's resources in deletion mode: the NetworkPolicies outside istio-system go too.
  for (const auto& policy : manifest::module_network_policies(manifest::product_version())) {
    client.remove(policy.value("apiVersion", ""), policy.value("kind", ""),
                  str(policy, "/metadata/namespace"_json_pointer),
                  str(policy, "/metadata/name"_json_pointer));
  }
  remove_finalizer(client, *cr);
  kube::wait_for_deletion(client, istio::kIstioApiVersion, istio::kIstioKind, cr->ns, cr->name,
                          wait_options(timeout, progress));
  // What the plugin installed as the module: the PriorityClass, and the Istio CRD when no Istio CR
  // is left that it would take with it.
  client.remove("scheduling.k8s.io/v1", "PriorityClass", "", "istio-kyma-priority");
  if (!reconcile::find_module_cr(client)) {
    json others = client.list(istio::kIstioApiVersion, istio::kIstioKind);
    if (others["items"].empty()) {
      client.remove("apiextensions.k8s.io/v1", "CustomResourceDefinition", "",
                    "istios.operator.kyma-project.io");
    }
  }
  progress.succeed("Uninstall complete");
  for (const auto& line : summary) out << line << '\n';
  out << "Istio CR " << cr->ns << "/" << cr->name << ": deleted\n";
  return 0;
}

}  // namespace kyma::install
