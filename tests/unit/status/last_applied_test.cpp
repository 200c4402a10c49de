#include <catch2/catch.hpp>

#include "core/istio/last_applied.hpp"

using nlohmann::json;
using namespace kyma::istio;

TEST_CASE("the annotation keeps the operator's field order and always has config.telemetry") {
  json spec = json::parse(R"({"networkPoliciesEnabled":false,"config":{"numTrustedProxies":1}})");
  CHECK(
      last_applied_text(spec, "1.16.1-distroless") ==
      R"({"config":{"numTrustedProxies":1,"telemetry":{"metrics":{}}},"IstioTag":"1.16.1-distroless"})");
  json full = json::parse(
      R"({"compatibilityMode":true,"components":{"pilot":{"k8s":{}}},"config":{"trustDomain":"x"}})");
  CHECK(
      last_applied_text(full, "1.23.2-distroless") ==
      R"({"config":{"telemetry":{"metrics":{}},"trustDomain":"x"},"components":{"pilot":{"k8s":{}}},"compatibilityMode":true,"IstioTag":"1.23.2-distroless"})");
}

TEST_CASE("reading the annotation: absent, valid, or not JSON") {
  json cr = {{"metadata", {{"name", "default"}}}};
  CHECK_FALSE(read_last_applied(cr));
  cr["metadata"]["annotations"][kLastAppliedAnnotation] = R"({"IstioTag":"1.22.3"})";
  CHECK((*read_last_applied(cr))["IstioTag"] == "1.22.3");
  cr["metadata"]["annotations"][kLastAppliedAnnotation] = "{nope";
  CHECK_THROWS_WITH(read_last_applied(cr), Catch::Contains("is not a JSON object"));
}

TEST_CASE("merging single fields remembers set and unset values and keeps the tag") {
  json previous = json::parse(R"({"config":{"numTrustedProxies":2},"IstioTag":"1.22.3"})");
  json spec = json::parse(R"({"config":{"trustDomain":"td"}})");
  auto text =
      merge_last_applied(previous, spec, {"/config/numTrustedProxies", "/config/trustDomain"});
  CHECK(text ==
        R"({"config":{"telemetry":{"metrics":{}},"trustDomain":"td"},"IstioTag":"1.22.3"})");
  CHECK(last_applied_field(json::parse(text), "/config/trustDomain") == "td");
  CHECK(last_applied_field(std::nullopt, "/config/trustDomain").is_null());
}
