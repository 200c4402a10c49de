#include <catch2/catch.hpp>

#include "core/istio/schema_validator.hpp"
#include "core/ui/error.hpp"

using kyma::istio::FieldError;
using kyma::istio::go_format_float;
using kyma::istio::go_quote;
using kyma::istio::SchemaValidator;
using nlohmann::json;

namespace {

std::vector<std::string> messages(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.message);
  return out;
}

const json kSchema = json::parse(R"({
  "type": "object",
  "required": ["name"],
  "properties": {
    "name": {"type": "string", "minLength": 2, "maxLength": 4, "pattern": "^[a-z]+$"},
    "mode": {"type": "string", "enum": ["Local", "Cluster"]},
    "count": {"type": "integer", "minimum": 0, "maximum": 4294967295},
    "port": {"type": "integer", "format": "int32"},
    "ratio": {"type": "number", "exclusiveMaximum": true, "maximum": 1},
    "flag": {"type": "boolean"},
    "surge": {"anyOf": [{"type": "integer"}, {"type": "string"}], "pattern": "^[0-9]+%?$",
              "x-kubernetes-int-or-string": true,
              "x-kubernetes-validations": [{"rule": "self != 7", "message": "not seven"}]},
    "items": {"type": "array", "items": {"type": "object", "required": ["id"],
              "properties": {"id": {"type": "integer"}}}},
    "labels": {"type": "object", "additionalProperties": {"type": "string"}},
    "free": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}
  }
})");

std::vector<std::string> check(const json& value) {
  SchemaValidator validator(kSchema, {{"self != 7", [](const json& v) { return v != 7; }}});
  return messages(validator.validate(value, "spec"));
}

}  // namespace

TEST_CASE("schema: a valid object has no errors") {
  CHECK(check(json::parse(R"({"name": "abc", "mode": "Local", "count": 4294967295, "port": -5,
      "ratio": 0.5, "flag": false, "surge": "25%", "items": [{"id": 1}],
      "labels": {"a": "b"}, "free": {"anything": {"goes": 1}}})"))
            .empty());
  CHECK(check(json::parse(R"({"name": "ab", "surge": 3})")).empty());
}

TEST_CASE("schema: type errors name the field and both types") {
  CHECK(check(json::parse(R"({"name": "ab", "count": "3"})")) ==
        std::vector<std::string>{"spec.count: Invalid value: \"string\": spec.count in body must "
                                 "be of type integer: \"string\""});
  CHECK(check(json::parse(R"({"name": "ab", "count": 1.5})")) ==
        std::vector<std::string>{"spec.count: Invalid value: \"number\": spec.count in body must "
                                 "be of type integer: \"number\""});
  CHECK(check(json::parse(R"({"name": "ab", "flag": "yes"})")) ==
        std::vector<std::string>{"spec.flag: Invalid value: \"string\": spec.flag in body must be "
                                 "of type boolean: \"string\""});
  CHECK(check(json::parse(R"({"name": "ab", "surge": true})")) ==
        std::vector<std::string>{"spec.surge: Invalid value: \"boolean\": spec.surge in body must "
                                 "be of type integer,string: \"boolean\""});
  CHECK(check(json::parse(R"({"name": "ab", "items": [{"id": 1}, 5]})")) ==
        std::vector<std::string>{"spec.items[1]: Invalid value: \"integer\": spec.items[1] in body "
                                 "must be of type object: \"integer\""});
  CHECK(check(json::parse(R"([1])")) ==
        std::vector<std::string>{
            "spec: Invalid value: \"array\": spec in body must be of type object: \"array\""});
}

TEST_CASE("schema: enum, pattern, lengths and bounds in the API server's words") {
  CHECK(check(json::parse(R"({"name": "ab", "mode": "Foo"})")) ==
        std::vector<std::string>{
            "spec.mode: Unsupported value: \"Foo\": supported values: \"Local\", \"Cluster\""});
  CHECK(check(json::parse(R"({"name": "a1"})")) ==
        std::vector<std::string>{
            "spec.name: Invalid value: \"a1\": spec.name in body should match '^[a-z]+$'"});
  CHECK(check(json::parse(R"({"name": "a"})")) ==
        std::vector<std::string>{
            "spec.name: Invalid value: \"a\": spec.name in body should be at least 2 chars long"});
  CHECK(check(json::parse(R"({"name": "abcdE"})")) ==
        std::vector<std::string>{
            "spec.name: Invalid value: \"abcdE\": spec.name in body should be at most 4 chars long",
            "spec.name: Invalid value: \"abcdE\": spec.name in body should match '^[a-z]+$'"});
  CHECK(check(json::parse(R"({"name": "ab", "count": -1})")) ==
        std::vector<std::string>{"spec.count: Invalid value: -1: spec.count in body should be "
                                 "greater than or equal to 0"});
  CHECK(check(json::parse(R"({"name": "ab", "count": 4294967296})")) ==
        std::vector<std::string>{"spec.count: Invalid value: 4294967296: spec.count in body should "
                                 "be less than or equal to 4.294967295e+09"});
  CHECK(check(json::parse(R"({"name": "ab", "ratio": 1})")) ==
        std::vector<std::string>{
            "spec.ratio: Invalid value: 1: spec.ratio in body should be less than 1"});
  CHECK(check(json::parse(R"({"name": "ab", "port": 2147483648})")) ==
        std::vector<std::string>{"spec.port: Invalid value: 2147483648: spec.port in body should "
                                 "be less than or equal to 2.147483647e+09"});
}

TEST_CASE("schema: required fields, unknown fields and nulls") {
  CHECK(check(json::parse(R"({"items": [{"id": 1}, {}]})")) ==
        std::vector<std::string>{"spec.name: Required value", "spec.items[1].id: Required value"});
  // A null value is dropped, as the API server drops nulls of fields that are not nullable...
  CHECK(check(json::parse(R"({"name": "ab", "mode": null})")).empty());
  // ...but it does not satisfy "required".
  CHECK(check(json::parse(R"({"name": null})")) ==
        std::vector<std::string>{"spec.name: Required value"});
  CHECK(check(json::parse(R"({"name": "ab", "foo": 1, "items": [{"id": 1, "bar": {}}]})")) ==
        std::vector<std::string>{"unknown field \"spec.foo\"",
                                 "unknown field \"spec.items[0].bar\""});
  CHECK(check(json::parse(R"({"name": "ab", "labels": {"a": 1}})")) ==
        std::vector<std::string>{"spec.labels.a: Invalid value: \"integer\": spec.labels.a in "
                                 "body must be of type string: \"integer\""});
}

TEST_CASE("schema: int-or-string keeps the pattern for strings and runs known CEL rules") {
  CHECK(check(json::parse(R"({"name": "ab", "surge": "x"})")) ==
        std::vector<std::string>{
            "spec.surge: Invalid value: \"x\": spec.surge in body should match '^[0-9]+%?$'"});
  // The pattern applies to strings only; the rule applies to the integer.
  CHECK(check(json::parse(R"({"name": "ab", "surge": 7})")) ==
        std::vector<std::string>{"spec.surge: Invalid value: \"\": not seven"});
  // A rule the validator was not told about is not evaluated.
  SchemaValidator unaware(kSchema);
  CHECK(unaware.validate(json::parse(R"({"name": "ab", "surge": 7})"), "spec").empty());
}

TEST_CASE("schema: a pattern that does not compile is the schema's fault, found on load") {
  CHECK_THROWS_WITH(
      SchemaValidator(json::parse(R"({"type": "object", "properties": {"a": {"pattern": "(["}}})")),
      "the CRD schema's pattern '([' cannot be used: error parsing regexp: missing closing ]: `[`");
}

TEST_CASE("Go's %v for the bounds and %q for values") {
  CHECK(go_format_float(0) == "0");
  CHECK(go_format_float(1.5) == "1.5");
  CHECK(go_format_float(100000) == "100000");
  CHECK(go_format_float(1e6) == "1e+06");
  CHECK(go_format_float(2147483647) == "2.147483647e+09");
  CHECK(go_format_float(-2147483648.0) == "-2.147483648e+09");
  CHECK(go_format_float(0.0001) == "0.0001");
  CHECK(go_format_float(0.00001) == "1e-05");
  CHECK(go_quote("a\"b\\c\nd\x01") == "\"a\\\"b\\\\c\\nd\\x01\"");
}
