#include "core/plugin/registry.hpp"

#include <algorithm>
#include <tuple>

namespace kyma::plugin {

namespace {

std::string describe(const LoadedPlugin& p) {
  return p.info.name + " (" + p.file.string() + ")";
}

}  // namespace

Registry::Registry(LoadResult loaded) : loaded_(std::move(loaded)) {
  std::map<std::string, const LoadedPlugin*> names;
  for (const auto& p : loaded_.plugins) {
    if (auto [it, inserted] = names.emplace(p.info.name, &p); !inserted) {
      conflicts_.push_back("plugin name \"" + p.info.name + "\" is used by both " +
                           describe(*it->second) + " and " + describe(p));
    }
    for (auto& spec : p.plugin->commands()) {
      const std::string name = spec.name;
      auto existing = commands_.find(name);
      if (existing != commands_.end()) {
        std::string line = "command \"" + name + "\" is claimed by both plugin " +
                           describe(*existing->second.owner) + " and plugin " + describe(p);
        conflicts_.push_back(line);
        conflicted_.emplace(name, line);
        continue;
      }
      commands_.emplace(name, RegisteredCommand{std::move(spec), &p});
    }
    for (auto& stage : p.plugin->stages()) stages_.push_back({std::move(stage), &p});
  }
}

void Registry::add_builtin(CommandSpec spec) {
  const std::string name = spec.name;
  auto existing = commands_.find(name);
  if (existing != commands_.end() && existing->second.owner) {
    std::string line = "command \"" + name + "\" is built in; plugin " +
                       describe(*existing->second.owner) + " may not claim it";
    conflicts_.push_back(line);
  }
  commands_.insert_or_assign(name, RegisteredCommand{std::move(spec), nullptr});
}

void Registry::add_builtin_stage(StageSpec spec) {
  stages_.push_back({std::move(spec), nullptr});
}

std::vector<const StageSpec*> Registry::stage_specs() const {
  std::vector<const StageSpec*> out;
  for (const auto* stage : stages()) out.push_back(&stage->spec);
  return out;
}

std::vector<const RegisteredCommand*> Registry::commands() const {
  std::vector<const RegisteredCommand*> out;
  for (const auto& [name, cmd] : commands_) out.push_back(&cmd);
  return out;
}

const RegisteredCommand* Registry::find(const std::string& name) const {
  auto it = commands_.find(name);
  return it == commands_.end() ? nullptr : &it->second;
}

std::optional<std::string> Registry::conflict_for(const std::string& name) const {
  auto it = conflicted_.find(name);
  if (it == conflicted_.end()) return std::nullopt;
  return it->second;
}

std::vector<const RegisteredStage*> Registry::stages() const {
  std::vector<const RegisteredStage*> out;
  for (const auto& s : stages_) out.push_back(&s);
  std::stable_sort(out.begin(), out.end(), [](const RegisteredStage* a, const RegisteredStage* b) {
    return std::tie(a->spec.phase, a->spec.order, a->spec.name) <
           std::tie(b->spec.phase, b->spec.order, b->spec.name);
  });
  return out;
}

}  // namespace kyma::plugin
