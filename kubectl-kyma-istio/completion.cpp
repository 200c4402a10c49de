#include "kubectl-kyma-istio/completion.hpp"

#include "core/ui/error.hpp"
#include "kubectl-kyma-istio/command_line.hpp"
#include "kubectl-kyma-istio/connection_flag_set.hpp"

namespace kyma::cli {

namespace {

constexpr int kDirectiveDefault = 0;  // the shell completes file names
constexpr int kDirectiveNoFile = 4;

const plugin::FlagSpec* flag_for_token(const std::vector<plugin::FlagSpec>& flags,
                                       const std::string& token) {
  for (const auto& f : flags) {
    if (token == "--" + f.name || (!f.shorthand.empty() && token == "-" + f.shorthand)) return &f;
  }
  return nullptr;
}

bool names_a_path(const plugin::FlagSpec& f) {
  return f.value_name == "file" || f.value_name == "dir" || f.name == "kubeconfig" ||
         f.name == "certificate-authority" || f.name == "client-certificate" ||
         f.name == "client-key" || f.name == "cache-dir";
}

void add_matching(Completion& c, const std::string& candidate, const std::string& prefix) {
  if (candidate.rfind(prefix, 0) == 0) c.candidates.push_back(candidate);
}

}  // namespace

Completion complete(const plugin::Registry& registry, const std::vector<std::string>& words) {
  Completion result;
  if (words.empty()) return complete(registry, {""});
  const std::string partial = words.back();
  const std::vector<std::string> prior(words.begin(), words.end() - 1);

  auto split = split_command_line(prior);
  const plugin::RegisteredCommand* command =
      split.command ? registry.find(*split.command) : nullptr;
  std::vector<plugin::FlagSpec> flags =
      command ? all_flags(command->spec) : connection_flag_specs();

  if (!prior.empty()) {
    if (const auto* f = flag_for_token(flags, prior.back());
        f && f->kind != plugin::FlagKind::kBool) {
      for (const auto& choice : f->choices) add_matching(result, choice, partial);
      result.directive = names_a_path(*f) ? kDirectiveDefault : kDirectiveNoFile;
      return result;
    }
  }
  if (!partial.empty() && partial[0] == '-') {
    for (const auto& f : flags) add_matching(result, "--" + f.name, partial);
    return result;
  }
  if (!split.command) {
    for (const auto* cmd : registry.commands()) {
      if (!cmd->spec.name.starts_with("__")) add_matching(result, cmd->spec.name, partial);
    }
    return result;
  }
  if (*split.command == "completion") {
    for (const char* shell : {"bash", "zsh"}) add_matching(result, shell, partial);
  } else if (*split.command == "help") {
    for (const auto* cmd : registry.commands()) {
      if (!cmd->spec.name.starts_with("__")) add_matching(result, cmd->spec.name, partial);
    }
  }
  return result;
}

void print_completion(std::ostream& out, const Completion& completion) {
  for (const auto& c : completion.candidates) out << c << '\n';
  out << ':' << completion.directive << '\n';
}

std::string completion_script(const std::string& shell) {
  if (shell == "bash") {
    return R"(# bash completion for kubectl-kyma_istio
# Load it with: source <(kubectl-kyma_istio completion bash)
_kubectl_kyma_istio() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local out directive
    out=$(kubectl-kyma_istio __complete "${COMP_WORDS[@]:1:COMP_CWORD-1}" "$cur" 2>/dev/null) || return
    directive=${out##*:}
    out=${out%:*}
    COMPREPLY=($(compgen -W "$out" -- "$cur"))
    if [[ ${#COMPREPLY[@]} -eq 0 && $directive == 0 ]]; then
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -F _kubectl_kyma_istio kubectl-kyma_istio
)";
  }
  if (shell == "zsh") {
    return R"(#compdef kubectl-kyma_istio
# zsh completion for kubectl-kyma_istio
# Load it with: source <(kubectl-kyma_istio completion zsh)
_kubectl_kyma_istio() {
    local -a lines candidates
    local directive
    lines=("${(@f)$(kubectl-kyma_istio __complete "${(@)words[2,CURRENT-1]}" "${words[CURRENT]}" 2>/dev/null)}")
    directive=${lines[-1]#:}
    candidates=(${lines[1,-2]})
    if (( ${#candidates} )); then
        compadd -a candidates
    elif [[ $directive == 0 ]]; then
        _files
    fi
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    _kubectl_kyma_istio "$@"
else
    compdef _kubectl_kyma_istio kubectl-kyma_istio
fi
)";
  }
  throw UsageError("unsupported shell \"" + shell + "\": use bash or zsh");
}

}  // namespace kyma::cli
