// The install plugin: `install`, `uninstall` and `manifest`.
#include "core/plugin/api.hpp"
#include "core/ui/error.hpp"
#include "plugins/install/manifest_command.hpp"

namespace {

using kyma::plugin::CommandSpec;
using kyma::plugin::FlagKind;
using kyma::plugin::FlagSpec;

int not_yet(kyma::plugin::Invocation& inv) {
  throw kyma::Error(inv.command + " is not available in this build yet");
}

FlagSpec mode_flag() {
  return {"mode",
          "",
          "auto: follow an in-cluster Kyma operator if there is one, else act directly",
          FlagKind::kString,
          "auto",
          {"auto", "client", "operator"},
          "mode"};
}

class InstallPlugin : public kyma::plugin::Plugin {
 public:
  kyma::plugin::PluginInfo info() const override {
    return {"install", KYMA_ISTIO_VERSION, "Install, uninstall and render Istio as Kyma does"};
  }

  std::vector<CommandSpec> commands() const override {
    CommandSpec install{
        "install",
        "Install Istio from an Istio CR, as the Kyma Istio operator does",
        "Ensures the Istio CRD and CR exist (from -f, the existing CR, or the default "
        "kyma-system/default) and reconciles the cluster to it.",
        "[-f cr.yaml] [--istio-version V] [--dry-run] [--timeout D]",
        {{"filename", "f", "Istio CR to install from", FlagKind::kString, "", {}, "file"},
         {"istio-version",
          "",
          "Istio version to install",
          FlagKind::kString,
          "1.23.2",
          {},
          "version"},
         {"dry-run", "", "Show what would change; write nothing", FlagKind::kBool, "false", {}, ""},
         {"timeout", "", "How long to wait for readiness", FlagKind::kString, "5m", {}, "duration"},
         {"manifests",
          "",
          "Folder with Istio bundles instead of the installed ones",
          FlagKind::kString,
          "",
          {},
          "dir"},
         mode_flag()},
        true,
        not_yet};
    CommandSpec uninstall{
        "uninstall",
        "Remove Istio, unless user Istio resources block it",
        "Runs the operator's deletion flow: lists user-created Istio resources that block "
        "deletion, otherwise deletes the installation and the CR.",
        "[--dry-run]",
        {{"dry-run",
          "",
          "Show what would be deleted; delete nothing",
          FlagKind::kBool,
          "false",
          {},
          ""},
         {"timeout", "", "How long to wait", FlagKind::kString, "5m", {}, "duration"},
         mode_flag()},
        true,
        not_yet};
    CommandSpec manifest{
        "manifest",
        "Render the objects an install would apply (offline)",
        "Turns an Istio CR into the exact Kubernetes objects the install applies, without a "
        "cluster.",
        "[-f cr.yaml] [--istio-version V] [--profile production|evaluation] "
        "[--provider gke|k3d|aws|openstack] [--manifests DIR] [-o yaml|json]",
        {{"filename", "f", "Istio CR to render", FlagKind::kString, "", {}, "file"},
         {"istio-version",
          "",
          "Istio version to render",
          FlagKind::kString,
          "1.23.2",
          {},
          "version"},
         {"profile",
          "",
          "Kyma profile",
          FlagKind::kString,
          "production",
          {"production", "evaluation"},
          "profile"},
         {"provider",
          "",
          "Cluster provider overrides",
          FlagKind::kString,
          "",
          {"gke", "k3d", "aws", "openstack"},
          "provider"},
         {"output", "o", "Output format", FlagKind::kString, "yaml", {"yaml", "json"}, "format"},
         {"manifests",
          "",
          "Folder with Istio bundles instead of the installed ones",
          FlagKind::kString,
          "",
          {},
          "dir"}},
        false,
        kyma::install::run_manifest};
    return {install, uninstall, manifest};
  }
};

std::unique_ptr<kyma::plugin::Plugin> create() {
  return std::make_unique<InstallPlugin>();
}

}  // namespace

KYMA_ISTIO_PLUGIN(create)
