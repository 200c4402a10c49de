#pragma once
// Flags several commands share, declared once so that their names, help and defaults agree.
#include <string>

#include "core/plugin/api.hpp"

namespace kyma::plugin {

// --istio-version V (default: the bundle's default version).
FlagSpec istio_version_flag(const std::string& help);
// --manifests DIR: another folder of Istio bundles.
FlagSpec manifests_flag();
// --timeout D: how long to wait (default 5m).
FlagSpec timeout_flag(const std::string& help);
// --mode auto|client|operator.
FlagSpec mode_flag();
// --dry-run.
FlagSpec dry_run_flag(const std::string& help);

}  // namespace kyma::plugin
