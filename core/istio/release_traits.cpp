#include "core/istio/release_traits.hpp"

#include "core/istio/semver.hpp"
#include "core/ui/error.hpp"

namespace kyma::istio {

namespace {

const std::vector<ReleaseTraits>& table() {
  static const std::vector<ReleaseTraits> rows = {
      {
          "1.23",
          "1.10.0",
          {{"ENABLE_DELIMITED_STATS_TAG_REGEX", "false"}},
          {{"ENABLE_DEFERRED_CLUSTER_CREATION", "false"},
           {"ENABLE_DELIMITED_STATS_TAG_REGEX", "false"}},
          "/bin",
          "/var/lib/rancher/k3s/agent/etc/cni/net.d",
          false,
      },
      {
          // The Istio 1.22 behaviour changes, as module 1.8.x reverted them.
          "1.22",
          "1.8.3",
          {{"ENABLE_ENHANCED_RESOURCE_SCOPING", "false"},
           {"ENABLE_RESOLUTION_NONE_TARGET_PORT", "false"}},
          {{"ISTIO_DELTA_XDS", "false"}},
          "/bin",
          "/var/lib/rancher/k3s/agent/etc/cni/net.d",
          false,
      },
  };
  return rows;
}

}  // namespace

const ReleaseTraits& release_traits(const std::string& istio_version) {
  auto version = Semver::try_parse(istio_version);
  std::string known;
  for (const auto& row : table()) {
    if (version &&
        row.istio_minor == std::to_string(version->major) + "." + std::to_string(version->minor)) {
      return row;
    }
    known += (known.empty() ? "" : ", ") + row.istio_minor + ".x";
  }
  throw Error("Istio " + istio_version + " is not supported by this build (supported: " + known +
              ")");
}

}  // namespace kyma::istio
