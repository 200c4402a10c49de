#include <catch2/catch.hpp>

#include "plugins/upgrade-guard/version_guard.hpp"

using kyma::upgrade_guard::refusal;

TEST_CASE("same version, a patch and one minor up are allowed") {
  CHECK_FALSE(refusal("1.23.2-distroless", "1.23.2-distroless"));
  CHECK_FALSE(refusal("1.23.2-distroless", "1.23.2-debug"));
  CHECK_FALSE(refusal("1.23.0-distroless", "1.23.2-distroless"));
  CHECK_FALSE(refusal("1.22.3-distroless", "1.23.2-distroless"));
  CHECK_FALSE(refusal("1.22.0", "1.23.9"));
}

TEST_CASE("downgrades, skipped minors and major changes are refused with the operator's words") {
  CHECK(refusal("1.23.2-distroless", "1.22.3-distroless") ==
        "target Istio version (1.22.3-distroless) is lower than current version "
        "(1.23.2-distroless) - downgrade not supported");
  CHECK(refusal("1.21.3-distroless", "1.23.2-distroless") ==
        "target Istio version (1.23.2-distroless) is higher than current Istio version "
        "(1.21.3-distroless) - the difference between versions exceed one minor version");
  CHECK(refusal("1.23.2", "2.0.0") ==
        "target Istio version (2.0.0) is different than current Istio version (1.23.2) - major "
        "version upgrade is not supported");
}

TEST_CASE("a tag that is not strict semver refuses the update") {
  auto empty = refusal("", "1.23.2-distroless");
  REQUIRE(empty);
  CHECK_FALSE(empty->empty());
  CHECK(refusal("v1.22.3", "1.23.2"));
  CHECK(refusal("1.22", "1.23.2"));
  CHECK(refusal("1.22.3", "fake"));
}
