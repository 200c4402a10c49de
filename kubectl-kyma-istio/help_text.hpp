#pragma once
// Help screens, laid out as kubectl lays out its own.
#include <ostream>
#include <string>

#include "core/plugin/registry.hpp"

namespace kyma::cli {

void print_root_help(std::ostream& out, const plugin::Registry& registry,
                     const std::string& display);
void print_command_help(std::ostream& out, const plugin::CommandSpec& spec,
                        const std::string& display);

}  // namespace kyma::cli
