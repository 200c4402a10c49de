#include "core/reconcile/command_flags.hpp"

#include <algorithm>

#include "core/kube/duration.hpp"
#include "core/manifest/bundle_locator.hpp"
#include "core/ui/error.hpp"

namespace kyma::reconcile {

std::filesystem::path bundle_root_for(const plugin::Arguments& args,
                                      const std::string& istio_version) {
  auto root = manifest::locate_bundle_root(args.get("manifests"));
  if (!root) {
    throw Error(
        "no Istio bundle found: pass --manifests DIR, or reinstall the plugin (its "
        "lib/kubectl-kyma-istio/istio folder is missing)");
  }
  auto versions = manifest::bundled_versions(root->path);
  if (std::find(versions.begin(), versions.end(), istio_version) == versions.end()) {
    std::string list;
    for (const auto& v : versions) list += (list.empty() ? "" : ", ") + v;
    throw UsageError("--istio-version " + istio_version + ": not bundled (bundled: " + list + ")");
  }
  return root->path;
}

std::chrono::milliseconds timeout_flag(const plugin::Arguments& args) {
  std::string text = args.get_or("timeout", "5m");
  auto timeout = kube::parse_duration(text);
  if (!timeout || timeout->count() <= 0) {
    throw UsageError("invalid value \"" + text + "\" for --timeout: a duration such as 90s or 5m");
  }
  return *timeout;
}

}  // namespace kyma::reconcile
