#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "core/istio/cr_schema.hpp"
#include "core/manifest/compiled_yaml.hpp"
#include "core/ui/error.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_paths.hpp"
#include "tests/unit/istio/cr_fixtures.hpp"

using namespace kyma::istio;
using kyma::istio::test::cr_with_spec;
using kyma::istio::test::kFullSpec;

namespace {

const IstioCrSchema& schema() {
  static const IstioCrSchema loaded = IstioCrSchema::load(kyma::test::bundle_dir());
  return loaded;
}

std::vector<std::string> errors_of(const std::string& spec_yaml) {
  std::vector<std::string> out;
  for (const auto& e : schema().validate(cr_with_spec(spec_yaml))) out.push_back(e.message);
  return out;
}

}  // namespace

TEST_CASE("CR schema: the default CR and a CR setting every field pass") {
  CHECK(schema().validate(IstioCR::default_cr()).empty());
  CHECK(errors_of(kFullSpec).empty());
  CHECK(errors_of("  experimental: {enableAmbient: true}\n").empty());  // refused later
}

TEST_CASE("CR schema: a CPU value off the pattern names the field as the API server does") {
  CHECK(errors_of("  components: {pilot: {k8s: {resources: {limits: {cpu: 1x}}}}}\n") ==
        std::vector<std::string>{
            "spec.components.pilot.k8s.resources.limits.cpu: Invalid value: \"1x\": "
            "spec.components.pilot.k8s.resources.limits.cpu in body should match "
            "'^([0-9]+m?|[0-9]\\.[0-9]{1,3})$'"});
  CHECK(errors_of("  components: {proxy: {k8s: {resources: {requests: {memory: 12Mb}}}}}\n") ==
        std::vector<std::string>{
            "spec.components.proxy.k8s.resources.requests.memory: Invalid value: \"12Mb\": "
            "spec.components.proxy.k8s.resources.requests.memory in body should match "
            "'^[0-9]+(((\\.[0-9]+)?(E|P|T|G|M|k|Ei|Pi|Ti|Gi|Mi|Ki|m)?)|(e[0-9]+))$'"});
}

TEST_CASE("CR schema: enums, bounds, lengths and patterns of spec.config") {
  CHECK(errors_of("  config: {gatewayExternalTrafficPolicy: Remote}\n") ==
        std::vector<std::string>{"spec.config.gatewayExternalTrafficPolicy: Unsupported value: "
                                 "\"Remote\": supported values: \"Local\", \"Cluster\""});
  CHECK(errors_of("  config: {forwardClientCertDetails: sanitize}\n") ==
        std::vector<std::string>{
            "spec.config.forwardClientCertDetails: Unsupported value: \"sanitize\": supported "
            "values: \"APPEND_FORWARD\", \"SANITIZE_SET\", \"SANITIZE\", \"ALWAYS_FORWARD_ONLY\", "
            "\"FORWARD_ONLY\""});
  CHECK(errors_of("  config: {numTrustedProxies: -1}\n") ==
        std::vector<std::string>{"spec.config.numTrustedProxies: Invalid value: -1: "
                                 "spec.config.numTrustedProxies in body should be greater than or "
                                 "equal to 0"});
  CHECK(errors_of("  config: {numTrustedProxies: 4294967296}\n") ==
        std::vector<std::string>{"spec.config.numTrustedProxies: Invalid value: 4294967296: "
                                 "spec.config.numTrustedProxies in body should be less than or "
                                 "equal to 4.294967295e+09"});
  CHECK(errors_of("  config: {numTrustedProxies: \"1\"}\n") ==
        std::vector<std::string>{"spec.config.numTrustedProxies: Invalid value: \"string\": "
                                 "spec.config.numTrustedProxies in body must be of type integer: "
                                 "\"string\""});
  CHECK(
      errors_of("  config: {trustDomain: \"\"}\n") ==
      std::vector<std::string>{"spec.config.trustDomain: Invalid value: \"\": "
                               "spec.config.trustDomain in body should be at least 1 chars long"});
  auto upper = errors_of("  config: {trustDomain: Example.COM}\n");
  REQUIRE(upper.size() == 1);
  CHECK(upper[0] ==
        "spec.config.trustDomain: Invalid value: \"Example.COM\": spec.config.trustDomain in body "
        "should match '^[a-z0-9]*([a-z0-9-_]*)?(\\.[a-z0-9]*([a-z0-9-_]*[a-z0-9]*)?)*$'");
  auto too_long = errors_of("  config: {trustDomain: " + std::string(256, 'a') + "}\n");
  REQUIRE(too_long.size() == 1);
  CHECK_THAT(too_long[0], Catch::EndsWith("should be at most 255 chars long"));
}

TEST_CASE("CR schema: the trust domain pattern judges long near-matches") {
  // A backtracking engine needs exponential time for this one (see go_regexp_test.cpp); the
  // time is in bench_manifest.
  std::string nearly = std::string(254, '.') + "A";
  auto errors = errors_of("  config: {trustDomain: \"" + nearly + "\"}\n");
  REQUIRE(errors.size() == 1);
  CHECK_THAT(errors[0], Catch::StartsWith("spec.config.trustDomain: Invalid value: \"" + nearly));
}

TEST_CASE("CR schema: required fields and items") {
  CHECK(errors_of("  components: {pilot: {}}\n") ==
        std::vector<std::string>{"spec.components.pilot.k8s: Required value"});
  CHECK(errors_of("  components: {ingressGateway: {k8s: {strategy: {}}}}\n") ==
        std::vector<std::string>{
            "spec.components.ingressGateway.k8s.strategy.rollingUpdate: Required value"});
  CHECK(errors_of("  config: {authorizers: [{name: a, port: 80}, {service: s}]}\n") ==
        std::vector<std::string>{"spec.config.authorizers[1].name: Required value",
                                 "spec.config.authorizers[1].port: Required value"});
  CHECK(errors_of("  config: {authorizers: [{name: a, port: 2147483648}]}\n") ==
        std::vector<std::string>{"spec.config.authorizers[0].port: Invalid value: 2147483648: "
                                 "spec.config.authorizers[0].port in body should be less than or "
                                 "equal to 2.147483647e+09"});
  CHECK(errors_of("  components: {egressGateway: {k8s: {hpaSpec: {maxReplicas: -2}}}}\n") ==
        std::vector<std::string>{"spec.components.egressGateway.k8s.hpaSpec.maxReplicas: Invalid "
                                 "value: -2: spec.components.egressGateway.k8s.hpaSpec.maxReplicas "
                                 "in body should be greater than or equal to 0"});
}

TEST_CASE("CR schema: rollingUpdate is int-or-string with a pattern and the CEL rule") {
  const std::string base = "spec.components.ingressGateway.k8s.strategy.rollingUpdate.";
  auto rolling = [](const std::string& fields) {
    return errors_of("  components: {ingressGateway: {k8s: {strategy: {rollingUpdate: {" + fields +
                     "}}}}}\n");
  };
  CHECK(rolling("maxSurge: 3, maxUnavailable: 100%").empty());
  CHECK(rolling("maxUnavailable: 101%") ==
        std::vector<std::string>{
            base + "maxUnavailable: Invalid value: \"101%\": " + base +
            "maxUnavailable in body should match '^((100|[0-9]{1,2})%|[0-9]+)$'"});
  CHECK(rolling("maxSurge: -1") ==
        std::vector<std::string>{base + "maxSurge: Invalid value: \"\": must not be negative, more "
                                        "than 2147483647 or an empty string"});
  CHECK(rolling("maxSurge: 2147483648") ==
        std::vector<std::string>{base + "maxSurge: Invalid value: \"\": must not be negative, more "
                                        "than 2147483647 or an empty string"});
  CHECK(rolling("maxSurge: true") ==
        std::vector<std::string>{base + "maxSurge: Invalid value: \"boolean\": " + base +
                                 "maxSurge in body must be of type integer,string: \"boolean\""});
  // The empty string passes the rule (size() >= 0) but not the pattern.
  CHECK(rolling("maxSurge: \"\"") ==
        std::vector<std::string>{base + "maxSurge: Invalid value: \"\": " + base +
                                 "maxSurge in body should match '^[0-9]+%?$'"});
}

TEST_CASE("CR schema: unknown fields are reported as strict field validation does") {
  CHECK(
      errors_of("  foo: 1\n  config: {numTrustedProxies: 1, bar: x}\n") ==
      std::vector<std::string>{"unknown field \"spec.config.bar\"", "unknown field \"spec.foo\""});
  CHECK(errors_of("  config: {authorizers: [{name: a, port: 1, tls: true}]}\n") ==
        std::vector<std::string>{"unknown field \"spec.config.authorizers[0].tls\""});
  auto cr = IstioCR::parse(
      "apiVersion: operator.kyma-project.io/v1alpha2\nkind: Istio\nmetadata: {name: x, "
      "anything: 1}\nstatus: {state: Ready}\nspecs: {}\n",
      "cr.yaml");
  auto errors = schema().validate(cr);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "unknown field \"specs\"");
  CHECK(errors[0].path == "specs");
}

TEST_CASE("CR schema: all errors are collected and reported on one line with the file") {
  auto cr = cr_with_spec(
      "  config: {numTrustedProxies: -1, gatewayExternalTrafficPolicy: x}\n"
      "  components: {pilot: {k8s: {resources: {limits: {cpu: 1x}}}}}\n");
  auto errors = schema().validate(cr);
  CHECK(errors.size() == 3);
  try {
    throw_if_invalid(cr, errors);
    FAIL("no error thrown");
  } catch (const kyma::Error& e) {
    std::string message = e.what();
    CHECK_THAT(message, Catch::StartsWith("cr.yaml: Istio \"default\" is invalid: [spec."));
    CHECK_THAT(message, Catch::EndsWith("]"));
    CHECK(message.find('\n') == std::string::npos);
    CHECK(e.code() == kyma::ExitCode::kFailure);
  }
  auto single = cr_with_spec("  foo: 1\n");
  CHECK_THROWS_WITH(throw_if_invalid(single, schema().validate(single)),
                    "cr.yaml: Istio \"default\" is invalid: unknown field \"spec.foo\"");
  CHECK_NOTHROW(throw_if_invalid(IstioCR::default_cr(), {}));
}

TEST_CASE("CR schema: a CR without a name is refused") {
  auto cr =
      IstioCR::parse("apiVersion: operator.kyma-project.io/v1alpha2\nkind: Istio\n", "cr.yaml");
  auto errors = schema().validate(cr);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "metadata.name: Required value: name or generateName is required");
}

TEST_CASE("CR schema: a bundle without the CRD is named in the error") {
  kyma::test::TempDir dir;
  CHECK_THROWS_WITH(IstioCrSchema::load(dir.path()),
                    Catch::Contains("has no Istio CRD") && Catch::Contains(kIstioCrdFile));
  dir.write("crd/operator.kyma-project.io_istios.yaml", "kind: CustomResourceDefinition\n");
  CHECK_THROWS_WITH(IstioCrSchema::load(dir.path()),
                    Catch::Contains("no openAPIV3Schema for version v1alpha2"));
}

TEST_CASE("CR schema: the build's compiled CRD judges exactly as its YAML") {
  auto compiled_root = kyma::test::build_dir() / "lib" / "kubectl-kyma-istio" / "istio";
  REQUIRE(std::filesystem::is_regular_file(compiled_root / "crd" /
                                           "operator.kyma-project.io_istios.json"));
  auto compiled = IstioCrSchema::load(compiled_root);
  size_t errors = 0;
  for (const std::string& spec : std::vector<std::string>{
           kFullSpec, "  config: {trustDomain: Example.COM, foo: 1}\n",
           "  components: {pilot: {k8s: {resources: {limits: {cpu: 1x}}}}}\n"}) {
    INFO(spec);
    auto cr = cr_with_spec(spec);
    auto from_yaml = schema().validate(cr);
    auto from_json = compiled.validate(cr);
    REQUIRE(from_json.size() == from_yaml.size());
    for (size_t i = 0; i < from_json.size(); ++i)
      CHECK(from_json[i].message == from_yaml[i].message);
    errors += from_json.size();
  }
  CHECK(errors == 3);
}

TEST_CASE("CR schema: a current compiled CRD is read instead of the YAML, a stale one is not") {
  // A CRD whose trustDomain must be "a"s; its compiled form says "b"s instead, so which one was
  // read shows in the verdict.
  const std::string crd_yaml =
      "kind: CustomResourceDefinition\n"
      "spec:\n"
      "  versions:\n"
      "  - name: v1alpha2\n"
      "    schema:\n"
      "      openAPIV3Schema:\n"
      "        type: object\n"
      "        properties:\n"
      "          apiVersion: {type: string}\n"
      "          kind: {type: string}\n"
      "          spec:\n"
      "            type: object\n"
      "            properties:\n"
      "              config:\n"
      "                type: object\n"
      "                properties:\n"
      "                  trustDomain: {type: string, pattern: '^a+$'}\n";
  kyma::test::TempDir dir;
  auto yaml_file = dir.write("crd/operator.kyma-project.io_istios.yaml", crd_yaml);
  auto write_compiled = [&](const std::string& from_text) {
    auto compiled = kyma::manifest::compile_yaml(from_text, "crd");
    compiled["documents"][0]["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["properties"]
            ["spec"]["properties"]["config"]["properties"]["trustDomain"]["pattern"] = "^b+$";
    std::ofstream(kyma::manifest::compiled_path_for(yaml_file)) << compiled.dump();
  };
  auto a_passes = [&] {
    return IstioCrSchema::load(dir.path())
        .validate(cr_with_spec("  config: {trustDomain: aaa}\n"))
        .empty();
  };
  CHECK(a_passes());  // no compiled form: the YAML
  write_compiled(crd_yaml);
  CHECK_FALSE(a_passes());  // the compiled form
  write_compiled(crd_yaml + "# edited since\n");
  CHECK(a_passes());  // compiled from other text: the YAML again
}
