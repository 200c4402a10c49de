// `kubectl kyma-istio install`: make sure the Istio CRD and CR exist, then run the operator's
// reconcile once (operator-behaviour.md §3) from this machine.
#include "plugins/install/install_command.hpp"

#include "core/istio/cr_schema.hpp"
#include "core/istio/istio_cr.hpp"
#include "core/kube/client.hpp"
#include "core/manifest/bundle_locator.hpp"
#include "core/reconcile/command_flags.hpp"
#include "core/reconcile/cr_target.hpp"
#include "core/reconcile/operator_mode.hpp"
#include "core/reconcile/operator_writes.hpp"
#include "core/reconcile/reconcile_command.hpp"
#include "plugins/install/cr_file.hpp"

namespace kyma::install {
namespace {

// The CR in the file, checked against the CRD schema before anything is sent. Its namespace is
// the file's, else -n, else kyma-system (the only namespace the module reconciles).
istio::IstioCR cr_from_file(const plugin::Invocation& inv, const std::string& path,
                            const std::filesystem::path& bundle_root) {
  istio::IstioCR cr = read_cr_file(path);
  istio::throw_if_invalid(cr, istio::IstioCrSchema::load(bundle_root).validate(cr));
  if (cr.namespace_name().empty()) {
    nlohmann::json object = cr.object();
    object["metadata"]["namespace"] =
        inv.connection.namespace_.value_or(istio::kKymaSystemNamespace);
    return istio::IstioCR::from_json(object, cr.source());
  }
  if (inv.connection.namespace_ && *inv.connection.namespace_ != cr.namespace_name()) {
    throw UsageError("the namespace from the provided object \"" + cr.namespace_name() +
                     "\" does not match the namespace \"" + *inv.connection.namespace_ +
                     "\". You must pass '--namespace=" + cr.namespace_name() +
                     "' to perform this operation.");
  }
  return cr;
}

// Operator mode: write only the CR (from -f, or the default one when there is none) and follow
// the in-cluster operator; the CRD and the Istio version are the operator's.
int install_via_operator(plugin::Invocation& inv, kube::Client& client,
                         const std::optional<istio::IstioCR>& file_cr,
                         const reconcile::ReconcileRequest& request) {
  if (inv.args.get("istio-version")) {
    throw UsageError(
        "--istio-version: the in-cluster Kyma Istio operator installs the Istio version of its "
        "image; upgrade the Kyma Istio module to change it");
  }
  reconcile::require_operator_crd(client);
  const bool dry_run = request.options.dry_run;
  if (file_cr) {
    return reconcile::apply_cr_and_follow(inv, client, *file_cr, dry_run, request.options.timeout);
  }
  if (auto found = reconcile::find_module_cr(client))
    return reconcile::report_cr(inv, client, *found);
  return reconcile::apply_cr_and_follow(inv, client, istio::IstioCR::default_cr(), dry_run,
                                        request.options.timeout);
}

}  // namespace

int run_install(plugin::Invocation& inv) {
  reconcile::ReconcileRequest request;
  request.options.istio_version = inv.args.get_or("istio-version", manifest::kDefaultIstioVersion);
  request.options.dry_run = inv.args.enabled("dry-run");
  request.options.timeout = reconcile::timeout_flag(inv.args);
  request.options.manifests_dir = inv.args.get("manifests");
  std::filesystem::path root = reconcile::bundle_root_for(inv.args, request.options.istio_version);
  std::optional<istio::IstioCR> file_cr;
  if (auto path = inv.args.get("filename")) file_cr = cr_from_file(inv, *path, root);

  kube::Client client = kube::Client::from_flags(inv.connection);
  if (reconcile::resolve_mode(inv.args, client, *inv.err) == reconcile::Mode::kOperator) {
    return install_via_operator(inv, client, file_cr, request);
  }
  reconcile::ensure_istio_crd(client, root, request.options.dry_run, request.options.timeout);

  reconcile::CrRef target;
  if (file_cr) {
    target = reconcile::apply_cr(client, *file_cr, request.options.dry_run);
  } else if (auto found = reconcile::find_module_cr(client)) {
    target = *found;
  } else {
    target = reconcile::apply_cr(client, istio::IstioCR::default_cr(), request.options.dry_run);
  }
  request.cr_namespace = target.ns;
  request.cr_name = target.name;
  request.pending_cr = target.pending;
  return reconcile::run_reconcile_command(inv, client, request);
}

}  // namespace kyma::install
