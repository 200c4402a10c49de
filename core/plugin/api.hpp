#pragma once
// The interface a feature plugin implements. A plugin is a shared library that exports one
// factory through KYMA_ISTIO_PLUGIN(...); the binary checks the exported API version before it
// calls the factory, so a plugin built against another version of this header is refused.
//
// A plugin contributes commands (run by the binary) and reconcile stages (ordered by the core's
// pipeline). It knows nothing about other plugins.
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include <boost/config.hpp>
#include <boost/dll/alias.hpp>

#include "core/kube/connection_flags.hpp"
#include "core/plugin/arguments.hpp"

// Bump on any change to the types in this header or in the types they reference.
#define KYMA_ISTIO_PLUGIN_API_VERSION 3

namespace kyma::plugin {

enum class FlagKind { kString, kBool, kStringList };

struct FlagSpec {
  std::string name;       // long name without dashes: "dry-run"
  std::string shorthand;  // one letter or empty: "f"
  std::string help;
  FlagKind kind = FlagKind::kString;
  std::string default_value;          // shown in help; not injected into Arguments
  std::vector<std::string> choices;   // accepted values (also offered by completion)
  std::string value_name = "string";  // shown in help: --timeout duration
};

struct StageSpec;

// What a command run gets from the binary.
struct Invocation {
  std::string command;  // the command's name
  Arguments args;
  kube::ConnectionFlags connection;
  std::ostream* out = nullptr;  // data
  std::ostream* err = nullptr;  // progress, warnings
  bool err_is_terminal = false;
  // Every reconcile stage (the core's and the plugins'), in pipeline order, for the commands
  // that reconcile.
  std::vector<const StageSpec*> stages;
};

struct CommandSpec {
  std::string name;
  std::string summary;      // one line for the command list
  std::string description;  // paragraph for `<command> --help`
  std::string usage;        // after the command name: "[-f cr.yaml] [--dry-run]"
  std::vector<FlagSpec> flags;
  bool needs_cluster = true;  // false: works offline (connection flags are still accepted)
  // Returns the process exit code; throws kyma::Error (or a subclass) on failure.
  std::function<int(Invocation&)> run;
  int max_args = 0;  // positional arguments accepted; -1 for any number
};

// Reconcile stages run in this order; within a phase, by `order`, then by name.
enum class Phase { kValidate, kGuard, kRender, kApply, kResources, kRestart, kStatus };
const char* phase_name(Phase phase);

class ReconcileContext;  // defined by the core's reconcile pipeline

struct StageSpec {
  std::string name;
  Phase phase = Phase::kValidate;
  int order = 0;
  std::function<void(ReconcileContext&)> run;
};

struct PluginInfo {
  std::string name;
  std::string version;
  std::string description;
};

class Plugin {
 public:
  virtual ~Plugin() = default;
  virtual PluginInfo info() const = 0;
  virtual std::vector<CommandSpec> commands() const = 0;
  virtual std::vector<StageSpec> stages() const { return {}; }
};

using PluginFactory = std::unique_ptr<Plugin>();

}  // namespace kyma::plugin

// Exported symbol names; the loader looks these up.
#define KYMA_ISTIO_PLUGIN_FACTORY_SYMBOL kyma_istio_plugin_factory
#define KYMA_ISTIO_PLUGIN_API_SYMBOL kyma_istio_plugin_api_version

// Announce a plugin. `factory` is a function `std::unique_ptr<kyma::plugin::Plugin>()`.
#define KYMA_ISTIO_PLUGIN(factory)                                        \
  extern "C" BOOST_SYMBOL_EXPORT const int KYMA_ISTIO_PLUGIN_API_SYMBOL;  \
  extern "C" BOOST_SYMBOL_EXPORT const int KYMA_ISTIO_PLUGIN_API_SYMBOL = \
      KYMA_ISTIO_PLUGIN_API_VERSION;                                      \
  BOOST_DLL_ALIAS(factory, KYMA_ISTIO_PLUGIN_FACTORY_SYMBOL)
