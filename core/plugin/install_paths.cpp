#include "core/plugin/install_paths.hpp"

#include <system_error>

namespace kyma::plugin {

std::filesystem::path self_executable() {
  std::error_code ec;
  auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  return path;
}

std::filesystem::path binary_dir() {
  return self_executable().parent_path();
}

std::filesystem::path data_dir() {
  return (binary_dir() / ".." / "lib" / "kubectl-kyma-istio").lexically_normal();
}

}  // namespace kyma::plugin
