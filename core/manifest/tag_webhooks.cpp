#include "core/manifest/tag_webhooks.hpp"

#include <string>

#include "core/manifest/install_metadata.hpp"
#include "core/manifest/object_access.hpp"

namespace kyma::manifest {

using nlohmann::json;

namespace {

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The canonical webhook's first injection webhook (name ending in sidecar-injector.istio.io).
const json* injection_webhook(const json& configuration) {
  if (!configuration.contains("webhooks") || !configuration["webhooks"].is_array()) return nullptr;
  for (const auto& webhook : configuration["webhooks"]) {
    if (ends_with(webhook.value("name", std::string()), "sidecar-injector.istio.io")) {
      return &webhook;
    }
  }
  return nullptr;
}

json* webhooks_of(json& configuration) {
  if (!configuration.contains("webhooks") || !configuration["webhooks"].is_array()) return nullptr;
  return &configuration["webhooks"];
}

}  // namespace

void prepare_tag_webhooks(std::vector<json>& tag_webhooks, const json& canonical) {
  const json canonical_labels = canonical.contains("metadata")
                                    ? canonical["metadata"].value("labels", json::object())
                                    : json::object();
  const json canonical_annotations =
      canonical.contains("metadata") ? canonical["metadata"].value("annotations", json::object())
                                     : json::object();
  const json* injector = injection_webhook(canonical);
  const json* path = nullptr;
  if (injector && injector->contains("clientConfig") &&
      (*injector)["clientConfig"].contains("service") &&
      (*injector)["clientConfig"]["service"].contains("path")) {
    path = &(*injector)["clientConfig"]["service"]["path"];
  }

  for (auto& webhook_configuration : tag_webhooks) {
    json& labels = labels_of(webhook_configuration);
    for (const auto& [key, value] : canonical_labels.items()) {
      if (key != "app") labels[key] = value;
    }
    labels[kNotPrunedLabel] = "true";
    if (!canonical_annotations.empty()) {
      json& annotations = annotations_of(webhook_configuration);
      for (const auto& [key, value] : canonical_annotations.items()) annotations[key] = value;
    }
    if (kind_of(webhook_configuration) != "MutatingWebhookConfiguration" || !path) continue;
    if (json* webhooks = webhooks_of(webhook_configuration)) {
      for (auto& webhook : *webhooks) {
        if (webhook.contains("clientConfig") && webhook["clientConfig"].contains("service")) {
          webhook["clientConfig"]["service"]["path"] = *path;
        }
      }
    }
  }
}

void apply_live_webhook_state(std::vector<json>& tag_webhooks, const json* live_injector,
                              const json* live_default_validator) {
  std::string ca_bundle;
  if (live_injector) {
    if (const json* injector = injection_webhook(*live_injector)) {
      if (injector->contains("clientConfig")) {
        ca_bundle = (*injector)["clientConfig"].value("caBundle", std::string());
      }
    }
  }
  for (auto& configuration : tag_webhooks) {
    json* webhooks = webhooks_of(configuration);
    if (!webhooks) continue;
    for (auto& webhook : *webhooks) {
      if (!ca_bundle.empty()) webhook["clientConfig"]["caBundle"] = ca_bundle;
    }
    if (kind_of(configuration) != "ValidatingWebhookConfiguration" || !live_default_validator ||
        !live_default_validator->contains("webhooks")) {
      continue;
    }
    for (const auto& live : (*live_default_validator)["webhooks"]) {
      json* webhook = find_item(*webhooks, "name", live.value("name", std::string()));
      if (!webhook) continue;
      auto policy = live.find("failurePolicy");
      if (policy == live.end() || !policy->is_string() || *policy == "Fail") {
        webhook->erase("failurePolicy");
      } else {
        (*webhook)["failurePolicy"] = *policy;
      }
    }
  }
}

void deactivate_injector_webhook(json& injector) {
  const json never_match = {{"matchLabels", {{"istio.io/deactivated", "never-match"}}}};
  if (json* webhooks = webhooks_of(injector)) {
    for (auto& webhook : *webhooks) {
      webhook["namespaceSelector"] = never_match;
      webhook["objectSelector"] = never_match;
    }
  }
}

}  // namespace kyma::manifest
