// The xff plugin: `xff`, and the ingress-gateway restart stage.
#include "core/plugin/api.hpp"
#include "core/plugin/common_flags.hpp"
#include "core/ui/error.hpp"
#include "plugins/xff/ingress_restart_stage.hpp"
#include "plugins/xff/xff_command.hpp"

namespace {

using kyma::plugin::CommandSpec;
using kyma::plugin::FlagKind;

class XffPlugin : public kyma::plugin::Plugin {
 public:
  kyma::plugin::PluginInfo info() const override {
    return {"xff", KYMA_ISTIO_VERSION, "X-Forwarded-For: trusted proxies on the ingress gateway"};
  }

  std::vector<CommandSpec> commands() const override {
    return {{"xff",
             "Show or set the number of trusted proxies in front of the ingress gateway",
             "Shows or sets spec.config.numTrustedProxies, reconciles, restarts the ingress "
             "gateway and waits for it. Where the Kyma Istio operator runs, sets the field "
             "and follows the operator's status.",
             "[--trusted-proxies N | --unset]",
             {{"trusted-proxies",
               "",
               "Number of trusted proxies (0..4294967295)",
               FlagKind::kString,
               "",
               {},
               "N"},
              {"unset", "", "Remove the setting", FlagKind::kBool, "false", {}, ""},
              kyma::plugin::timeout_flag("How long to wait for the gateway"),
              kyma::plugin::manifests_flag(),
              kyma::plugin::mode_flag()},
             true,
             kyma::xff::run_xff}};
  }

  std::vector<kyma::plugin::StageSpec> stages() const override {
    return {{"ingress-gateway-restart", kyma::plugin::Phase::kRestart, 10,
             kyma::xff::restart_ingress_gateway_stage}};
  }
};

std::unique_ptr<kyma::plugin::Plugin> create() {
  return std::make_unique<XffPlugin>();
}

}  // namespace

KYMA_ISTIO_PLUGIN(create)
