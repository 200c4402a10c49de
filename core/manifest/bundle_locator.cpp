#include "core/manifest/bundle_locator.hpp"

#include <algorithm>

#include "core/plugin/install_paths.hpp"
#include "core/ui/error.hpp"

namespace kyma::manifest {
namespace fs = std::filesystem;

namespace {

bool looks_like_bundle_root(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir, ec) && !bundled_versions(dir).empty();
}

// "1.23.2" -> {1, 23, 2}; non-numeric parts sort first.
std::vector<long> version_key(const std::string& v) {
  std::vector<long> key;
  size_t start = 0;
  while (start <= v.size()) {
    size_t dot = v.find('.', start);
    std::string part = v.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    try {
      key.push_back(std::stol(part));
    } catch (...) {
      key.push_back(-1);
    }
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return key;
}

}  // namespace

std::optional<BundleRoot> locate_bundle_root(const std::optional<std::string>& explicit_dir) {
  if (explicit_dir) {
    fs::path dir(*explicit_dir);
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      throw Error("--manifests " + *explicit_dir + ": no such directory");
    }
    if (bundled_versions(dir).empty()) {
      throw Error("--manifests " + *explicit_dir +
                  ": no Istio bundle in it (expected <version>/rendered/INDEX.tsv)");
    }
    return BundleRoot{dir, "--manifests"};
  }
  fs::path installed = plugin::data_dir() / "istio";
  if (looks_like_bundle_root(installed)) return BundleRoot{installed, "installed"};
#ifdef KYMA_ISTIO_BUNDLE_SOURCE
  fs::path source(KYMA_ISTIO_BUNDLE_SOURCE);
  if (looks_like_bundle_root(source)) return BundleRoot{source, "build"};
#endif
  return std::nullopt;
}

std::vector<std::string> bundled_versions(const fs::path& root) {
  std::vector<std::string> versions;
  std::error_code ec;
  for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    if (fs::exists(it->path() / "rendered" / "INDEX.tsv")) {
      versions.push_back(it->path().filename().string());
    }
  }
  std::sort(versions.begin(), versions.end(), [](const std::string& a, const std::string& b) {
    return version_key(a) > version_key(b);
  });
  return versions;
}

}  // namespace kyma::manifest
