#pragma once
// Flags that the reconciling commands (install, upgrade, xff) read the same way.
#include <chrono>
#include <filesystem>
#include <string>

#include "core/plugin/arguments.hpp"

namespace kyma::reconcile {

// The bundle root (--manifests or the installed one) after checking that it holds
// `istio_version`; throws naming what is missing, or UsageError for an unbundled version.
std::filesystem::path bundle_root_for(const plugin::Arguments& args,
                                      const std::string& istio_version);

// --timeout: a positive duration ("90s", "5m"); UsageError otherwise.
std::chrono::milliseconds timeout_flag(const plugin::Arguments& args);

}  // namespace kyma::reconcile
