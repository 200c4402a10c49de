#include "kubectl-kyma-istio/builtin_commands.hpp"

#include <ostream>

#include <nlohmann/json.hpp>

#include "core/manifest/bundle_locator.hpp"
#include "core/manifest/yaml.hpp"
#include "core/ui/error.hpp"
#include "core/ui/table_printer.hpp"
#include "kubectl-kyma-istio/cluster_istio_probe.hpp"
#include "kubectl-kyma-istio/completion.hpp"
#include "kubectl-kyma-istio/help_text.hpp"

namespace kyma::cli {

using plugin::CommandSpec;
using plugin::FlagKind;
using plugin::Invocation;

namespace {

std::string joined_commands(const plugin::LoadedPlugin& p) {
  std::string out;
  for (const auto& c : p.plugin->commands()) out += (out.empty() ? "" : ",") + c.name;
  return out;
}

CommandSpec plugins_command(const plugin::Registry& registry) {
  return {
      "plugins",
      "List the loaded plugins",
      "Lists the feature plugins that were loaded, with their versions, files and commands. "
      "Plugins that were refused are reported on stderr.",
      "[-o table|json]",
      {{"output", "o", "Output format", FlagKind::kString, "table", {"table", "json"}, "format"}},
      false,
      [&registry](Invocation& inv) {
        if (inv.args.get_or("output", "table") == "json") {
          nlohmann::json list = nlohmann::json::array();
          for (const auto& p : registry.plugins()) {
            nlohmann::json commands = nlohmann::json::array();
            for (const auto& c : p.plugin->commands()) commands.push_back(c.name);
            list.push_back({{"name", p.info.name},
                            {"version", p.info.version},
                            {"file", p.file.string()},
                            {"commands", commands}});
          }
          *inv.out << list.dump(2) << '\n';
          return 0;
        }
        ui::TablePrinter table({"NAME", "VERSION", "COMMANDS", "FILE"});
        for (const auto& p : registry.plugins()) {
          table.add_row({p.info.name, p.info.version, joined_commands(p), p.file.string()});
        }
        table.print(*inv.out);
        return 0;
      }};
}

CommandSpec version_command() {
  return {"version",
          "Print the plugin version, the bundled Istio versions and the cluster's Istio version",
          "Prints the plugin version and the Istio versions it bundles. When a cluster is "
          "reachable it also prints the Istio version the cluster runs.",
          "[-o json|yaml]",
          {{"output", "o", "Output format", FlagKind::kString, "", {"json", "yaml"}, "format"},
           {"client", "", "Do not contact the cluster", FlagKind::kBool, "false", {}, ""}},
          false,
          [](Invocation& inv) {
            std::vector<std::string> versions;
            std::string bundle_origin = "none";
            if (auto root = manifest::locate_bundle_root(std::nullopt)) {
              versions = manifest::bundled_versions(root->path);
              bundle_origin = root->origin;
            }
            ClusterIstio cluster;
            if (inv.args.enabled("client")) {
              cluster.detail = "not asked (--client)";
            } else {
              cluster = probe_cluster_istio(inv.connection);
            }
            const std::string format = inv.args.get_or("output", "");
            if (format == "json" || format == "yaml") {
              nlohmann::ordered_json doc = {{"pluginVersion", "v" KYMA_ISTIO_VERSION},
                                            {"bundledIstio",
                                             {{"default", manifest::kDefaultIstioVersion},
                                              {"versions", versions},
                                              {"source", bundle_origin}}},
                                            {"cluster", {{"reachable", cluster.reachable}}}};
              if (!cluster.server.empty()) doc["cluster"]["server"] = cluster.server;
              if (cluster.installed) doc["cluster"]["istioInstalled"] = *cluster.installed;
              if (cluster.version) doc["cluster"]["istioVersion"] = *cluster.version;
              if (!cluster.detail.empty()) doc["cluster"]["detail"] = cluster.detail;
              if (format == "yaml") {
                *inv.out << manifest::to_yaml(nlohmann::json(doc));
              } else {
                *inv.out << doc.dump(2) << '\n';
              }
              return 0;
            }
            std::string bundled;
            for (const auto& v : versions) {
              bundled += (bundled.empty() ? "" : ", ") + v;
              if (v == manifest::kDefaultIstioVersion) bundled += " (default)";
            }
            *inv.out << "Plugin version: v" KYMA_ISTIO_VERSION "\n"
                     << "Bundled Istio: " << (bundled.empty() ? "none found" : bundled) << '\n';
            if (inv.args.enabled("client")) {
              *inv.out << "Cluster Istio: " << cluster.detail << '\n';
            } else if (!cluster.reachable) {
              *inv.out << "Cluster Istio: cluster not reachable: " << cluster.detail << '\n';
            } else if (cluster.version) {
              *inv.out << "Cluster Istio: " << *cluster.version << '\n';
            } else if (cluster.installed == false) {
              *inv.out << "Cluster Istio: not installed\n";
            } else {
              *inv.out << "Cluster Istio: unknown (" << cluster.detail << ")\n";
            }
            return 0;
          }};
}

CommandSpec completion_command() {
  CommandSpec spec{"completion",
                   "Print a shell completion script (bash or zsh)",
                   "Prints a completion script for the binary called as kubectl-kyma_istio. "
                   "`kubectl kyma-istio <TAB>` completes through the kubectl_complete-kyma_istio "
                   "helper installed next to the binary (kubectl 1.26+).",
                   "bash|zsh",
                   {},
                   false,
                   [](Invocation& inv) {
                     if (inv.args.positional().empty()) {
                       throw UsageError("completion needs a shell: bash or zsh");
                     }
                     *inv.out << completion_script(inv.args.positional()[0]);
                     return 0;
                   }};
  spec.max_args = 1;
  return spec;
}

CommandSpec help_command(const plugin::Registry& registry, const std::string& display) {
  CommandSpec spec{"help",
                   "Help about any command",
                   "Help about any command.",
                   "[command]",
                   {},
                   false,
                   [&registry, display](Invocation& inv) {
                     if (inv.args.positional().empty()) {
                       print_root_help(*inv.out, registry, display);
                       return 0;
                     }
                     const auto& name = inv.args.positional()[0];
                     const auto* cmd = registry.find(name);
                     if (!cmd) {
                       throw UsageError("unknown command \"" + name + "\" for \"" + display + "\"");
                     }
                     print_command_help(*inv.out, cmd->spec, display);
                     return 0;
                   }};
  spec.max_args = 1;
  return spec;
}

}  // namespace

void add_builtin_commands(plugin::Registry& registry, const std::string& display) {
  registry.add_builtin(plugins_command(registry));
  registry.add_builtin(version_command());
  registry.add_builtin(completion_command());
  registry.add_builtin(help_command(registry, display));
}

}  // namespace kyma::cli
