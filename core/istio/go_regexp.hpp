#pragma once
// Whether a regular expression would compile with Go's regexp package (RE2 syntax), which the
// operator uses to check proxyStatsMatcher.inclusionRegexps (operator-behaviour.md §2.4).
//
// RE2 is not available here, so this is an approximation: the RE2-only syntax (flag groups such
// as "(?i)", "(?P<name>", \A, \z, \pL) is rewritten to an ECMAScript equivalent, the Perl syntax
// RE2 refuses (lookaround, backreferences) is refused with Go's words, and the rest is compiled
// with std::regex (ECMAScript). Error texts follow Go's "error parsing regexp: <code>: `<expr>`";
// where std::regex cannot say which part is wrong, <expr> is the whole expression.
#include <optional>
#include <string>

namespace kyma::istio {

// nullopt when `expression` compiles, otherwise Go's error text.
std::optional<std::string> go_regexp_error(const std::string& expression);

}  // namespace kyma::istio
