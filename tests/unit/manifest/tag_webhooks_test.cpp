// The default-tag webhooks: what the renderer does offline, and what install adds from the
// live cluster.
#include <catch2/catch.hpp>

#include "core/manifest/object_access.hpp"
#include "core/manifest/renderer.hpp"
#include "core/manifest/tag_webhooks.hpp"
#include "tests/unit/manifest/render_fixture.hpp"

using kyma::istio::Profile;
using kyma::manifest::apply_live_webhook_state;
using kyma::test::object_named;
using kyma::test::profile_config;
using kyma::test::render;
using nlohmann::json;

TEST_CASE("install takes the live injector's caBundle and keeps the validator's failure policy") {
  auto rendered = render(profile_config("1.23.2", Profile::kProduction));
  auto webhooks = rendered.tag_webhooks;
  json live_injector =
      object_named(rendered, "MutatingWebhookConfiguration istio-sidecar-injector");
  for (auto& webhook : live_injector["webhooks"]) webhook["clientConfig"]["caBundle"] = "Q0E=";
  json live_validator = webhooks[1];
  live_validator["webhooks"][0]["failurePolicy"] = "Fail";

  SECTION("a validator istiod already switched to Fail is left to the server") {
    apply_live_webhook_state(webhooks, &live_injector, &live_validator);
    for (const auto& configuration : webhooks) {
      for (const auto& webhook : configuration["webhooks"]) {
        CHECK(webhook["clientConfig"]["caBundle"] == "Q0E=");
      }
    }
    CHECK_FALSE(webhooks[1]["webhooks"][0].contains("failurePolicy"));
    CHECK(webhooks[0]["webhooks"][0]["failurePolicy"] == "Fail");  // the MWC is not touched
  }
  SECTION("an Ignore policy is kept") {
    live_validator["webhooks"][0]["failurePolicy"] = "Ignore";
    apply_live_webhook_state(webhooks, &live_injector, &live_validator);
    CHECK(webhooks[1]["webhooks"][0]["failurePolicy"] == "Ignore");
  }
  SECTION("nothing live yet: the rendered webhooks stay as they are") {
    auto before = webhooks;
    apply_live_webhook_state(webhooks, nullptr, nullptr);
    CHECK(webhooks == before);
  }
}

TEST_CASE("without pilot there are no tag webhooks") {
  auto config = profile_config("1.23.2", Profile::kProduction);
  config.iop["spec"]["components"]["pilot"]["enabled"] = false;
  auto rendered = render(config);
  CHECK(rendered.tag_webhooks.empty());
  for (const auto& component : rendered.components) CHECK(component.name != "Pilot");
}

TEST_CASE("NetworkPolicies allow the API server port install found") {
  auto config = profile_config("1.23.2", Profile::kProduction);
  config.network_policies_enabled = true;
  kyma::manifest::RenderOptions options;
  options.api_server_port = 6443;
  auto rendered = kyma::manifest::render_installation(
      config, kyma::test::bundle("1.23.2", Profile::kProduction), options);
  const json& cni =
      object_named(rendered, "NetworkPolicy istio-system/kyma-project.io--istio-cni-node");
  CHECK(cni["spec"]["egress"][1]["ports"][0]["port"] == 6443);
  const json& manager = object_named(
      rendered, "NetworkPolicy kyma-system/kyma-project.io--allow-istio-controller-manager");
  CHECK(manager["spec"]["egress"][1]["ports"][0]["port"] == 6443);
}
