// The status plugin: `status`.
#include "core/plugin/api.hpp"
#include "core/ui/error.hpp"

namespace {

using kyma::plugin::CommandSpec;
using kyma::plugin::FlagKind;

class StatusPlugin : public kyma::plugin::Plugin {
 public:
  kyma::plugin::PluginInfo info() const override {
    return {"status", KYMA_ISTIO_VERSION, "State of the Istio CR, control plane and data plane"};
  }

  std::vector<CommandSpec> commands() const override {
    return {{"status",
             "Show the Istio CR state, the control plane and the data-plane proxies",
             "Shows the CR state and conditions, the control plane, data-plane proxies by "
             "version, and workloads that still run an outdated sidecar.",
             "[-o table|json|yaml] [--watch]",
             {{"output",
               "o",
               "Output format",
               FlagKind::kString,
               "table",
               {"table", "json", "yaml"},
               "format"},
              {"watch", "w", "Keep watching and print changes", FlagKind::kBool, "false", {}, ""}},
             true,
             [](kyma::plugin::Invocation& inv) -> int {
               throw kyma::Error(inv.command + " is not available in this build yet");
             }}};
  }
};

std::unique_ptr<kyma::plugin::Plugin> create() {
  return std::make_unique<StatusPlugin>();
}

}  // namespace

KYMA_ISTIO_PLUGIN(create)
