#pragma once
// The default revision-tag webhooks istioctl creates after installing a default revision
// (istioctl/pkg/tag, istio-install.md §1.2 and §3.1): MutatingWebhookConfiguration
// istio-revision-tag-default and ValidatingWebhookConfiguration istiod-default-validator, based on
// the revision's canonical injector webhook (istio-sidecar-injector), which istioctl then
// deactivates so that injection is served through the tag.
#include <vector>

#include <nlohmann/json.hpp>

namespace kyma::manifest {

inline constexpr const char* kInjectorWebhookName = "istio-sidecar-injector";

// What can be done offline: the labels of the canonical webhook (all but `app`) and its
// annotations merged in, owning-resource-not-pruned=true, and the canonical webhook's service
// path on every mutating webhook. `canonical` is the installation's istio-sidecar-injector as it
// will be applied.
void prepare_tag_webhooks(std::vector<nlohmann::json>& tag_webhooks,
                          const nlohmann::json& canonical);

// What needs the cluster, for install: the live injector webhook's caBundle on every tag
// webhook, and the failure policies of a live istiod-default-validator kept (istiod switches
// them to Fail once it is ready; a Fail is left to the server rather than asserted). Either live
// object may be null (not there yet).
void apply_live_webhook_state(std::vector<nlohmann::json>& tag_webhooks,
                              const nlohmann::json* live_injector,
                              const nlohmann::json* live_default_validator);

// Sets every webhook's namespace and object selector of the injector webhook to istioctl's
// never-matching selector (istio.io/deactivated: never-match).
void deactivate_injector_webhook(nlohmann::json& injector);

}  // namespace kyma::manifest
