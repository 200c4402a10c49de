#include <catch2/catch.hpp>

#include "core/istio/semver.hpp"
#include "core/ui/error.hpp"

using kyma::istio::Semver;

TEST_CASE("semver: MAJOR.MINOR.PATCH with pre-release and metadata") {
  auto v = Semver::parse("1.23.2-distroless+build.7");
  CHECK(v.major == 1);
  CHECK(v.minor == 23);
  CHECK(v.patch == 2);
  CHECK(v.pre_release == "distroless");
  CHECK(v.metadata == "build.7");
  CHECK(v.core() == "1.23.2");
  CHECK(v.to_string() == "1.23.2-distroless+build.7");
  // Only the first "-" separates the pre-release.
  CHECK(Semver::parse("1.2.3-rc-1").pre_release == "rc-1");
}

TEST_CASE("semver: go-semver's error texts") {
  CHECK_THROWS_WITH(Semver::parse("fake"), "fake is not in dotted-tri format");
  CHECK_THROWS_WITH(Semver::parse(""), " is not in dotted-tri format");
  CHECK_THROWS_WITH(Semver::parse("1.23"), "1.23 is not in dotted-tri format");
  CHECK_THROWS_WITH(Semver::parse("v1.2.3"), "strconv.ParseInt: parsing \"v1\": invalid syntax");
  CHECK_THROWS_WITH(Semver::parse("1.2.3.4"), "strconv.ParseInt: parsing \"3.4\": invalid syntax");
  CHECK_THROWS_WITH(Semver::parse("1.2.99999999999999999999"),
                    "strconv.ParseInt: parsing \"99999999999999999999\": value out of range");
  CHECK_THROWS_WITH(Semver::parse("1.2.3-a..b"),
                    "failed to validate pre-release: a..b is not a valid semver identifier");
  CHECK_THROWS_WITH(Semver::parse("1.2.3+x_y"),
                    "failed to validate metadata: x_y is not a valid semver identifier");
  CHECK_THROWS_AS(Semver::parse("x.y.z"), kyma::Error);
  CHECK_FALSE(Semver::try_parse("1.2").has_value());
  CHECK(Semver::try_parse("1.2.3").has_value());
}

TEST_CASE("semver: ordering as go-semver compares") {
  auto v = [](const char* s) { return Semver::parse(s); };
  CHECK(v("1.22.3") < v("1.23.2"));
  CHECK(v("1.23.2") < v("1.23.10"));
  CHECK(v("2.0.0").compare(v("1.99.99")) == 1);
  CHECK(v("1.23.2-distroless") < v("1.23.2"));   // a pre-release sorts below the release
  CHECK(v("1.0.0-2") < v("1.0.0-10"));           // numeric identifiers compare as numbers
  CHECK(v("1.0.0-10") < v("1.0.0-alpha"));       // numeric below alphanumeric
  CHECK(v("1.0.0-alpha") < v("1.0.0-alpha.1"));  // fewer identifiers below more
  CHECK(v("1.0.0-alpha.beta") < v("1.0.0-beta"));
  CHECK(v("1.0.0+a") == v("1.0.0+b"));  // metadata does not count
  CHECK(v("1.23.2-distroless").same_core(v("1.23.2-debug")));
  CHECK_FALSE(v("1.23.2").same_core(v("1.23.3")));
}
