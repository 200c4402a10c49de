#include "kubectl-kyma-istio/help_text.hpp"

#include <algorithm>
#include <vector>

#include "kubectl-kyma-istio/connection_flag_set.hpp"

namespace kyma::cli {

namespace {

std::string flag_label(const plugin::FlagSpec& f) {
  std::string label = f.shorthand.empty() ? "      " : "  -" + f.shorthand + ", ";
  label += "--" + f.name;
  if (f.kind != plugin::FlagKind::kBool && !f.value_name.empty()) label += " " + f.value_name;
  return label;
}

void print_flags(std::ostream& out, const std::vector<plugin::FlagSpec>& flags) {
  size_t width = 0;
  for (const auto& f : flags) width = std::max(width, flag_label(f).size());
  for (const auto& f : flags) {
    std::string label = flag_label(f);
    out << label << std::string(width - label.size() + 3, ' ') << f.help;
    if (!f.choices.empty()) {
      std::string all;
      for (const auto& c : f.choices) all += (all.empty() ? "" : "|") + c;
      out << " (" << all << ")";
    }
    if (!f.default_value.empty() && f.kind != plugin::FlagKind::kBool) {
      out << " (default \"" << f.default_value << "\")";
    }
    out << '\n';
  }
}

}  // namespace

void print_root_help(std::ostream& out, const plugin::Registry& registry,
                     const std::string& display) {
  out << "Install, upgrade, configure and watch an Istio service mesh the way the Kyma Istio\n"
         "module does, from your machine.\n\n"
         "Available Commands:\n";
  size_t width = 0;
  for (const auto* cmd : registry.commands()) {
    if (!cmd->spec.name.starts_with("__")) width = std::max(width, cmd->spec.name.size());
  }
  for (const auto* cmd : registry.commands()) {
    if (cmd->spec.name.starts_with("__")) continue;
    out << "  " << cmd->spec.name << std::string(width - cmd->spec.name.size() + 3, ' ')
        << cmd->spec.summary << '\n';
  }
  out << "\nUsage:\n  " << display << " <command> [flags]\n\n"
      << "Every command accepts kubectl's connection flags (--kubeconfig, --context, -n, ...).\n"
      << "Use \"" << display << " <command> --help\" for more information about a command.\n";
}

void print_command_help(std::ostream& out, const plugin::CommandSpec& spec,
                        const std::string& display) {
  out << (spec.description.empty() ? spec.summary : spec.description) << "\n\n";
  out << "Usage:\n  " << display << " " << spec.name;
  if (!spec.usage.empty()) out << " " << spec.usage;
  out << " [flags]\n";
  if (!spec.flags.empty()) {
    out << "\nFlags:\n";
    print_flags(out, spec.flags);
  }
  out << "\nConnection flags (as in kubectl):\n";
  print_flags(out, connection_flag_specs());
}

}  // namespace kyma::cli
