#pragma once
// Where the running binary and its installed data live. Paths are derived from the resolved
// executable (/proc/self/exe), so they hold through Krew's symlink and from any prefix.
#include <filesystem>

namespace kyma::plugin {

// The real path of the running executable.
std::filesystem::path self_executable();
// <prefix>/bin: the folder that holds the real binary.
std::filesystem::path binary_dir();
// <prefix>/lib/kubectl-kyma-istio: plugins/ and istio/ live here.
std::filesystem::path data_dir();

}  // namespace kyma::plugin
