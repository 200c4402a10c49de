#include <catch2/catch.hpp>

#include "core/istio/cr_validation.hpp"
#include "core/ui/error.hpp"
#include "tests/unit/istio/cr_fixtures.hpp"

using namespace kyma::istio;
using kyma::istio::test::cr_with_spec;
using kyma::istio::test::kFullSpec;

TEST_CASE("controller validation: a valid CR passes") {
  CHECK_FALSE(validate_for_reconcile(IstioCR::default_cr(), "1.23.2").has_value());
  CHECK_FALSE(validate_for_reconcile(cr_with_spec(kFullSpec), "1.23.2").has_value());
  CHECK_FALSE(validate_for_reconcile(cr_with_spec(kFullSpec), "1.22.3").has_value());
}

TEST_CASE("controller validation: duplicate authorizer names are a Warning") {
  auto error =
      validate_for_reconcile(cr_with_spec("  config:\n    authorizers:\n"
                                          "    - {name: a, port: 1}\n    - {name: b, port: 2}\n"
                                          "    - {name: a, port: 3}\n"),
                             "1.23.2");
  REQUIRE(error.has_value());
  CHECK(error->level == Level::kWarning);
  CHECK(error->reason == Reason::kValidationFailed);
  CHECK(error->full_description() == "Authorizer name needs to be unique: a is duplicated");
  CHECK(std::string(error->state()) == "Warning");
  // The command line names the field; the status keeps the operator's text (above).
  CHECK(error->field == "spec.config.authorizers[2].name");
  CHECK(error->command_line_text() ==
        "spec.config.authorizers[2].name: Authorizer name needs to be unique: a is duplicated");
}

TEST_CASE("controller validation: a stats regexp that Go would not compile is an Error") {
  auto error = validate_for_reconcile(
      cr_with_spec(
          "  config:\n    proxyStatsMatcher:\n      inclusionRegexps: [\"ok.*\", \"(bad\"]\n"),
      "1.23.2");
  REQUIRE(error.has_value());
  CHECK(error->level == Level::kError);
  CHECK(error->reason == Reason::kValidationFailed);
  CHECK(error->full_description() ==
        "ProxyStatsMatcher inclusionRegexps contains an invalid regular expression: \"(bad\" is "
        "not a valid regexp: error parsing regexp: missing closing ): `(bad`");
  CHECK(error->field == "spec.config.proxyStatsMatcher.inclusionRegexps[1]");
}

TEST_CASE("controller validation: stats regexps are judged by Go's RE2 syntax, not ECMAScript") {
  auto accepted = validate_for_reconcile(
      cr_with_spec("  config:\n    proxyStatsMatcher:\n      inclusionRegexps: "
                   "[\"(?P<name>x)\", \"(?<name>y)\", \"(?i)cluster\\\\..*\", \"\\\\pL+\"]\n"),
      "1.23.2");
  CHECK_FALSE(accepted.has_value());
  auto lookahead = validate_for_reconcile(
      cr_with_spec("  config:\n    proxyStatsMatcher:\n      inclusionRegexps: [\"a(?=b)\"]\n"),
      "1.23.2");
  REQUIRE(lookahead.has_value());
  CHECK(lookahead->level == Level::kError);
  CHECK(lookahead->full_description() ==
        "ProxyStatsMatcher inclusionRegexps contains an invalid regular expression: \"a(?=b)\" is "
        "not a valid regexp: error parsing regexp: invalid or unsupported Perl syntax: `(?=`");
  auto backreference = validate_for_reconcile(
      cr_with_spec("  config:\n    proxyStatsMatcher:\n      inclusionRegexps: [\"(a)\\\\1\"]\n"),
      "1.23.2");
  REQUIRE(backreference.has_value());
  CHECK(backreference->full_description() ==
        "ProxyStatsMatcher inclusionRegexps contains an invalid regular expression: \"(a)\\\\1\" "
        "is not a valid regexp: error parsing regexp: invalid escape sequence: `\\1`");
}

TEST_CASE("controller validation: ambient mode is refused for the bundled Istio releases") {
  for (const char* version : {"1.23.2", "1.22.3"}) {
    auto error =
        validate_for_reconcile(cr_with_spec("  experimental: {enableAmbient: true}\n"), version);
    REQUIRE(error.has_value());
    CHECK(error->level == Level::kError);
    CHECK(error->reason == Reason::kValidationFailed);
    CHECK(error->full_description() ==
          std::string("Ambient mode is not supported with Istio ") + version +
              ": spec.experimental.enableAmbient needs ztunnel, which the Istio " + version +
              " bundle does not include");
  }
  CHECK_FALSE(
      validate_for_reconcile(cr_with_spec("  experimental: {enableAmbient: false}\n"), "1.23.2"));
}

TEST_CASE("controller validation: checks run in the operator's order, the first failure wins") {
  auto cr = cr_with_spec(
      "  experimental: {enableAmbient: true}\n"
      "  config:\n    authorizers: [{name: a, port: 1}, {name: a, port: 1}]\n"
      "    proxyStatsMatcher: {inclusionRegexps: [\"(\"]}\n");
  CHECK(validate_for_reconcile(cr, "1.23.2")->description ==
        "Ambient mode is not supported with Istio 1.23.2");
  auto without_ambient = cr_with_spec(
      "  config:\n    authorizers: [{name: a, port: 1}, {name: a, port: 1}]\n"
      "    proxyStatsMatcher: {inclusionRegexps: [\"(\"]}\n");
  CHECK(validate_for_reconcile(without_ambient, "1.23.2")->level == Level::kWarning);
}

TEST_CASE("controller validation: an Istio release without traits is named") {
  CHECK_THROWS_WITH(
      validate_for_reconcile(cr_with_spec("  experimental: {enableAmbient: true}\n"), "1.30.2"),
      "Istio 1.30.2 is not supported by this build (supported: 1.23.x, 1.22.x)");
}
