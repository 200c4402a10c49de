#include <catch2/catch.hpp>

#include "core/manifest/istiod_runtime_fields.hpp"

using kyma::manifest::leave_istiod_fields;
using nlohmann::json;

namespace {

json validator(const std::string& policy,
               const std::string& kind = "ValidatingWebhookConfiguration") {
  return {{"apiVersion", "admissionregistration.k8s.io/v1"},
          {"kind", kind},
          {"metadata", {{"name", "istio-validator-istio-system"}}},
          {"webhooks",
           json::array({{{"name", "rev.validation.istio.io"}, {"failurePolicy", policy}},
                        {{"name", "other.validation.istio.io"}, {"failurePolicy", "Ignore"}}})}};
}

}  // namespace

TEST_CASE("istiod's switch of a validating webhook to Fail is left to istiod") {
  json desired = validator("Ignore");
  json live = validator("Fail");
  leave_istiod_fields(desired, live);
  CHECK_FALSE(desired["webhooks"][0].contains("failurePolicy"));
  // The other webhook is still Ignore in the cluster: the chart's value is applied as it is.
  CHECK(desired["webhooks"][1]["failurePolicy"] == "Ignore");
}

TEST_CASE("before istiod switched it, and for what the chart sets otherwise, nothing changes") {
  json desired = validator("Ignore");
  leave_istiod_fields(desired, validator("Ignore"));
  CHECK(desired == validator("Ignore"));

  json strict = validator("Fail");
  leave_istiod_fields(strict, validator("Fail"));
  CHECK(strict == validator("Fail"));

  json mutating = validator("Ignore", "MutatingWebhookConfiguration");
  leave_istiod_fields(mutating, validator("Fail", "MutatingWebhookConfiguration"));
  CHECK(mutating == validator("Ignore", "MutatingWebhookConfiguration"));

  json without_webhooks = validator("Ignore");
  leave_istiod_fields(without_webhooks, json{{"kind", "ValidatingWebhookConfiguration"}});
  CHECK(without_webhooks == validator("Ignore"));
}
