#pragma once
// The install command.
#include "core/plugin/api.hpp"

namespace kyma::install {

int run_install(plugin::Invocation& invocation);

}  // namespace kyma::install
