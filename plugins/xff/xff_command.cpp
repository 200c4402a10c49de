#include "plugins/xff/xff_command.hpp"

#include <cerrno>
#include <cstdlib>
#include <ostream>

#include "core/istio/istio_cr.hpp"
#include "core/istio/last_applied.hpp"
#include "core/kube/client.hpp"
#include "core/reconcile/command_flags.hpp"
#include "core/reconcile/cr_target.hpp"
#include "core/reconcile/operator_mode.hpp"
#include "core/reconcile/operator_writes.hpp"
#include "core/reconcile/reconcile_command.hpp"
#include "core/ui/error.hpp"

namespace kyma::xff {
namespace {

using nlohmann::json;

// 0..4294967295, as the CRD allows (uint32).
std::int64_t parse_trusted_proxies(const std::string& text) {
  bool digits = !text.empty() && text.size() <= 10 &&
                text.find_first_not_of("0123456789") == std::string::npos;
  std::int64_t value = digits ? std::strtoll(text.c_str(), nullptr, 10) : -1;
  if (!digits || value > 4294967295LL) {
    throw UsageError("invalid value \"" + text +
                     "\" for --trusted-proxies: a whole number from 0 to 4294967295");
  }
  return value;
}

std::string describe(const json& value) {
  return value.is_null() ? "unset" : value.dump();
}

int show(plugin::Invocation& inv, kube::Client& client, const reconcile::CrRef& cr) {
  json object = client.get(istio::kIstioApiVersion, istio::kIstioKind, cr.ns, cr.name);
  json wanted = object.value("/spec/config/numTrustedProxies"_json_pointer, json());
  std::optional<json> last;
  try {
    last = istio::read_last_applied(object);
  } catch (const Error&) {
  }
  json applied = istio::last_applied_field(last, "/config/numTrustedProxies");
  std::ostream& out = *inv.out;
  out << "numTrustedProxies: " << describe(wanted);
  if (!last) {
    out << " (not applied yet)\n";
  } else if (applied == wanted) {
    out << " (applied)\n";
  } else {
    out << " (not applied yet; the gateway runs with " << describe(applied) << ")\n";
  }
  return 0;
}

}  // namespace

int run_xff(plugin::Invocation& inv) {
  auto value = inv.args.get("trusted-proxies");
  bool unset = inv.args.enabled("unset");
  if (value && unset) throw UsageError("--trusted-proxies and --unset cannot be used together");
  std::optional<std::int64_t> proxies;
  if (value) proxies = parse_trusted_proxies(*value);

  reconcile::ReconcileRequest request;
  request.options.timeout = reconcile::timeout_flag(inv.args);
  request.options.manifests_dir = inv.args.get("manifests");
  reconcile::bundle_root_for(inv.args, request.options.istio_version);
  kube::Client client = kube::Client::from_flags(inv.connection);
  auto cr = reconcile::find_module_cr(client);
  if (!cr) {
    throw Error("no Istio CR in kyma-system: Istio is not installed by the module (run install)");
  }
  if (!proxies && !unset) return show(inv, client, *cr);

  json patch = {{"spec", {{"config", {{"numTrustedProxies", nullptr}}}}}};
  if (proxies) patch["spec"]["config"]["numTrustedProxies"] = *proxies;
  if (reconcile::resolve_mode(inv.args, client, *inv.err) == reconcile::Mode::kOperator) {
    return reconcile::patch_cr_and_follow(inv, client, *cr, patch, request.options.timeout);
  }
  client.patch(istio::kIstioApiVersion, istio::kIstioKind, cr->ns, cr->name,
               kube::PatchType::kMerge, patch);
  request.cr_namespace = cr->ns;
  request.cr_name = cr->name;
  return reconcile::run_reconcile_command(inv, client, request);
}

}  // namespace kyma::xff
