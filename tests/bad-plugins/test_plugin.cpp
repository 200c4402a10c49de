// A configurable plugin for loader tests: its name, its one command and its API version come
// from compile definitions.
#include <ostream>

#include "core/plugin/api.hpp"

#ifdef TEST_PLUGIN_API_OVERRIDE
#undef KYMA_ISTIO_PLUGIN_API_VERSION
#define KYMA_ISTIO_PLUGIN_API_VERSION TEST_PLUGIN_API_OVERRIDE
#endif

namespace {

class TestPlugin : public kyma::plugin::Plugin {
 public:
  kyma::plugin::PluginInfo info() const override {
    return {TEST_PLUGIN_NAME, "0.0.1", "loader test plugin"};
  }
  std::vector<kyma::plugin::CommandSpec> commands() const override {
    kyma::plugin::CommandSpec cmd;
    cmd.name = TEST_PLUGIN_COMMAND;
    cmd.summary = "Say hello from " TEST_PLUGIN_NAME;
    cmd.needs_cluster = false;
    cmd.run = [](kyma::plugin::Invocation& inv) {
      *inv.out << "hello from " TEST_PLUGIN_NAME "\n";
      return 0;
    };
    return {cmd};
  }
};

std::unique_ptr<kyma::plugin::Plugin> create() {
  return std::make_unique<TestPlugin>();
}

}  // namespace

KYMA_ISTIO_PLUGIN(create)
