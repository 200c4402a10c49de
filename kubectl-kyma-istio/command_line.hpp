#pragma once
// Splits the command line into a command and its flags, and parses the flags of that command
// (its own plus kubectl's connection flags) with cxxopts. Errors are kubectl-worded UsageErrors.
#include <optional>
#include <string>
#include <vector>

#include "core/plugin/api.hpp"

namespace kyma::cli {

struct SplitCommandLine {
  std::optional<std::string> command;  // first word that is not a flag or a flag's value
  std::vector<std::string> rest;       // every other token, in order
  bool help = false;                   // -h/--help given anywhere
};

SplitCommandLine split_command_line(const std::vector<std::string>& tokens);

// Parses `tokens` (without the command word) against the command's flags plus the connection
// flags. `display` is how the program calls itself in messages ("kubectl kyma-istio").
plugin::Arguments parse_arguments(const plugin::CommandSpec& spec,
                                  const std::vector<std::string>& tokens,
                                  const std::string& display);

// Every flag a command accepts: its own, then the connection flags.
std::vector<plugin::FlagSpec> all_flags(const plugin::CommandSpec& spec);

}  // namespace kyma::cli
