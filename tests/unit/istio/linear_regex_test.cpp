#include <catch2/catch.hpp>

#include <chrono>

#include "core/istio/linear_regex.hpp"
#include "core/ui/error.hpp"

using kyma::istio::LinearRegex;

namespace {
bool search(const char* pattern, const std::string& text) {
  return LinearRegex(pattern).search(text);
}

const char* kTrustDomain = R"(^[a-z0-9]*([a-z0-9-_]*)?(\.[a-z0-9]*([a-z0-9-_]*[a-z0-9]*)?)*$)";
const char* kCpu = R"(^([0-9]+m?|[0-9]\.[0-9]{1,3})$)";
const char* kMemory = R"(^[0-9]+(((\.[0-9]+)?(E|P|T|G|M|k|Ei|Pi|Ti|Gi|Mi|Ki|m)?)|(e[0-9]+))$)";
const char* kMaxUnavailable = R"(^((100|[0-9]{1,2})%|[0-9]+)$)";
}  // namespace

TEST_CASE("linear regex: the Istio CRD's patterns accept and refuse what Go would") {
  for (const char* ok : {"100m", "4000m", "2", "0.5", "1.125"}) CHECK(search(kCpu, ok));
  for (const char* bad : {"1x", "1.5m", "0.1234", "", "m", "10.5"}) CHECK_FALSE(search(kCpu, bad));
  for (const char* ok : {"128Mi", "2Gi", "1e3", "1.5G", "100", "10m"}) CHECK(search(kMemory, ok));
  for (const char* bad : {"12Mb", "1.5.5", "Mi", "1e", "1 Gi"}) CHECK_FALSE(search(kMemory, bad));
  for (const char* ok : {"0", "25%", "100%", "7"}) CHECK(search(kMaxUnavailable, ok));
  for (const char* bad : {"101%", "%", "1.5", "-1"}) CHECK_FALSE(search(kMaxUnavailable, bad));
  for (const char* ok : {"cluster.local", "my-domain.example", "a_b.c-d", "", "x"}) {
    CHECK(search(kTrustDomain, ok));
  }
  for (const char* bad : {"Example.com", "a..B", "a b", "a/b"})
    CHECK_FALSE(search(kTrustDomain, bad));
}

TEST_CASE("linear regex: Go semantics for search, classes, repeats and groups") {
  CHECK(search("b", "abc"));  // unanchored: any part may match
  CHECK_FALSE(search("^b", "abc"));
  CHECK_FALSE(search("b$", "abc"));
  CHECK(search("c$", "abc"));
  CHECK_FALSE(search("c$", "abc\n"));  // $ is the end of the text, not of a line
  CHECK(search(R"(\Aab\z)", "ab"));
  CHECK(search("^[^a-c]+$", "xyz"));
  CHECK_FALSE(search("^[^a-c]+$", "xaz"));
  CHECK(search("^[]a]+$", "]a]"));         // "]" first in a class is a member
  CHECK(search("^[a-z0-9-_]+$", "a-_9"));  // "-" after a range is a member
  CHECK(search(R"(^[\d.]+$)", "1.2"));
  CHECK(search(R"(^\w+\s\W$)", "ab_1 !"));
  CHECK(search("^a{2,3}$", "aaa"));
  CHECK_FALSE(search("^a{2,3}$", "aaaa"));
  CHECK(search("^a{2,}$", "aaaaaa"));
  CHECK(search("^a{2}$", "aa"));
  CHECK(search("^a{,2}$", "a{,2}"));  // not a repeat: literal, as in Go
  CHECK(search("^(?:ab|cd)+?$", "abcdab"));
  CHECK(search("^(?P<x>a|b)c$", "bc"));
  CHECK(search("^(a*)*$", "aaaa"));  // an empty-matching loop terminates
  CHECK(search("^.$", "x"));
  CHECK_FALSE(search("^.$", "\n"));
  CHECK(search("^(|a)$", ""));
}

TEST_CASE("linear regex: malformed or unsupported expressions are refused") {
  CHECK_THROWS_WITH(LinearRegex("(ab"), "missing closing ): `(ab`");
  CHECK_THROWS_WITH(LinearRegex("ab)"), "unexpected ): `ab)`");
  CHECK_THROWS_WITH(LinearRegex("[ab"), "missing closing ]: `[ab`");
  CHECK_THROWS_WITH(LinearRegex("*a"), "missing argument to repetition operator: `*a`");
  CHECK_THROWS_WITH(LinearRegex("a**"), "invalid nested repetition operator: `a**`");
  CHECK_THROWS_WITH(LinearRegex("a{1001}"), "invalid repeat count: `a{1001}`");
  CHECK_THROWS_WITH(LinearRegex("a{3,2}"), "invalid repeat count: `a{3,2}`");
  CHECK_THROWS_WITH(LinearRegex("[z-a]"), "invalid character class range: `[z-a]`");
  CHECK_THROWS_WITH(LinearRegex(R"(\q)"), "invalid escape sequence \\q: `\\q`");
  CHECK_THROWS_WITH(LinearRegex("(?i)a"), "unsupported group syntax: `(?i)a`");
  CHECK_THROWS_WITH(LinearRegex("((a{1000}){1000}){1000}"),
                    Catch::Contains("expression too large"));
}

TEST_CASE("linear regex: near-misses that make backtracking engines explode are fast") {
  // std::regex needs seconds for the first and exponential time for the others.
  std::vector<std::string> inputs = {std::string(127, 'a') + "." + std::string(126, 'a') + "A",
                                     std::string(254, '.') + "A", std::string(50000, '.') + "A"};
  std::string pairs;
  for (int i = 0; i < 127; ++i) pairs += "a-";
  inputs.push_back(pairs + "A");
  LinearRegex trust_domain(kTrustDomain);
  auto start = std::chrono::steady_clock::now();
  for (const auto& input : inputs) CHECK_FALSE(trust_domain.search(input));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
}
