#pragma once
// What differs between the Istio releases the product ships, as data in one table: the values of
// compatibility mode (operator-behaviour.md §1.6), the k3d CNI folders (§3.7) and whether ambient
// mode can be installed. Each row follows the Kyma module release that shipped that Istio.
#include <string>
#include <utility>
#include <vector>

namespace kyma::istio {

using NameValues = std::vector<std::pair<std::string, std::string>>;

struct ReleaseTraits {
  std::string istio_minor;     // "1.23"
  std::string module_release;  // the Kyma Istio module release the row follows, "1.10.0"
  // Compatibility mode: env vars appended to the pilot container, in this order, and proxy
  // metadata set in meshConfig.defaultConfig.proxyMetadata.
  NameValues compatibility_pilot_env;
  NameValues compatibility_proxy_metadata;
  std::string k3d_cni_bin_dir;
  std::string k3d_cni_conf_dir;
  // Ambient mode needs ztunnel, which the bundles of these releases do not carry.
  bool ambient_supported = false;
};

// The row for an Istio version ("1.23.2"), chosen by its minor. Throws kyma::Error naming the
// version and the known ones when there is no row.
const ReleaseTraits& release_traits(const std::string& istio_version);

}  // namespace kyma::istio
