#include <catch2/catch.hpp>

#include "core/istio/go_regexp.hpp"

using kyma::istio::go_regexp_error;

TEST_CASE("go regexp: valid RE2 expressions compile, including RE2-only syntax") {
  for (const char* re : {".*outlier_detection.*", "cluster\\..*\\.upstream_rq_\\d+", "^a|b$",
                         "(?i)foo", "(?i:foo)bar", "(?P<name>x+)", "\\Astart\\z", "\\pL+",
                         "\\p{Greek}", "[[:alpha:]]+", "a{2,3}"}) {
    INFO(re);
    CHECK_FALSE(go_regexp_error(re).has_value());
  }
}

TEST_CASE("go regexp: errors in Go's words") {
  CHECK(go_regexp_error("(abc") == "error parsing regexp: missing closing ): `(abc`");
  CHECK(go_regexp_error("[a") == "error parsing regexp: missing closing ]: `[a`");
  CHECK(go_regexp_error("*a") ==
        "error parsing regexp: missing argument to repetition operator: `*`");
  CHECK(go_regexp_error("a|+b") ==
        "error parsing regexp: missing argument to repetition operator: `+`");
  // Inside a character class "*" is a literal.
  CHECK_FALSE(go_regexp_error("[*]").has_value());
  CHECK_FALSE(go_regexp_error("[(*]x").has_value());
  CHECK_FALSE(go_regexp_error("[]*]x").has_value());
  CHECK(go_regexp_error("a(?=b)") ==
        "error parsing regexp: invalid or unsupported Perl syntax: `(?=`");
  CHECK(go_regexp_error("a(?<!b)") ==
        "error parsing regexp: invalid or unsupported Perl syntax: `(?<!`");
  CHECK(go_regexp_error("(a)\\1") == "error parsing regexp: invalid escape sequence: `\\1`");
  CHECK(go_regexp_error("a{1001}") == "error parsing regexp: invalid repeat count: `{1001}`");
  CHECK(go_regexp_error("(a{100}){20}") == "error parsing regexp: invalid repeat count: `{20}`");
  CHECK(go_regexp_error("(a{100}b){2,20}") ==
        "error parsing regexp: invalid repeat count: `{2,20}`");
  CHECK_FALSE(go_regexp_error("(a{10}){100}").has_value());
  CHECK_FALSE(go_regexp_error("a{1000}b{1000}").has_value());
  CHECK_FALSE(go_regexp_error("a{x}").has_value());  // not a repeat
  CHECK(go_regexp_error("[z-a]") == "error parsing regexp: invalid character class range: `[z-a]`");
}
