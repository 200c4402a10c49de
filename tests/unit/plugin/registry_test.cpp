// The registry orders reconcile stages by phase, then order, then name, whatever the plugin order.
#include <catch2/catch.hpp>

#include "core/plugin/registry.hpp"

namespace {

using kyma::plugin::Phase;
using kyma::plugin::StageSpec;

class StagePlugin : public kyma::plugin::Plugin {
 public:
  StagePlugin(std::string name, std::vector<StageSpec> stages)
      : name_(std::move(name)), stages_(std::move(stages)) {}
  kyma::plugin::PluginInfo info() const override { return {name_, "1", ""}; }
  std::vector<kyma::plugin::CommandSpec> commands() const override { return {}; }
  std::vector<StageSpec> stages() const override { return stages_; }

 private:
  std::string name_;
  std::vector<StageSpec> stages_;
};

kyma::plugin::LoadedPlugin loaded(std::string name, std::vector<StageSpec> stages) {
  kyma::plugin::LoadedPlugin p;
  p.plugin = std::make_unique<StagePlugin>(name, std::move(stages));
  p.info = p.plugin->info();
  return p;
}

}  // namespace

TEST_CASE("stages run in phase order whatever order the plugins came in") {
  kyma::plugin::LoadResult result;
  result.plugins.push_back(loaded(
      "restarts", {{"sidecars", Phase::kRestart, 20, {}}, {"ingress", Phase::kRestart, 10, {}}}));
  result.plugins.push_back(loaded("guards", {{"version-guard", Phase::kGuard, 0, {}}}));
  result.plugins.push_back(
      loaded("core-ish", {{"validate", Phase::kValidate, 0, {}}, {"apply", Phase::kApply, 0, {}}}));
  kyma::plugin::Registry registry(std::move(result));
  std::vector<std::string> names;
  for (const auto* s : registry.stages()) names.push_back(s->spec.name);
  CHECK(names ==
        std::vector<std::string>{"validate", "version-guard", "apply", "ingress", "sidecars"});
  CHECK(registry.stages()[1]->owner->info.name == "guards");
}

TEST_CASE("a built-in command cannot be taken over by a plugin") {
  kyma::plugin::LoadResult result;
  kyma::plugin::Registry registry(std::move(result));
  kyma::plugin::CommandSpec version;
  version.name = "version";
  registry.add_builtin(version);
  REQUIRE(registry.find("version"));
  CHECK(registry.find("version")->owner == nullptr);
  CHECK(registry.conflicts().empty());
}
