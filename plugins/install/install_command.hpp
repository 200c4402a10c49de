#pragma once
// The install command and the flag handling the install plugin's commands share.
#include <chrono>
#include <filesystem>
#include <string>

#include "core/istio/istio_cr.hpp"
#include "core/plugin/api.hpp"

namespace kyma::install {

int run_install(plugin::Invocation& invocation);

// The bundle root (--manifests or the installed one) after checking that it holds
// `istio_version`; throws naming what is missing, or UsageError for an unbundled version.
std::filesystem::path bundle_root_for(const plugin::Arguments& args,
                                      const std::string& istio_version);
// --timeout, a positive duration.
std::chrono::milliseconds timeout_flag(const plugin::Arguments& args);

}  // namespace kyma::install
