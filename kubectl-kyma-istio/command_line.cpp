#include "kubectl-kyma-istio/command_line.hpp"

#include <algorithm>

// kubectl's repeatable flags (--as-group) are string arrays: a comma is part of the value.
#define CXXOPTS_VECTOR_DELIMITER '\0'
#include <cxxopts.hpp>

#include "core/ui/error.hpp"
#include "kubectl-kyma-istio/connection_flag_set.hpp"

namespace kyma::cli {

using plugin::FlagKind;
using plugin::FlagSpec;

namespace {

const FlagSpec* find_long(const std::vector<FlagSpec>& flags, const std::string& name) {
  for (const auto& f : flags) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const FlagSpec* find_short(const std::vector<FlagSpec>& flags, char c) {
  for (const auto& f : flags) {
    if (f.shorthand.size() == 1 && f.shorthand[0] == c) return &f;
  }
  return nullptr;
}

bool takes_value(const FlagSpec& f) {
  return f.kind != FlagKind::kBool;
}

// kubectl (pflag) wording for the errors cxxopts would otherwise phrase its own way.
void check_tokens(const std::vector<FlagSpec>& flags, const std::vector<std::string>& tokens) {
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    if (t == "--") break;
    if (t.rfind("--", 0) == 0) {
      std::string name =
          t.substr(2, t.find('=') == std::string::npos ? std::string::npos : t.find('=') - 2);
      if (name == "help") continue;
      const FlagSpec* f = find_long(flags, name);
      if (!f) throw UsageError("unknown flag: --" + name);
      if (takes_value(*f) && t.find('=') == std::string::npos) {
        if (i + 1 >= tokens.size()) throw UsageError("flag needs an argument: --" + name);
        ++i;
      }
    } else if (t.size() > 1 && t[0] == '-') {
      for (size_t k = 1; k < t.size(); ++k) {
        if (t[k] == 'h') continue;
        const FlagSpec* f = find_short(flags, t[k]);
        if (!f) {
          throw UsageError(std::string("unknown shorthand flag: '") + t[k] + "' in " + t);
        }
        if (takes_value(*f)) {
          if (k + 1 == t.size()) {
            if (i + 1 >= tokens.size()) {
              throw UsageError(std::string("flag needs an argument: '") + t[k] + "' in -" + t[k]);
            }
            ++i;
          }
          break;  // the rest of the token is the value
        }
      }
    }
  }
}

void check_choice(const FlagSpec& f, const std::string& value) {
  if (f.choices.empty()) return;
  if (std::find(f.choices.begin(), f.choices.end(), value) != f.choices.end()) return;
  std::string allowed;
  for (const auto& c : f.choices) allowed += (allowed.empty() ? "" : ", ") + c;
  throw UsageError("invalid argument \"" + value + "\" for \"--" + f.name +
                   "\" flag: must be one of " + allowed);
}

std::string option_key(const FlagSpec& f) {
  return f.shorthand.empty() ? f.name : f.shorthand + "," + f.name;
}

}  // namespace

SplitCommandLine split_command_line(const std::vector<std::string>& tokens) {
  SplitCommandLine split;
  const auto& conn = connection_flag_specs();
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    if (t == "-h" || t == "--help") split.help = true;
    if (split.command || t.empty() || t[0] != '-') {
      if (!split.command && !t.empty()) {
        split.command = t;
      } else {
        split.rest.push_back(t);
      }
      continue;
    }
    split.rest.push_back(t);
    // A connection flag before the command consumes the next word as its value.
    bool value_follows = false;
    if (t.rfind("--", 0) == 0 && t.find('=') == std::string::npos) {
      const FlagSpec* f = find_long(conn, t.substr(2));
      value_follows = f && takes_value(*f);
    } else if (t.size() == 2 && t[0] == '-') {
      const FlagSpec* f = find_short(conn, t[1]);
      value_follows = f && takes_value(*f);
    }
    if (value_follows && i + 1 < tokens.size()) split.rest.push_back(tokens[++i]);
  }
  return split;
}

std::vector<FlagSpec> all_flags(const plugin::CommandSpec& spec) {
  std::vector<FlagSpec> flags = spec.flags;
  for (const auto& f : connection_flag_specs()) {
    if (!find_long(flags, f.name)) flags.push_back(f);
  }
  return flags;
}

plugin::Arguments parse_arguments(const plugin::CommandSpec& spec,
                                  const std::vector<std::string>& tokens,
                                  const std::string& display) {
  const std::vector<FlagSpec> flags = all_flags(spec);
  check_tokens(flags, tokens);

  cxxopts::Options options(display + " " + spec.name);
  auto adder = options.add_options();
  for (const auto& f : flags) {
    switch (f.kind) {
      case FlagKind::kBool:
        adder(option_key(f), f.help, cxxopts::value<bool>()->implicit_value("true"));
        break;
      case FlagKind::kString:
        adder(option_key(f), f.help, cxxopts::value<std::string>());
        break;
      case FlagKind::kStringList:
        adder(option_key(f), f.help, cxxopts::value<std::vector<std::string>>());
        break;
    }
  }
  adder("h,help", "help");
  adder("positional-args", "", cxxopts::value<std::vector<std::string>>());
  options.parse_positional({"positional-args"});

  std::vector<const char*> argv{display.c_str()};
  for (const auto& t : tokens) argv.push_back(t.c_str());

  plugin::Arguments args;
  try {
    auto parsed = options.parse(static_cast<int>(argv.size()), argv.data());
    for (const auto& f : flags) {
      if (!parsed.count(f.name)) continue;
      switch (f.kind) {
        case FlagKind::kBool:
          args.add(f.name, parsed[f.name].as<bool>() ? "true" : "false");
          break;
        case FlagKind::kString: {
          std::string value = parsed[f.name].as<std::string>();
          check_choice(f, value);
          args.add(f.name, value);
          break;
        }
        case FlagKind::kStringList:
          for (const auto& v : parsed[f.name].as<std::vector<std::string>>()) args.add(f.name, v);
          break;
      }
    }
    if (parsed.count("positional-args")) {
      for (const auto& v : parsed["positional-args"].as<std::vector<std::string>>()) {
        args.add_positional(v);
      }
    }
  } catch (const cxxopts::exceptions::exception& e) {
    throw UsageError(e.what());
  }
  if (spec.max_args >= 0 && static_cast<int>(args.positional().size()) > spec.max_args) {
    throw UsageError("unknown command \"" + args.positional()[static_cast<size_t>(spec.max_args)] +
                     "\" for \"" + display + " " + spec.name + "\"");
  }
  return args;
}

}  // namespace kyma::cli
