#include "core/reconcile/tag_webhook_cleanup.hpp"

#include <thread>

#include "core/ui/error.hpp"

namespace kyma::reconcile {
namespace {

using nlohmann::json;

const char* const kWebhookApi = "admissionregistration.k8s.io/v1";

bool deactivated(const json& hook) {
  const json selector = hook.value("/namespaceSelector/matchLabels"_json_pointer, json());
  return selector.is_object() && selector.value("istio.io/deactivated", "") == "never-match";
}

void clean_up_once(kube::Client& client) {
  kube::ListOptions by_revision;
  by_revision.label_selector = "istio.io/rev=default,!istio.io/tag";
  const json injectors = client.list(kWebhookApi, "MutatingWebhookConfiguration", "", by_revision);
  bool active = false;
  for (const auto& mwc : injectors["items"]) {
    for (const auto& hook : mwc.value("webhooks", json::array())) active |= !deactivated(hook);
  }
  if (!active) return;
  kube::ListOptions by_tag;
  by_tag.label_selector = "istio.io/tag=default";
  const json tagged = client.list(kWebhookApi, "MutatingWebhookConfiguration", "", by_tag);
  for (const auto& mwc : tagged["items"]) {
    client.remove(kWebhookApi, "MutatingWebhookConfiguration", "", mwc["metadata"]["name"]);
  }
}

}  // namespace

bool clean_up_tag_webhooks(kube::Client& client, int attempts, std::chrono::milliseconds delay) {
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    try {
      clean_up_once(client);
      return true;
    } catch (const Error&) {
      if (attempt < attempts) std::this_thread::sleep_for(delay);
    }
  }
  return false;
}

}  // namespace kyma::reconcile
