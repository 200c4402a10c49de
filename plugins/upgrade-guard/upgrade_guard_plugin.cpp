// The upgrade-guard plugin: the version guard as a reconcile stage, and `upgrade`.
#include "core/istio/istio_cr.hpp"
#include "core/istio/last_applied.hpp"
#include "core/istio/profile.hpp"
#include "core/kube/client.hpp"
#include "core/manifest/bundle_locator.hpp"
#include "core/plugin/api.hpp"
#include "core/plugin/common_flags.hpp"
#include "core/plugin/reconcile_context.hpp"
#include "core/reconcile/command_flags.hpp"
#include "core/reconcile/cr_target.hpp"
#include "core/reconcile/operator_mode.hpp"
#include "core/reconcile/reconcile_command.hpp"
#include "core/ui/error.hpp"
#include "plugins/upgrade-guard/version_guard.hpp"

namespace {

using kyma::plugin::CommandSpec;
using kyma::plugin::FlagKind;
using nlohmann::json;

// The tag last applied; "" when the annotation has none (which the guard refuses, as the
// operator does), nullopt when there is no annotation (a fresh install: nothing to guard).
std::optional<std::string> current_tag(const std::optional<json>& last_applied) {
  if (!last_applied) return std::nullopt;
  json tag = kyma::istio::last_applied_field(last_applied, "/IstioTag");
  return tag.is_string() ? tag.get<std::string>() : std::string();
}

void guard_stage(kyma::plugin::ReconcileContext& context) {
  auto current = current_tag(context.last_applied);
  if (!current) return;
  if (auto refused = kyma::upgrade_guard::refusal(*current, context.target_tag)) {
    context.fail({*refused, kyma::upgrade_guard::kRefusalDescription, kyma::istio::Level::kWarning,
                  true, true, kyma::istio::Reason::kIstioVersionUpdateNotAllowed},
                 kyma::ExitCode::kRefused);
  }
}

int run_upgrade(kyma::plugin::Invocation& inv) {
  using namespace kyma;
  reconcile::ReconcileRequest request;
  request.options.istio_version = inv.args.get_or("istio-version", manifest::kDefaultIstioVersion);
  request.options.timeout = reconcile::timeout_flag(inv.args);
  request.options.manifests_dir = inv.args.get("manifests");
  auto root = reconcile::bundle_root_for(inv.args, request.options.istio_version);
  kube::Client client = kube::Client::from_flags(inv.connection);
  if (!inv.args.enabled("check") &&
      reconcile::resolve_mode(inv.args, client, *inv.err) == reconcile::Mode::kOperator) {
    // Not a usage error: the command line is fine, the cluster's setup refuses it.
    throw Error(
        "upgrade: the in-cluster Kyma Istio operator installs the Istio version of its own image; "
        "upgrade the Kyma Istio module instead (upgrade --check still reports whether a version "
        "is allowed)",
        ExitCode::kRefused);
  }
  auto cr = reconcile::find_module_cr(client);
  if (!cr) {
    throw Error("no Istio CR in kyma-system: Istio is not installed by the module (run install)");
  }
  if (!inv.args.enabled("check")) {
    request.cr_namespace = cr->ns;
    request.cr_name = cr->name;
    return reconcile::run_reconcile_command(inv, client, request);
  }
  json object = client.get(istio::kIstioApiVersion, istio::kIstioKind, cr->ns, cr->name);
  std::string target =
      istio::target_version(
          istio::load_profile(root, request.options.istio_version, istio::Profile::kProduction))
          .to_string();
  auto current = current_tag(istio::read_last_applied(object));
  std::ostream& out = *inv.out;
  if (!current) {
    out << "No Istio version was applied from " << cr->ns << "/" << cr->name << " yet: installing "
        << target << " is allowed\n";
    return 0;
  }
  if (auto refused = upgrade_guard::refusal(*current, target)) {
    out << "Upgrade from " << *current << " to " << target << " is not allowed\n";
    out.flush();
    *inv.err << "error: " << upgrade_guard::kRefusalDescription << ": " << *refused << '\n';
    return to_int(ExitCode::kRefused);
  }
  out << "Upgrade from " << *current << " to " << target << " is allowed\n";
  return 0;
}

class UpgradeGuardPlugin : public kyma::plugin::Plugin {
 public:
  kyma::plugin::PluginInfo info() const override {
    return {"upgrade-guard", KYMA_ISTIO_VERSION, "Version guard: no skipped minors, no downgrades"};
  }

  std::vector<CommandSpec> commands() const override {
    return {{"upgrade",
             "Upgrade Istio one minor version at a time",
             "Runs the operator's version guard against what is installed. With --check it only "
             "reports; otherwise it reconciles to the target version. Where the Kyma Istio "
             "operator runs, the version is the operator's: only --check is allowed.",
             "[--check] [--istio-version V]",
             {{"check",
               "",
               "Only report whether the upgrade is allowed",
               FlagKind::kBool,
               "false",
               {},
               ""},
              kyma::plugin::istio_version_flag("Target Istio version"),
              kyma::plugin::timeout_flag("How long to wait for readiness"),
              kyma::plugin::manifests_flag(),
              kyma::plugin::mode_flag()},
             true,
             run_upgrade}};
  }

  std::vector<kyma::plugin::StageSpec> stages() const override {
    return {{"version-guard", kyma::plugin::Phase::kGuard, 10, guard_stage}};
  }
};

std::unique_ptr<kyma::plugin::Plugin> create() {
  return std::make_unique<UpgradeGuardPlugin>();
}

}  // namespace

KYMA_ISTIO_PLUGIN(create)
