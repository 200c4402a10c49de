// The install plugin: `install`, `uninstall` and `manifest`.
#include "core/plugin/api.hpp"
#include "core/plugin/common_flags.hpp"
#include "core/ui/error.hpp"
#include "plugins/install/install_command.hpp"
#include "plugins/install/manifest_command.hpp"
#include "plugins/install/uninstall_command.hpp"

namespace {

using kyma::plugin::CommandSpec;
using kyma::plugin::FlagKind;
using kyma::plugin::FlagSpec;
using kyma::plugin::istio_version_flag;
using kyma::plugin::manifests_flag;
using kyma::plugin::mode_flag;
using kyma::plugin::timeout_flag;

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
        "kyma-system/default) and reconciles the cluster to it. Where the Kyma Istio operator "
        "runs (--mode auto finds kyma-system/istio-controller-manager), only the CR is written "
        "and the operator's status is followed.",
        "[-f cr.yaml] [--istio-version V] [--dry-run] [--timeout D]",
        {{"filename",
          "f",
          "Istio CR file to install from (- reads standard input)",
          FlagKind::kString,
          "",
          {},
          "file"},
         istio_version_flag("Istio version to install"),
         kyma::plugin::dry_run_flag("Show what would change; write nothing"),
         timeout_flag("How long to wait for readiness"),
         manifests_flag(),
         mode_flag()},
        true,
        kyma::install::run_install};
    CommandSpec uninstall{
        "uninstall",
        "Remove Istio, unless user Istio resources block it",
        "Runs the operator's deletion flow: lists user-created Istio resources that block "
        "deletion, otherwise deletes the installation and the CR. Where the Kyma Istio "
        "operator runs, deletes the CR and follows the operator's deletion.",
        "[--dry-run]",
        {kyma::plugin::dry_run_flag("Show what would be deleted; delete nothing"),
         timeout_flag("How long to wait"), mode_flag()},
        true,
        kyma::install::run_uninstall};
    CommandSpec manifest{
        "manifest",
        "Render the objects an install would apply (offline)",
        "Turns an Istio CR into the exact Kubernetes objects the install applies, without a "
        "cluster.",
        "[-f cr.yaml] [--istio-version V] [--profile production|evaluation] "
        "[--provider gke|k3d|aws|openstack] [--manifests DIR] [-o yaml|json]",
        {{"filename",
          "f",
          "Istio CR file to render (- reads standard input)",
          FlagKind::kString,
          "",
          {},
          "file"},
         istio_version_flag("Istio version to render"),
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
         manifests_flag()},
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
