#include "core/plugin/loader.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <sstream>

#include <boost/dll/import.hpp>

#include "core/plugin/install_paths.hpp"

namespace kyma::plugin {
namespace fs = std::filesystem;

std::string Refusal::line() const {
  return "ignoring plugin " + file.string() + ": " + reason;
}

namespace {

std::string octal_mode(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

// Empty when `path` is owned by the caller or root and not writable by group or others.
std::string check_ownership_and_mode(const fs::path& path, const char* what) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::string("cannot stat ") + what;
  if (st.st_mode & (S_IWGRP | S_IWOTH)) {
    return std::string(what) + " is writable by group or others (mode " + octal_mode(st.st_mode) +
           ")";
  }
  uid_t me = ::geteuid();
  if (st.st_uid != me && st.st_uid != 0) {
    return std::string(what) + " is owned by another user (uid " + std::to_string(st.st_uid) + ")";
  }
  return {};
}

bool is_plugin_file(const fs::path& path) {
  std::error_code ec;
  return path.extension() == ".so" && fs::is_regular_file(path, ec);
}

void collect(const fs::path& location, std::vector<fs::path>& files) {
  std::error_code ec;
  if (fs::is_directory(location, ec)) {
    std::vector<fs::path> found;
    for (fs::directory_iterator it(location, ec), end; !ec && it != end; it.increment(ec)) {
      if (is_plugin_file(it->path())) found.push_back(it->path());
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  } else if (fs::is_regular_file(location, ec)) {
    files.push_back(location);
  }
}

}  // namespace

std::string check_file_safety(const fs::path& file) {
  if (auto problem = check_ownership_and_mode(file.parent_path(), "its folder"); !problem.empty()) {
    return problem;
  }
  return check_ownership_and_mode(file, "the file");
}

std::vector<fs::path> plugin_search_path() {
  std::vector<fs::path> path{data_dir() / "plugins", binary_dir() / "plugins"};
  if (const char* extra = std::getenv("KYMA_ISTIO_PLUGIN_PATH")) {
    std::stringstream entries(extra);
    std::string entry;
    while (std::getline(entries, entry, ':')) {
      if (!entry.empty()) path.emplace_back(entry);
    }
  }
  return path;
}

LoadResult load_plugins(const std::vector<fs::path>& locations) {
  std::vector<fs::path> files;
  for (const auto& location : locations) collect(location, files);

  LoadResult result;
  std::set<fs::path> seen;
  for (const auto& candidate : files) {
    std::error_code ec;
    fs::path file = fs::weakly_canonical(candidate, ec);
    if (ec) file = candidate;
    if (!seen.insert(file).second) continue;

    if (auto problem = check_file_safety(file); !problem.empty()) {
      result.refusals.push_back({file, problem});
      continue;
    }
    LoadedPlugin loaded;
    loaded.file = file;
    try {
      loaded.library.load(boost::dll::fs::path(file.string()),
                          boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    } catch (const std::exception& e) {
      result.refusals.push_back({file, std::string("not a loadable shared library: ") + e.what()});
      continue;
    }
    const char* api_symbol = BOOST_PP_STRINGIZE(KYMA_ISTIO_PLUGIN_API_SYMBOL);
    const char* factory_symbol = BOOST_PP_STRINGIZE(KYMA_ISTIO_PLUGIN_FACTORY_SYMBOL);
    if (!loaded.library.has(api_symbol) || !loaded.library.has(factory_symbol)) {
      result.refusals.push_back(
          {file, "not a kubectl-kyma-istio plugin (it exports no plugin factory)"});
      continue;
    }
    int api = loaded.library.get<const int>(api_symbol);
    if (api != KYMA_ISTIO_PLUGIN_API_VERSION) {
      result.refusals.push_back({file, "built for plugin API version " + std::to_string(api) +
                                           ", this binary needs version " +
                                           std::to_string(KYMA_ISTIO_PLUGIN_API_VERSION)});
      continue;
    }
    try {
      auto& factory = loaded.library.get_alias<PluginFactory>(factory_symbol);
      loaded.plugin = factory();
      if (!loaded.plugin) throw std::runtime_error("its factory returned nothing");
      loaded.info = loaded.plugin->info();
    } catch (const std::exception& e) {
      result.refusals.push_back({file, std::string("failed to start: ") + e.what()});
      continue;
    }
    result.plugins.push_back(std::move(loaded));
  }
  return result;
}

}  // namespace kyma::plugin
