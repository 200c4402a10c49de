#pragma once
// A LoaderEnvironment backed by a map, for kubeconfig tests.
#include <map>
#include <string>

#include "core/kube/kubeconfig_loader.hpp"

namespace kyma::kube::test {

inline LoaderEnvironment fake_env(std::map<std::string, std::string> vars, std::string home,
                                  std::string sa_dir = "/nonexistent-sa") {
  LoaderEnvironment env;
  env.getenv = [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
  env.home = std::move(home);
  env.service_account_dir = std::move(sa_dir);
  return env;
}

}  // namespace kyma::kube::test
