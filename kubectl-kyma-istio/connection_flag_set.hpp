#pragma once
// kubectl's connection flags (cli-runtime ConfigFlags), accepted by every command.
#include <vector>

#include "core/kube/connection_flags.hpp"
#include "core/plugin/api.hpp"

namespace kyma::cli {

const std::vector<plugin::FlagSpec>& connection_flag_specs();
// Reads the connection flags out of parsed arguments.
kube::ConnectionFlags connection_flags_from(const plugin::Arguments& args);

}  // namespace kyma::cli
