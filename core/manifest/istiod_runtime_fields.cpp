#include "core/manifest/istiod_runtime_fields.hpp"

#include <string>

#include "core/manifest/object_access.hpp"

namespace kyma::manifest {

using nlohmann::json;

void leave_istiod_fields(json& desired, const json& live) {
  if (kind_of(desired) != "ValidatingWebhookConfiguration") return;
  auto rendered = desired.find("webhooks");
  auto running = live.find("webhooks");
  if (rendered == desired.end() || !rendered->is_array() || running == live.end() ||
      !running->is_array()) {
    return;
  }
  for (auto& webhook : *rendered) {
    if (!webhook.is_object() || webhook.value("failurePolicy", json()) != "Ignore") continue;
    for (const auto& current : *running) {
      if (current.is_object() && current.value("name", json()) == webhook.value("name", json()) &&
          current.value("failurePolicy", json()) == "Fail") {
        webhook.erase("failurePolicy");
      }
    }
  }
}

}  // namespace kyma::manifest
