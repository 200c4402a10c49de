// The status plugin: `status`.
#include "core/plugin/api.hpp"
#include "plugins/status/status_command.hpp"

namespace {

class StatusPlugin : public kyma::plugin::Plugin {
 public:
  kyma::plugin::PluginInfo info() const override {
    return {"status", KYMA_ISTIO_VERSION, "State of the Istio CR, control plane and data plane"};
  }

  std::vector<kyma::plugin::CommandSpec> commands() const override {
    return {kyma::status::status_command_spec()};
  }
};

std::unique_ptr<kyma::plugin::Plugin> create() {
  return std::make_unique<StatusPlugin>();
}

}  // namespace

KYMA_ISTIO_PLUGIN(create)
