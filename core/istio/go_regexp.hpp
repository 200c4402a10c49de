#pragma once
// Regular expressions as Go's regexp package (Go 1.22, RE2 syntax) compiles and matches them.
// The Kubernetes API server matches CRD `pattern`s with it, the Kyma operator checks
// proxyStatsMatcher.inclusionRegexps with it (operator-behaviour.md §2.4) and matches its
// controlled-resource names with it (§5), and istioctl matches overlay path selectors with it.
//
// Built on RE2 (which Go's package reimplements): matching takes time linear in the text, so no
// pattern can hang on a near-miss. Where RE2 and Go differ, Go wins (see go_regexp.cpp).
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace kyma::istio {

class GoRegexp {
 public:
  // Throws kyma::Error with Go's text ("error parsing regexp: <code>: `<part>`") when
  // `expression` does not compile with Go's regexp.Compile.
  explicit GoRegexp(std::string_view expression);
  GoRegexp(GoRegexp&&) noexcept;
  GoRegexp& operator=(GoRegexp&&) noexcept;
  ~GoRegexp();

  // Go's MatchString: whether some part of `text` matches (unanchored; ^ and $ anchor).
  bool match(std::string_view text) const;
  const std::string& expression() const { return expression_; }

 private:
  std::string expression_;
  std::unique_ptr<re2::RE2> compiled_;
};

// nullopt when `expression` compiles with Go's regexp.Compile, otherwise Go's error text.
std::optional<std::string> go_regexp_error(std::string_view expression);

}  // namespace kyma::istio
