#pragma once
// What an up-to-date sidecar looks like after a merge, for the sidecar restarter
// (operator-behaviour.md §6.4): the proxy resources of the merged IOP and the proxy image.
#include <string>

#include "core/istio/merged_config.hpp"

namespace kyma::istio {

struct ProxyResources {
  std::string requests_cpu;
  std::string requests_memory;
  std::string limits_cpu;
  std::string limits_memory;
};

// values.global.proxy.resources of the merged IOP. All four values must be there; otherwise
// throws kyma::Error naming the one that is missing.
ProxyResources expected_proxy_resources(const MergedConfig& merged);

// The image an injected istio-proxy container runs. With Istio 1.23.2 (module 1.10.0) it comes
// straight from the IOP: "<spec.hub>/<values.global.proxy.image>:<spec.tag>", the image name
// being "proxyv2"; a values.global.proxy.image that is already a full reference is used as is.
std::string expected_proxy_image(const MergedConfig& merged);

}  // namespace kyma::istio
