// The proxy-restart plugin: `restart`, and the sidecar restart stage.
#include "core/plugin/api.hpp"
#include "core/ui/error.hpp"
#include "plugins/proxy-restart/sidecar_restart_stage.hpp"

namespace {

using kyma::plugin::CommandSpec;
using kyma::plugin::FlagKind;

class ProxyRestartPlugin : public kyma::plugin::Plugin {
 public:
  kyma::plugin::PluginInfo info() const override {
    return {"proxy-restart", KYMA_ISTIO_VERSION, "Restart workloads whose sidecar is outdated"};
  }

  std::vector<CommandSpec> commands() const override {
    return {{"restart",
             "Restart workloads whose Istio sidecar is outdated",
             "Finds pods whose istio-proxy image or resources differ from what the installed "
             "Istio injects and restarts their owners, as the operator does.",
             "[--dry-run] [-n NS | -A]",
             {{"dry-run",
               "",
               "List what would be restarted; restart nothing",
               FlagKind::kBool,
               "false",
               {},
               ""},
              {"all-namespaces", "A", "Look in every namespace", FlagKind::kBool, "false", {}, ""}},
             true,
             [](kyma::plugin::Invocation& inv) -> int {
               throw kyma::Error(inv.command + " is not available in this build yet");
             }}};
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
