#pragma once
// Shell completion. `__complete <words...> <partial>` prints one candidate per line and then a
// Cobra directive line (":4" = no file completion, ":0" = let the shell complete files), which is
// what kubectl (1.26+) expects from kubectl_complete-kyma_istio.
#include <ostream>
#include <string>
#include <vector>

#include "core/plugin/registry.hpp"

namespace kyma::cli {

struct Completion {
  std::vector<std::string> candidates;
  int directive = 4;
};

Completion complete(const plugin::Registry& registry, const std::vector<std::string>& words);
void print_completion(std::ostream& out, const Completion& completion);

// A completion script for the binary called directly as kubectl-kyma_istio.
std::string completion_script(const std::string& shell);

}  // namespace kyma::cli
