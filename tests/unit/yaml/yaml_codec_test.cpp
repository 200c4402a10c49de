#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/manifest/yaml.hpp"
#include "core/ui/error.hpp"
#include "tests/support/test_paths.hpp"

using kyma::manifest::parse_yaml;
using kyma::manifest::parse_yaml_documents;
using kyma::manifest::to_yaml;
using kyma::manifest::to_yaml_stream;
using nlohmann::json;

TEST_CASE("plain scalars resolve to the types Kubernetes tooling reads") {
  json doc = parse_yaml(R"(
n1: null
n2: ~
n3:
b1: true
b2: False
b3: yes
b4: off
i1: 42
i2: -7
i3: 0x1F
i4: 0o17
f1: 1.5
f2: 1e3
f3: .inf
f4: -.inf
s1: 1.23.2
s2: "true"
s3: '42'
s4: !!str 12
s5: hello world
s6: 10m
big: 18446744073709551615
)",
                        "scalars.yaml");
  CHECK(doc["n1"].is_null());
  CHECK(doc["n2"].is_null());
  CHECK(doc["n3"].is_null());
  CHECK(doc["b1"] == true);
  CHECK(doc["b2"] == false);
  CHECK(doc["b3"] == true);
  CHECK(doc["b4"] == false);
  CHECK(doc["i1"] == 42);
  CHECK(doc["i2"] == -7);
  CHECK(doc["i3"] == 31);
  CHECK(doc["i4"] == 15);
  CHECK(doc["f1"] == 1.5);
  CHECK(doc["f2"] == 1000.0);
  CHECK(std::isinf(doc["f3"].get<double>()));
  CHECK(doc["f4"].get<double>() < 0);
  CHECK(doc["s1"] == "1.23.2");
  CHECK(doc["s2"] == "true");
  CHECK(doc["s3"] == "42");
  CHECK(doc["s4"] == "12");
  CHECK(doc["s5"] == "hello world");
  CHECK(doc["s6"] == "10m");
  CHECK(doc["big"].is_number_unsigned());
}

TEST_CASE("comment-only documents are skipped and errors name the place") {
  auto docs = parse_yaml_documents("---\n# only a comment\n---\na: 1\n---\nb: 2\n", "m.yaml");
  REQUIRE(docs.size() == 2);
  CHECK(docs[1]["b"] == 2);

  try {
    parse_yaml("a: [1, 2\nb: 3\n", "bad.yaml");
    FAIL("expected an error");
  } catch (const kyma::Error& e) {
    CHECK(std::string(e.what()).rfind("bad.yaml:", 0) == 0);
  }
  CHECK_THROWS_AS(parse_yaml("a: 1\n---\nb: 2\n", "two.yaml"), kyma::Error);
  CHECK(parse_yaml("", "empty.yaml").is_null());
}

TEST_CASE("strings that would read as something else are quoted") {
  json value = {{"a", "true"},     {"b", "42"},    {"c", ""},        {"d", "- x"},   {"e", "a: b"},
                {"f", "x #y"},     {"g", " lead"}, {"h", "null"},    {"i", "1.5"},   {"j", "it's"},
                {"k", "tab\tx"},   {"l", "*ref"},  {"m", "-flag"},   {"n", "ends:"}, {"o", "---"},
                {"p", "0x10"},     {"q", "\x01"},  {"r", "ünïcode"}, {"s", "~"},     {"t", "yes"},
                {"u", "q\"\\\x7f"}};
  std::string text = to_yaml(value);
  CHECK(text.find("m: -flag\n") != std::string::npos);
  CHECK(text.find("q: \"\\x01\"\n") != std::string::npos);
  CHECK(text.find(R"(u: "q\"\\\x7f")") != std::string::npos);
  CHECK(text.find("a: 'true'\n") != std::string::npos);
  CHECK(parse_yaml(text, "round") == value);
}

TEST_CASE("multi-line strings are literal blocks and read back the same") {
  for (std::string s : {"a\nb", "a\nb\n", "a\n\nb\n", "a\nb\n\n\n", "  lead\nx", "x\n  \ny",
                        "line one\n  indented\n\ttab\n", "\nstarts with newline", "crlf\r\nline"}) {
    json value = {{"k", s}, {"list", {s, 1}}};
    std::string text = to_yaml(value);
    INFO(text);
    CHECK(parse_yaml(text, "round") == value);
  }
  CHECK(to_yaml(json{{"k", "a\nb\n"}}) == "k: |\n  a\n  b\n");
}

TEST_CASE("nested blocks are written as kubectl prints them") {
  json value = json::parse(R"({"spec":{"containers":[{"name":"a","ports":[{"containerPort":80}]},
    {"name":"b","args":[]}],"empty":{}},"list":[[1,2],[]],"top":null})");
  std::string text = to_yaml(value);
  CHECK(text ==
        "list:\n"
        "- - 1\n"
        "  - 2\n"
        "- []\n"
        "spec:\n"
        "  containers:\n"
        "  - name: a\n"
        "    ports:\n"
        "    - containerPort: 80\n"
        "  - args: []\n"
        "    name: b\n"
        "  empty: {}\n"
        "top: null\n");
  CHECK(parse_yaml(text, "round") == value);
  CHECK(parse_yaml_documents(to_yaml_stream({value, json{{"x", 1}}}), "s").size() == 2);
}

TEST_CASE("every rendered Istio object survives a write and a read") {
  namespace fs = std::filesystem;
  fs::path rendered = fs::path(kyma::test::bundle_dir()) / "1.23.2" / "rendered";
  size_t objects = 0;
  for (const char* file : {"base.yaml", "pilot.yaml", "ingressgateway.yaml", "cni.yaml"}) {
    std::ifstream in(rendered / file);
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    auto docs = parse_yaml_documents(text.str(), file);
    REQUIRE_FALSE(docs.empty());
    for (const auto& doc : docs) {
      REQUIRE(parse_yaml(to_yaml(doc), file) == doc);
      ++objects;
    }
  }
  CHECK(objects == 15 + 17 + 7 + 7);
}
