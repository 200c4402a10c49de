#pragma once
// The commands and reconcile stages contributed by the loaded plugins. A command claimed by two
// plugins is a conflict: it is recorded with both names and refuses to run.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/plugin/api.hpp"
#include "core/plugin/loader.hpp"

namespace kyma::plugin {

struct RegisteredCommand {
  CommandSpec spec;
  const LoadedPlugin* owner = nullptr;  // null for the binary's own commands
};

struct RegisteredStage {
  StageSpec spec;
  const LoadedPlugin* owner = nullptr;
};

class Registry {
 public:
  explicit Registry(LoadResult loaded);
  // A command of the binary itself (plugins, version, ...). Plugins may not claim its name.
  void add_builtin(CommandSpec spec);
  // A reconcile stage of the core (the operator's own steps).
  void add_builtin_stage(StageSpec spec);

  const std::vector<LoadedPlugin>& plugins() const { return loaded_.plugins; }
  const std::vector<Refusal>& refusals() const { return loaded_.refusals; }
  // One line per conflict, naming both plugins and their files.
  const std::vector<std::string>& conflicts() const { return conflicts_; }

  // Commands in name order.
  std::vector<const RegisteredCommand*> commands() const;
  const RegisteredCommand* find(const std::string& name) const;
  // If `name` is claimed by more than one plugin, the conflict line; otherwise empty.
  std::optional<std::string> conflict_for(const std::string& name) const;
  // Stages in pipeline order: by phase, then order, then name.
  std::vector<const RegisteredStage*> stages() const;
  std::vector<const StageSpec*> stage_specs() const;

 private:
  LoadResult loaded_;
  std::map<std::string, RegisteredCommand> commands_;
  std::map<std::string, std::string> conflicted_;  // command -> conflict line
  std::vector<std::string> conflicts_;
  std::vector<RegisteredStage> stages_;
};

}  // namespace kyma::plugin
