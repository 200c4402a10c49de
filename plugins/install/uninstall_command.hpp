#pragma once
// The uninstall command (operator-behaviour.md §5).
#include "core/plugin/api.hpp"

namespace kyma::install {

int run_uninstall(plugin::Invocation& invocation);

}  // namespace kyma::install
