// `kubectl kyma-istio install`: make sure the Istio CRD and CR exist, then run the operator's
// reconcile once (operator-behaviour.md §3) from this machine.
#include "plugins/install/install_command.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include "core/istio/cr_schema.hpp"
#include "core/istio/istio_cr.hpp"
#include "core/kube/client.hpp"
#include "core/kube/duration.hpp"
#include "core/manifest/bundle_locator.hpp"
#include "core/reconcile/cr_target.hpp"
#include "core/reconcile/reconcile_command.hpp"

namespace kyma::install {
namespace {

std::string read_cr_file(const std::string& path) {
  if (path == "-") {
    std::stringstream text;
    text << std::cin.rdbuf();
    return text.str();
  }
  std::ifstream in(path);
  if (!in) throw UsageError("-f " + path + ": cannot read the file");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::filesystem::path bundle_root_for(const plugin::Arguments& args,
                                      const std::string& istio_version) {
  auto root = manifest::locate_bundle_root(args.get("manifests"));
  if (!root) {
    throw Error(
        "no Istio bundle found: pass --manifests DIR, or reinstall the plugin (its "
        "lib/kubectl-kyma-istio/istio folder is missing)");
  }
  auto versions = manifest::bundled_versions(root->path);
  if (std::find(versions.begin(), versions.end(), istio_version) == versions.end()) {
    std::string list;
    for (const auto& v : versions) list += (list.empty() ? "" : ", ") + v;
    throw UsageError("--istio-version " + istio_version + ": not bundled (bundled: " + list + ")");
  }
  return root->path;
}

std::chrono::milliseconds timeout_flag(const plugin::Arguments& args) {
  std::string text = args.get_or("timeout", "5m");
  auto timeout = kube::parse_duration(text);
  if (!timeout || timeout->count() <= 0) {
    throw UsageError("invalid value \"" + text + "\" for --timeout: a duration such as 90s or 5m");
  }
  return *timeout;
}

// The CR in the file, checked against the CRD schema before anything is sent. Its namespace is
// the file's, else -n, else kyma-system (the only namespace the module reconciles).
namespace {
istio::IstioCR cr_from_file(const plugin::Invocation& inv, const std::string& path,
                            const std::filesystem::path& bundle_root) {
  istio::IstioCR cr = istio::IstioCR::parse(read_cr_file(path), path == "-" ? "stdin" : path);
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

}  // namespace

int run_install(plugin::Invocation& inv) {
  reconcile::ReconcileRequest request;
  request.options.istio_version = inv.args.get_or("istio-version", "1.23.2");
  request.options.dry_run = inv.args.enabled("dry-run");
  request.options.timeout = timeout_flag(inv.args);
  request.options.manifests_dir = inv.args.get("manifests");
  std::filesystem::path root = bundle_root_for(inv.args, request.options.istio_version);
  std::optional<istio::IstioCR> file_cr;
  if (auto path = inv.args.get("filename")) file_cr = cr_from_file(inv, *path, root);

  kube::Client client = kube::Client::from_flags(inv.connection);
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
