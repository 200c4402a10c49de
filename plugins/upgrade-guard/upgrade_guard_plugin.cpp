// The upgrade-guard plugin: `upgrade`, and the version-guard reconcile stage.
#include "core/plugin/api.hpp"
#include "core/ui/error.hpp"

namespace {

using kyma::plugin::CommandSpec;
using kyma::plugin::FlagKind;

class UpgradeGuardPlugin : public kyma::plugin::Plugin {
 public:
  kyma::plugin::PluginInfo info() const override {
    return {"upgrade-guard", KYMA_ISTIO_VERSION, "Version guard: no skipped minors, no downgrades"};
  }

  std::vector<CommandSpec> commands() const override {
    return {
        {"upgrade",
         "Upgrade Istio one minor version at a time",
         "Runs the operator's version guard against what is installed. With --check it only "
         "reports; otherwise it reconciles to the target version.",
         "[--check] [--istio-version V]",
         {{"check",
           "",
           "Only report whether the upgrade is allowed",
           FlagKind::kBool,
           "false",
           {},
           ""},
          {"istio-version", "", "Target Istio version", FlagKind::kString, "1.23.2", {}, "version"},
          {"timeout",
           "",
           "How long to wait for readiness",
           FlagKind::kString,
           "5m",
           {},
           "duration"},
          {"mode",
           "",
           "auto, client or operator",
           FlagKind::kString,
           "auto",
           {"auto", "client", "operator"},
           "mode"}},
         true,
         [](kyma::plugin::Invocation& inv) -> int {
           throw kyma::Error(inv.command + " is not available in this build yet");
         }}};
  }
};

std::unique_ptr<kyma::plugin::Plugin> create() {
  return std::make_unique<UpgradeGuardPlugin>();
}

}  // namespace

KYMA_ISTIO_PLUGIN(create)
