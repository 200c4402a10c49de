#include <catch2/catch.hpp>

#include "core/kube/quantity.hpp"

using kyma::kube::Quantity;

namespace {
Quantity q(const std::string& s) {
  auto parsed = Quantity::parse(s);
  REQUIRE(parsed);
  return *parsed;
}
}  // namespace

TEST_CASE("equal amounts in different spellings compare equal") {
  CHECK(q("100m") == q("0.1"));
  CHECK(q("1") == q("1000m"));
  CHECK(q("1Gi") == q("1073741824"));
  CHECK(q("1024Mi") == q("1Gi"));
  CHECK(q("1e3") == q("1k"));
  CHECK(q("2Gi") == q("2048Mi"));
  CHECK_FALSE(q("1G") == q("1Gi"));
  CHECK(q("192Mi") < q("1024Mi"));
}

TEST_CASE("values round up like Kubernetes' Value and MilliValue") {
  CHECK(q("4000m").value() == 4);
  CHECK(q("1.5").milli_value() == 1500);
  CHECK(q("10G").value() == 10000000000LL);
  CHECK(q("0.0001").milli_value() == 1);
  CHECK(q("250m").as_double() == Approx(0.25));
}

TEST_CASE("malformed quantities are rejected") {
  for (const char* bad : {"", "m", "1.2.3", "12x", "1Ki2", "abc", "1e", "--1"}) {
    INFO(bad);
    CHECK_FALSE(Quantity::parse(bad));
  }
}
