#pragma once
// The binary's own commands: plugins, version, completion, help and the hidden __complete.
#include <string>

#include "core/plugin/registry.hpp"

namespace kyma::cli {

void add_builtin_commands(plugin::Registry& registry, const std::string& display);

}  // namespace kyma::cli
