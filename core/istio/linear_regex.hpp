#pragma once
// A regular expression in Go's (RE2) syntax, matched in time linear in the input, as the API
// server matches a CRD's `pattern`. std::regex backtracks: the Istio CRD's trustDomain pattern
// takes seconds on a 255-character near-miss and exponential time on "....A", so schema patterns
// run here instead.
//
// Supported: literals, ".", escapes of punctuation, \d \D \w \W \s \S \t \n \r \f \v \A \z,
// character classes with ranges and negation, groups "(...)", "(?:...)", "(?P<n>...)",
// "(?<n>...)", alternation, the quantifiers * + ? {n} {n,} {n,m} (and their lazy forms, which do
// not change whether a match exists), and ^ $ as the start and end of the text. Matching works on
// bytes, so a character class may hold ASCII only. Flags such as "(?i)" are refused.
#include <bitset>
#include <string>
#include <string_view>
#include <vector>

namespace kyma::istio {

class LinearRegex {
 public:
  // Throws kyma::Error naming the problem when the expression is malformed or uses syntax that
  // is not supported.
  explicit LinearRegex(std::string_view pattern);

  // Go's MatchString: whether some part of `text` matches.
  bool search(std::string_view text) const;

 private:
  enum class Op : unsigned char { kByte, kSplit, kJump, kBegin, kEnd, kMatch };
  struct Inst {
    Op op;
    int x = 0;  // kSplit, kJump: target; kByte: index into classes_
    int y = 0;  // kSplit: second target
  };
  friend class LinearRegexCompiler;

  std::vector<Inst> program_;
  std::vector<std::bitset<256>> classes_;
};

}  // namespace kyma::istio
