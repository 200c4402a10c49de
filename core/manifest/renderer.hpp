#pragma once
// Turns a merged configuration (core/istio/merged_config.hpp) and the pre-rendered bundle of its
// Istio version and profile into the installation, the way istioctl 1.23 and the Kyma operator
// build it (istio-install.md §1.4, §3, §4a):
//   1. the values the merge changed, applied to the rendered objects (values_effects.hpp);
//   2. per enabled component: its k8s settings as strategic merge patches, then its
//      k8s.overlays, then istioctl's apply-time labels and Kyma's module label, then apply order;
//   3. the default-tag webhooks, and the injector webhook deactivated;
//   4. Kyma's PriorityClass and Namespace before, its resources after.
// The result is deterministic: the same inputs give the same objects, byte for byte.
#include <string>

#include "core/istio/merged_config.hpp"
#include "core/manifest/bundle.hpp"
#include "core/manifest/installation.hpp"

namespace kyma::manifest {

// This product's version: what app.kubernetes.io/version says on Kyma's objects by default.
std::string product_version();

struct RenderOptions {
  // app.kubernetes.io/version on Kyma's objects (the operator writes its own version there).
  std::string operator_version = product_version();
  // The API server port the NetworkPolicies allow (Service default/kubernetes, https).
  int api_server_port = 443;
};

// Throws kyma::Error naming the IOP field or values key that the bundle cannot render.
RenderedInstallation render_installation(const istio::MergedConfig& config, const Bundle& bundle,
                                         const RenderOptions& options = {});
// The same, taking the bundle's objects over instead of copying them (a one-shot render).
RenderedInstallation render_installation(const istio::MergedConfig& config, Bundle&& bundle,
                                         const RenderOptions& options = {});

}  // namespace kyma::manifest
