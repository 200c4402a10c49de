// The operator's webhook cleanup after a failed install, over HTTPS against fakekube: which tag
// webhooks it removes, and that it tries again when the API server fails it.
#include <catch2/catch.hpp>

#include "core/reconcile/tag_webhook_cleanup.hpp"
#include "tests/integration/kube/fixture.hpp"

using kyma::kube::test::fault;
using kyma::kube::test::Fixture;
using kyma::reconcile::clean_up_tag_webhooks;
using nlohmann::json;
using std::chrono::milliseconds;

namespace {

const char* const kApi = "admissionregistration.k8s.io/v1";
const char* const kList = "/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations";

json webhook_configuration(const std::string& name, json labels, bool deactivated) {
  json hook = {{"name", "rev.namespace.sidecar-injector.istio.io"},
               {"admissionReviewVersions", {"v1"}},
               {"sideEffects", "None"},
               {"clientConfig", {{"url", "https://istiod.istio-system:443/inject"}}}};
  if (deactivated) {
    hook["namespaceSelector"] = {{"matchLabels", {{"istio.io/deactivated", "never-match"}}}};
  }
  return {{"apiVersion", kApi},
          {"kind", "MutatingWebhookConfiguration"},
          {"metadata", {{"name", name}, {"labels", labels}}},
          {"webhooks", json::array({hook})}};
}

void seed(Fixture& f, bool injector_deactivated) {
  f.server.seed(webhook_configuration("istio-sidecar-injector", {{"istio.io/rev", "default"}},
                                      injector_deactivated));
  f.server.seed(webhook_configuration("istio-revision-tag-default",
                                      {{"istio.io/rev", "default"}, {"istio.io/tag", "default"}},
                                      false));
}

bool tag_exists(Fixture& f) {
  return f.server.get(kApi, "MutatingWebhookConfiguration", "", "istio-revision-tag-default")
      .has_value();
}

}  // namespace

TEST_CASE("an active injector webhook makes the cleanup remove the tag webhooks") {
  Fixture f;
  seed(f, false);
  auto client = f.client();
  CHECK(clean_up_tag_webhooks(client, 5, milliseconds(10)));
  CHECK_FALSE(tag_exists(f));
  CHECK(f.server.get(kApi, "MutatingWebhookConfiguration", "", "istio-sidecar-injector"));
}

TEST_CASE("a deactivated injector webhook leaves the tag webhooks in place") {
  Fixture f;
  seed(f, true);
  auto client = f.client();
  CHECK(clean_up_tag_webhooks(client, 5, milliseconds(10)));
  CHECK(tag_exists(f));
}

TEST_CASE("the cleanup is tried again when the API server fails it, up to its attempts") {
  Fixture f;
  seed(f, false);
  auto client = f.client();
  SECTION("two failures, then it works") {
    f.server.add_fault(fault("GET", kList, 2, 500));
    CHECK(clean_up_tag_webhooks(client, 5, milliseconds(10)));
    CHECK_FALSE(tag_exists(f));
    CHECK(f.count("GET", kList) == 4);  // two failed passes, then the injectors and the tags
  }
  SECTION("failing every time, it gives up after its attempts") {
    f.server.add_fault(fault("GET", kList, 5, 500));
    CHECK_FALSE(clean_up_tag_webhooks(client, 5, milliseconds(10)));
    CHECK(tag_exists(f));
    CHECK(f.count("GET", kList) == 5);
  }
}
