#include "core/plugin/common_flags.hpp"

#include "core/manifest/bundle_locator.hpp"

namespace kyma::plugin {

FlagSpec istio_version_flag(const std::string& help) {
  return {"istio-version", "", help, FlagKind::kString, manifest::kDefaultIstioVersion, {},
          "version"};
}

FlagSpec manifests_flag() {
  return {"manifests",
          "",
          "Folder with Istio bundles instead of the installed ones",
          FlagKind::kString,
          "",
          {},
          "dir"};
}

FlagSpec timeout_flag(const std::string& help) {
  return {"timeout", "", help, FlagKind::kString, "5m", {}, "duration"};
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

FlagSpec dry_run_flag(const std::string& help) {
  return {"dry-run", "", help, FlagKind::kBool, "false", {}, ""};
}

}  // namespace kyma::plugin
