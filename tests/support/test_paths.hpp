#pragma once
// Folders the tests need, fixed when the build is configured.
#include <filesystem>

namespace kyma::test {

std::filesystem::path source_dir();
std::filesystem::path build_dir();
// The tree `cmake --install` wrote for the e2e tests (bin/, lib/).
std::filesystem::path stage_dir();
std::filesystem::path bad_plugin_dir();
// ../shared/istio (or the folder the build was configured with).
std::filesystem::path bundle_dir();

}  // namespace kyma::test
