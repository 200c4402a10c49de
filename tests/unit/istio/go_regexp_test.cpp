#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/istio/go_regexp.hpp"
#include "core/ui/error.hpp"

using kyma::istio::go_regexp_error;
using kyma::istio::GoRegexp;

namespace {
bool search(const char* pattern, const std::string& text) {
  return GoRegexp(pattern).match(text);
}

// Patterns of the Istio CRD (crd/operator.kyma-project.io_istios.yaml).
const char* kTrustDomain = R"(^[a-z0-9]*([a-z0-9-_]*)?(\.[a-z0-9]*([a-z0-9-_]*[a-z0-9]*)?)*$)";
const char* kCpu = R"(^([0-9]+m?|[0-9]\.[0-9]{1,3})$)";
const char* kMemory = R"(^[0-9]+(((\.[0-9]+)?(E|P|T|G|M|k|Ei|Pi|Ti|Gi|Mi|Ki|m)?)|(e[0-9]+))$)";
const char* kMaxUnavailable = R"(^((100|[0-9]{1,2})%|[0-9]+)$)";
}  // namespace

TEST_CASE("go regexp: valid RE2 expressions compile, including RE2-only syntax") {
  for (const char* re :
       {".*outlier_detection.*", "cluster\\..*\\.upstream_rq_\\d+", "^a|b$", "(?i)foo",
        "(?i:foo)bar", "(?P<name>x+)", "\\Astart\\z", "\\pL+", "\\p{Greek}", "[[:alpha:]]+",
        "a{2,3}", "(?U)a+", "(?s:.)", "\\Qa.b\\E", "x{,2}", "\\x{1F600}", "[^\\pN]", ""}) {
    INFO(re);
    CHECK_FALSE(go_regexp_error(re).has_value());
  }
}

TEST_CASE("go regexp: named groups as Go 1.22 reads them") {
  // "(?<name>" is Go 1.22 syntax (the operator is built with it); a name may repeat.
  CHECK_FALSE(go_regexp_error("(?<name>x)").has_value());
  CHECK_FALSE(go_regexp_error("(?P<a>x)(?<a>y)").has_value());
  CHECK_FALSE(go_regexp_error("(?<a_1>x)*").has_value());
  CHECK(search("^(?<word>ab)+$", "abab"));
  // Literal text, not groups: inside \Q...\E and inside a class.
  CHECK(search("^\\Q(?<\\E$", "(?<"));
  CHECK(search("^[(?<]+$", "<?("));
  // The name runs to the first ">", and must be letters, digits or "_".
  CHECK(go_regexp_error("(?<a)>") == "error parsing regexp: invalid named capture: `(?<a)>`");
  CHECK(go_regexp_error("x(?P<>a)") == "error parsing regexp: invalid named capture: `(?P<>`");
  CHECK(go_regexp_error("(?<na-me>a)") ==
        "error parsing regexp: invalid named capture: `(?<na-me>`");
  CHECK(go_regexp_error("(?P<n") == "error parsing regexp: invalid named capture: `(?P<n`");
  // "(?P<" with nothing after it, and "(?P=": not a named group.
  CHECK(go_regexp_error("(?P<") ==
        "error parsing regexp: invalid or unsupported Perl syntax: `(?P`");
  CHECK(go_regexp_error("(?P<n>a)(?P=n)") ==
        "error parsing regexp: invalid or unsupported Perl syntax: `(?P`");
}

TEST_CASE("go regexp: ECMAScript and Perl syntax RE2 refuses is refused in Go's words") {
  CHECK(go_regexp_error("a(?=b)") ==
        "error parsing regexp: invalid or unsupported Perl syntax: `(?=`");
  CHECK(go_regexp_error("a(?!b)") ==
        "error parsing regexp: invalid or unsupported Perl syntax: `(?!`");
  // Since Go 1.22 a lookbehind reads as a named group with an invalid name.
  CHECK(go_regexp_error("a(?<!b)") == "error parsing regexp: invalid named capture: `(?<!b)`");
  CHECK(go_regexp_error("(?<=a)>b") == "error parsing regexp: invalid named capture: `(?<=a)>`");
  CHECK(go_regexp_error("(a)\\1") == "error parsing regexp: invalid escape sequence: `\\1`");
  CHECK(go_regexp_error("a++") == "error parsing regexp: invalid nested repetition operator: `++`");
  CHECK(go_regexp_error("\\Z") == "error parsing regexp: invalid escape sequence: `\\Z`");
  // RE2 has \C (any byte); Go does not.
  CHECK(go_regexp_error("a\\C") == "error parsing regexp: invalid escape sequence: `\\C`");
  CHECK(go_regexp_error("[\\C]") == "error parsing regexp: invalid escape sequence: `\\C`");
  CHECK(search("^\\QC\\E$", "C"));
}

TEST_CASE("go regexp: errors in Go's words") {
  CHECK(go_regexp_error("(abc") == "error parsing regexp: missing closing ): `(abc`");
  CHECK(go_regexp_error("(?<n>a") == "error parsing regexp: missing closing ): `(?<n>a`");
  CHECK(go_regexp_error("ab)") == "error parsing regexp: unexpected ): `ab)`");
  CHECK(go_regexp_error("(?<n>a))") == "error parsing regexp: unexpected ): `(?<n>a))`");
  CHECK(go_regexp_error("[a") == "error parsing regexp: missing closing ]: `[a`");
  CHECK(go_regexp_error("*a") ==
        "error parsing regexp: missing argument to repetition operator: `*`");
  CHECK(go_regexp_error("a|+b") ==
        "error parsing regexp: missing argument to repetition operator: `+`");
  CHECK(go_regexp_error("a**") == "error parsing regexp: invalid nested repetition operator: `**`");
  CHECK(go_regexp_error("a\\") ==
        "error parsing regexp: trailing backslash at end of expression: ``");
  // Inside a character class "*" is a literal.
  CHECK_FALSE(go_regexp_error("[*]").has_value());
  CHECK_FALSE(go_regexp_error("[(*]x").has_value());
  CHECK_FALSE(go_regexp_error("[]*]x").has_value());
  CHECK(go_regexp_error("a{1001}") == "error parsing regexp: invalid repeat count: `{1001}`");
  CHECK(go_regexp_error("a{3,2}") == "error parsing regexp: invalid repeat count: `{3,2}`");
  CHECK(go_regexp_error("(a{100}){20}") == "error parsing regexp: invalid repeat count: `{20}`");
  CHECK(go_regexp_error("(a{100}b){2,20}") ==
        "error parsing regexp: invalid repeat count: `{2,20}`");
  CHECK(go_regexp_error("((a{1000}){1000}){1000}") ==
        "error parsing regexp: invalid repeat count: `{1000}`");
  CHECK_FALSE(go_regexp_error("(a{10}){100}").has_value());
  CHECK_FALSE(go_regexp_error("a{1000}b{1000}").has_value());
  CHECK_FALSE(go_regexp_error("a{x}").has_value());  // not a repeat
  // Go names the range, not the class.
  CHECK(go_regexp_error("[z-a]") == "error parsing regexp: invalid character class range: `z-a`");
  CHECK(go_regexp_error("[[:foo:]]") ==
        "error parsing regexp: invalid character class range: `[:foo:]`");
  CHECK(go_regexp_error("\\p{Foo}") ==
        "error parsing regexp: invalid character class range: `\\p{Foo}`");
  CHECK(go_regexp_error("\\x{110000}") ==
        "error parsing regexp: invalid escape sequence: `\\x{110000`");
}

TEST_CASE("go regexp: the first error in the expression is the one reported") {
  // The translation's own errors (\C, named groups) wait for RE2's earlier ones.
  CHECK(go_regexp_error("*\\C") ==
        "error parsing regexp: missing argument to repetition operator: `*`");
  CHECK(go_regexp_error("(a{100}){20}(?<!x)") ==
        "error parsing regexp: invalid repeat count: `{20}`");
  CHECK(go_regexp_error("a)(?<!x)") == "error parsing regexp: unexpected ): `a)(?<!x)`");
  // An open group before them is no error yet.
  CHECK(go_regexp_error("(a\\C)") == "error parsing regexp: invalid escape sequence: `\\C`");
  CHECK(go_regexp_error("(?<n>a(?<!b))") ==
        "error parsing regexp: invalid named capture: `(?<!b))`");
}

TEST_CASE("go regexp: malformed UTF-8") {
  CHECK(go_regexp_error("ab\xff"
                        "cd") ==
        "error parsing regexp: invalid UTF-8: `\xff"
        "cd`");
  CHECK(go_regexp_error("(?<n\xff"
                        "x>a)") ==
        "error parsing regexp: invalid UTF-8: `\xff"
        "x`");
  CHECK(go_regexp_error("(?<é>a)") == "error parsing regexp: invalid named capture: `(?<é>`");
  // Go reads each malformed byte of a text as U+FFFD.
  CHECK(search("^.$", "\xff"));
  CHECK(search("^a\\x{FFFD}{2}b$",
               "a\xff\xfe"
               "b"));
  CHECK_FALSE(search("^[a-z]+$", "ab\xff"));
  CHECK(search("^é$", "é"));
}

TEST_CASE("go regexp: a GoRegexp that does not compile throws Go's error") {
  CHECK_THROWS_AS(GoRegexp("(?=x)"), kyma::Error);
  CHECK_THROWS_WITH(GoRegexp("(?=x)"),
                    "error parsing regexp: invalid or unsupported Perl syntax: `(?=`");
  GoRegexp moved = GoRegexp("^b");
  GoRegexp target("x");
  target = std::move(moved);
  CHECK(target.expression() == "^b");
  CHECK(target.match("bc"));
}

TEST_CASE("go regexp: the Istio CRD's patterns accept and refuse what Go would") {
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

TEST_CASE("go regexp: Go semantics for search, classes, repeats and groups") {
  CHECK(search("b", "abc"));  // unanchored: any part may match
  CHECK_FALSE(search("^b", "abc"));
  CHECK_FALSE(search("b$", "abc"));
  CHECK(search("c$", "abc"));
  CHECK_FALSE(search("c$", "abc\n"));  // $ is the end of the text, not of a line
  CHECK(search("(?m)c$", "abc\n"));
  CHECK(search(R"(\Aab\z)", "ab"));
  CHECK(search("^[^a-c]+$", "xyz"));
  CHECK_FALSE(search("^[^a-c]+$", "xaz"));
  CHECK(search("^[]a]+$", "]a]"));         // "]" first in a class is a member
  CHECK(search("^[a-z0-9-_]+$", "a-_9"));  // "-" after a range is a member
  CHECK(search(R"(^[\d.]+$)", "1.2"));
  CHECK(search(R"(^\w+\s\W$)", "ab_1 !"));
  CHECK_FALSE(search(R"(^\d$)", "٣"));  // \d is ASCII only, as in Go
  CHECK(search(R"(^\pN$)", "٣"));
  CHECK(search("^a{2,3}$", "aaa"));
  CHECK_FALSE(search("^a{2,3}$", "aaaa"));
  CHECK(search("^a{2,}$", "aaaaaa"));
  CHECK(search("^a{2}$", "aa"));
  CHECK(search("^a{,2}$", "a{,2}"));  // not a repeat: literal, as in Go
  CHECK(search("^(?:ab|cd)+?$", "abcdab"));
  CHECK(search("^(?P<x>a|b)c$", "bc"));
  CHECK(search("^(a*)*$", "aaaa"));
  CHECK(search("^.$", "x"));
  CHECK_FALSE(search("^.$", "\n"));
  CHECK(search("(?s)^.$", "\n"));
  CHECK(search("(?i)^ABC$", "abc"));
  CHECK(search("^(|a)$", ""));
}

TEST_CASE("go regexp: near-misses that make backtracking engines explode complete") {
  // std::regex needs seconds for the first and exponential time for the others; RE2's time is
  // linear in the text (bench_manifest prints the figure).
  std::vector<std::string> inputs = {std::string(127, 'a') + "." + std::string(126, 'a') + "A",
                                     std::string(254, '.') + "A", std::string(50000, '.') + "A"};
  std::string pairs;
  for (int i = 0; i < 127; ++i) pairs += "a-";
  inputs.push_back(pairs + "A");
  GoRegexp trust_domain(kTrustDomain);
  for (const auto& input : inputs) CHECK_FALSE(trust_domain.match(input));
  CHECK(trust_domain.match(std::string(254, '.')));
}
