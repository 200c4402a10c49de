// The proxy-restart plugin: `restart`, and the sidecar restart stage.
#include "core/plugin/api.hpp"
#include "core/plugin/common_flags.hpp"
#include "plugins/proxy-restart/restart_command.hpp"
#include "plugins/proxy-restart/sidecar_restart_stage.hpp"

namespace {

using kyma::plugin::CommandSpec;
using kyma::plugin::FlagKind;

const char* const kDescription =
    "Finds the pods whose Istio sidecar is outdated and restarts their owners, as the Kyma\n"
    "operator's sidecar restarter does: the istio-proxy image or resources differ from what the\n"
    "installed Istio injects (the Istio CR merged into the installed version's profile), the\n"
    "Prometheus merge annotations or the CNI init container do not fit, or enableDNSProxying,\n"
    "proxyStatsMatcher or compatibilityMode changed since the last reconcile. Kyma's workloads\n"
    "go first (any problem there is an error, exit 1), then the customers'.\n"
    "\n"
    "Each restarted workload is printed, then its rollout is waited for (--timeout, exit 5 naming\n"
    "what is not rolled out). Pods owned by a Job or by nothing cannot be restarted this way:\n"
    "they are listed and the command exits 4. --dry-run prints a table of what would be done\n"
    "and writes nothing (exit 0, or 1 when the run would fail).\n"
    "\n"
    "Without -n it looks in every namespace, as the operator does (not only the context's\n"
    "namespace); -n NS limits it to one namespace; -A asks for every namespace explicitly.\n"
    "\n"
    "It is not a reconcile: it writes neither the Istio CR's status nor its\n"
    "lastAppliedConfiguration annotation, only the restarts. A changed enableDNSProxying,\n"
    "proxyStatsMatcher or compatibilityMode therefore keeps selecting every pod until install\n"
    "or upgrade records it.";

class ProxyRestartPlugin : public kyma::plugin::Plugin {
 public:
  kyma::plugin::PluginInfo info() const override {
    return {"proxy-restart", KYMA_ISTIO_VERSION, "Restart workloads whose sidecar is outdated"};
  }

  std::vector<CommandSpec> commands() const override {
    return {{"restart",
             "Restart workloads whose Istio sidecar is outdated",
             kDescription,
             "[--dry-run] [-n NS | -A] [--timeout D]",
             {kyma::plugin::dry_run_flag("List what would be restarted; restart nothing"),
              {"all-namespaces",
               "A",
               "Look in every namespace (the default without -n)",
               FlagKind::kBool,
               "false",
               {},
               ""},
              kyma::plugin::timeout_flag("How long to wait for the restarted workloads"),
              kyma::plugin::manifests_flag()},
             true,
             kyma::proxy_restart::run_restart}};
  }

  std::vector<kyma::plugin::StageSpec> stages() const override {
    return {{"sidecar-restart", kyma::plugin::Phase::kRestart, 20,
             kyma::proxy_restart::restart_sidecars_stage}};
  }
};

std::unique_ptr<kyma::plugin::Plugin> create() {
  return std::make_unique<ProxyRestartPlugin>();
}

}  // namespace

KYMA_ISTIO_PLUGIN(create)
