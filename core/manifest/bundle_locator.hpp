#pragma once
// Finds the Istio bundle folder (layout of shared/istio: <version>/rendered, <version>/kyma, crd/).
// Order: an explicit folder (--manifests), then the folder installed beside the plugins, then the
// source folder the build was configured with.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kyma::manifest {

inline constexpr const char* kDefaultIstioVersion = "1.23.2";

struct BundleRoot {
  std::filesystem::path path;
  std::string origin;  // "--manifests", "installed", "build"
};

// Throws kyma::Error naming what is missing when an explicit folder does not exist.
std::optional<BundleRoot> locate_bundle_root(const std::optional<std::string>& explicit_dir);
// Istio versions present under a root (folders with rendered/INDEX.tsv), newest first.
std::vector<std::string> bundled_versions(const std::filesystem::path& root);

}  // namespace kyma::manifest
