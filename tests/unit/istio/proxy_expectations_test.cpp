#include <catch2/catch.hpp>

#include "core/istio/istio_merge.hpp"
#include "core/istio/proxy_expectations.hpp"
#include "core/ui/error.hpp"
#include "tests/support/test_paths.hpp"
#include "tests/unit/istio/cr_fixtures.hpp"

using namespace kyma::istio;

namespace {
MergedConfig merged(const IstioCR& cr, Profile profile, const std::string& version = "1.23.2") {
  MergeRequest r;
  r.bundle_root = kyma::test::bundle_dir();
  r.istio_version = version;
  r.forced_profile = profile;
  return merge_istio_config(cr, r);
}
}  // namespace

TEST_CASE("expected proxy: resources of the merged profile, with the CR's overrides") {
  auto production = merged(IstioCR::default_cr(), Profile::kProduction);
  auto resources = expected_proxy_resources(production);
  const auto& profile = production.iop["spec"]["values"]["global"]["proxy"]["resources"];
  CHECK(resources.requests_cpu == profile["requests"]["cpu"]);
  CHECK(resources.requests_memory == profile["requests"]["memory"]);
  CHECK(resources.limits_cpu == profile["limits"]["cpu"]);
  CHECK(resources.limits_memory == profile["limits"]["memory"]);

  auto evaluation = expected_proxy_resources(merged(IstioCR::default_cr(), Profile::kEvaluation));
  CHECK(evaluation.limits_memory != resources.limits_memory);  // the light profile is smaller

  auto custom = expected_proxy_resources(merged(
      test::cr_with_spec("  components: {proxy: {k8s: {resources: {limits: {cpu: 700m}}}}}\n"),
      Profile::kProduction));
  CHECK(custom.limits_cpu == "700m");
  CHECK(custom.requests_cpu == resources.requests_cpu);
}

TEST_CASE("expected proxy: all four resource values are required") {
  auto config = merged(IstioCR::default_cr(), Profile::kProduction);
  config.iop["spec"]["values"]["global"]["proxy"]["resources"]["limits"].erase("memory");
  CHECK_THROWS_WITH(expected_proxy_resources(config),
                    "the merged Istio configuration has no "
                    "spec.values.global.proxy.resources.limits.memory");
}

TEST_CASE("expected proxy: the image is <hub>/proxyv2:<tag> from the IOP") {
  for (const char* version : {"1.23.2", "1.22.3"}) {
    auto config = merged(IstioCR::default_cr(), Profile::kProduction, version);
    CHECK(expected_proxy_image(config) ==
          "europe-docker.pkg.dev/kyma-project/prod/external/istio/proxyv2:" + std::string(version) +
              "-distroless");
  }
  auto config = merged(IstioCR::default_cr(), Profile::kProduction);
  config.iop["spec"]["values"]["global"]["proxy"]["image"] = "registry.local/istio/proxyv2:x";
  CHECK(expected_proxy_image(config) == "registry.local/istio/proxyv2:x");
}
