#pragma once
// Loads feature plugins with Boost.DLL. A plugin runs with the user's cluster credentials, so the
// loader refuses files that someone else could have swapped: writable by group or others, in a
// folder writable by group or others, or owned by a user other than the caller (root is fine).
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <boost/dll/shared_library.hpp>

#include "core/plugin/api.hpp"

namespace kyma::plugin {

// A plugin together with the library that holds its code. The plugin is destroyed first.
struct LoadedPlugin {
  std::filesystem::path file;
  boost::dll::shared_library library;
  std::unique_ptr<Plugin> plugin;
  PluginInfo info;

  LoadedPlugin() = default;
  LoadedPlugin(LoadedPlugin&&) = default;
  LoadedPlugin& operator=(LoadedPlugin&&) = default;
  ~LoadedPlugin() { plugin.reset(); }
};

struct Refusal {
  std::filesystem::path file;
  std::string reason;
  std::string line() const;  // one line: "ignoring plugin <file>: <reason>"
};

struct LoadResult {
  std::vector<LoadedPlugin> plugins;
  std::vector<Refusal> refusals;
};

// The folders searched, in order: <bin>/../lib/kubectl-kyma-istio/plugins, <bin>/plugins, then
// each entry of KYMA_ISTIO_PLUGIN_PATH (':'-separated; an entry may be a folder or a file).
std::vector<std::filesystem::path> plugin_search_path();

// Loads every *.so from the given folders or files. Never throws for a bad plugin: it is
// recorded as a refusal and the others still load. A file reached twice is loaded once.
LoadResult load_plugins(const std::vector<std::filesystem::path>& locations);

// Why a file may not be loaded, or empty if it may. Exposed for tests.
std::string check_file_safety(const std::filesystem::path& file);

}  // namespace kyma::plugin
