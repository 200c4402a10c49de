// kubectl-kyma_istio: loads the feature plugins, parses the command line and runs one command.
// kubectl finds this binary on PATH as the plugin `kyma-istio`; Krew installs it as a symlink.
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "core/plugin/loader.hpp"
#include "core/plugin/registry.hpp"
#include "core/reconcile/operator_stages.hpp"
#include "core/ui/error.hpp"
#include "kubectl-kyma-istio/builtin_commands.hpp"
#include "kubectl-kyma-istio/command_line.hpp"
#include "kubectl-kyma-istio/completion.hpp"
#include "kubectl-kyma-istio/connection_flag_set.hpp"
#include "kubectl-kyma-istio/help_text.hpp"

namespace {

// "kubectl-kyma_istio" -> "kubectl kyma-istio", as Krew's best practices suggest for help text.
std::string display_name(const char* argv0) {
  std::string base = std::filesystem::path(argv0 ? argv0 : "").filename().string();
  if (base.rfind("kubectl-", 0) != 0) return base.empty() ? "kubectl-kyma_istio" : base;
  std::string plugin = base.substr(8);
  for (auto& c : plugin) {
    if (c == '_') c = '-';
  }
  return "kubectl " + plugin;
}

int run(const std::vector<std::string>& tokens, kyma::plugin::Registry& registry,
        const std::string& display) {
  using kyma::UsageError;
  auto split = kyma::cli::split_command_line(tokens);
  if (!split.command) {
    if (split.help || tokens.empty()) {
      kyma::cli::print_root_help(std::cout, registry, display);
      return 0;
    }
    throw UsageError("a command is required; see '" + display + " --help'");
  }
  if (auto conflict = registry.conflict_for(*split.command)) throw kyma::Error(*conflict);
  const auto* command = registry.find(*split.command);
  if (!command || split.command->starts_with("__")) {
    throw UsageError("unknown command \"" + *split.command + "\" for \"" + display + "\"");
  }
  if (split.help) {
    kyma::cli::print_command_help(std::cout, command->spec, display);
    return 0;
  }
  kyma::plugin::Invocation invocation;
  invocation.command = command->spec.name;
  invocation.args = kyma::cli::parse_arguments(command->spec, split.rest, display);
  invocation.connection = kyma::cli::connection_flags_from(invocation.args);
  invocation.out = &std::cout;
  invocation.err = &std::cerr;
  invocation.err_is_terminal = ::isatty(STDERR_FILENO) == 1;
  invocation.stages = registry.stage_specs();
  return command->spec.run(invocation);
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  const std::string display = display_name(argc > 0 ? argv[0] : nullptr);
  std::vector<std::string> tokens(argv + (argc > 0 ? 1 : 0), argv + argc);
  const bool completing = !tokens.empty() && tokens[0] == "__complete";

  kyma::plugin::Registry registry(kyma::plugin::load_plugins(kyma::plugin::plugin_search_path()));
  kyma::cli::add_builtin_commands(registry, display);
  for (auto& stage : kyma::reconcile::operator_stages()) registry.add_builtin_stage(stage);
  if (completing) {
    // Completion output must stay clean: refusals are reported on normal runs only.
    std::vector<std::string> words(tokens.begin() + 1, tokens.end());
    kyma::cli::print_completion(std::cout, kyma::cli::complete(registry, words));
    return 0;
  }
  for (const auto& refusal : registry.refusals()) {
    std::cerr << "warning: " << refusal.line() << '\n';
  }
  for (const auto& conflict : registry.conflicts()) std::cerr << "warning: " << conflict << '\n';

  try {
    int code = run(tokens, registry, display);
    std::cout.flush();
    return code;
  } catch (const kyma::UsageError& e) {
    std::cout.flush();
    std::cerr << "error: " << e.what() << '\n';
    return kyma::to_int(e.code());
  } catch (const kyma::Error& e) {
    std::cout.flush();
    std::cerr << "error: " << e.what() << '\n';
    return kyma::to_int(e.code());
  } catch (const std::exception& e) {
    std::cout.flush();
    std::cerr << "error: " << e.what() << '\n';
    return kyma::to_int(kyma::ExitCode::kFailure);
  }
}
