#include "core/istio/go_regexp.hpp"

#include <algorithm>
#include <cctype>
#include <regex>
#include <vector>

namespace kyma::istio {

namespace {

std::string go_error(const std::string& code, const std::string& expr) {
  return "error parsing regexp: " + code + ": `" + expr + "`";
}

bool is_flag(char c) {
  return c == 'i' || c == 'm' || c == 's' || c == 'U' || c == '-';
}

// A counted repeat "{n}", "{n,}" or "{n,m}" starting at re[at]: sets the largest count (n, or m
// when given) and the index of "}". False when re[at] starts none of these (Go reads a literal).
bool counted_repeat(const std::string& re, size_t at, long& largest, size_t& close) {
  close = re.find('}', at);
  if (close == std::string::npos) return false;
  std::string body = re.substr(at + 1, close - at - 1);
  size_t comma = body.find(',');
  std::string low = body.substr(0, comma);
  std::string high = comma == std::string::npos ? "" : body.substr(comma + 1);
  auto digits = [](const std::string& text) {
    return !text.empty() && text.size() <= 7 &&
           text.find_first_not_of("0123456789") == std::string::npos;
  };
  if (!digits(low) || (!high.empty() && !digits(high))) return false;
  largest = std::max(std::stol(low), high.empty() ? 0L : std::stol(high));
  return true;
}

// Rewrites RE2-only syntax to ECMAScript, or returns Go's error for syntax RE2 refuses.
std::optional<std::string> to_ecmascript(const std::string& re, std::string& out) {
  size_t class_start = std::string::npos;  // where the open character class began
  for (size_t i = 0; i < re.size(); ++i) {
    char c = re[i];
    if (c == '\\' && i + 1 < re.size()) {
      char next = re[i + 1];
      if (next >= '1' && next <= '9') return go_error("invalid escape sequence", re.substr(i, 2));
      if (next == 'A' || next == 'z') {
        out += next == 'A' ? "^" : "$";
        ++i;
        continue;
      }
      if (next == 'p' || next == 'P') {
        // A Unicode class: \pL or \p{Greek}. ECMAScript has none; any class compiles the same.
        size_t end = i + 2;
        if (end < re.size() && re[end] == '{') {
          end = re.find('}', end);
          if (end == std::string::npos) {
            return go_error("invalid character class range", re.substr(i));
          }
        }
        out += next == 'p' ? "\\w" : "\\W";
        i = end;
        continue;
      }
      out += re.substr(i, 2);
      ++i;
      continue;
    }
    // Inside a character class only the escapes above matter; "[]a]" and "[^]a]" hold a "]".
    if (class_start != std::string::npos) {
      bool first = i == class_start + 1 || (i == class_start + 2 && re[class_start + 1] == '^');
      if (c == ']' && !first) class_start = std::string::npos;
      out += c;
      continue;
    }
    if (c == '[') {
      class_start = i;
      out += c;
      continue;
    }
    if (c == '{' || c == '}') {
      long count = 0;
      size_t close = 0;
      if (c == '{' && counted_repeat(re, i, count, close)) {
        out += re.substr(i, close - i + 1);
        i = close;
      } else {
        out += std::string("\\") + c;  // a brace that starts no repeat is a literal in Go
      }
      continue;
    }
    if ((c == '*' || c == '+' || c == '?') && (i == 0 || re[i - 1] == '(' || re[i - 1] == '|')) {
      return go_error("missing argument to repetition operator", std::string(1, c));
    }
    if (c == '(' && i + 1 < re.size() && re[i + 1] == '?') {
      std::string rest = re.substr(i + 2);
      if (rest.rfind("=", 0) == 0 || rest.rfind("!", 0) == 0 || rest.rfind("<=", 0) == 0 ||
          rest.rfind("<!", 0) == 0) {
        size_t len = rest[0] == '<' ? 4 : 3;
        return go_error("invalid or unsupported Perl syntax", re.substr(i, len));
      }
      if (rest.rfind("P<", 0) == 0 || rest.rfind("<", 0) == 0) {
        size_t close = re.find('>', i);
        if (close == std::string::npos) {
          return go_error("invalid named capture", re.substr(i));
        }
        out += "(";
        i = close;
        continue;
      }
      size_t j = i + 2;
      while (j < re.size() && is_flag(re[j])) ++j;
      if (j > i + 2 && j < re.size() && (re[j] == ')' || re[j] == ':')) {
        // Flags change matching, not whether the expression compiles.
        out += re[j] == ')' ? "" : "(?:";
        i = j;
        continue;
      }
    }
    out += c;
  }
  return std::nullopt;
}

// Go refuses a repeat count above 1000, also when nested repeats multiply past it; std::regex
// would instead build an automaton of that size (a{1000}{1000} is a million states).
std::optional<std::string> repeat_error(const std::string& re) {
  constexpr long kMax = 1000;
  std::vector<long> group_max{1};  // the largest repeat product inside each open group
  long last_atom = 1;              // the repeat product inside the atom just read
  bool in_class = false;
  for (size_t i = 0; i < re.size(); ++i) {
    char c = re[i];
    if (c == '\\') {
      ++i;
      last_atom = 1;
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      continue;
    }
    if (c == '[') {
      in_class = true;
      if (i + 1 < re.size() && re[i + 1] == '^') ++i;
      if (i + 1 < re.size() && re[i + 1] == ']') ++i;  // a leading "]" is a member
      last_atom = 1;
    } else if (c == '(') {
      group_max.push_back(1);
    } else if (c == ')' && group_max.size() > 1) {
      last_atom = group_max.back();
      group_max.pop_back();
    } else if (c == '{') {
      long count = 0;
      size_t close = 0;
      if (!counted_repeat(re, i, count, close)) {
        last_atom = 1;  // a literal "{"
        continue;
      }
      long product = count * last_atom;
      if (count > kMax || product > kMax) {
        return go_error("invalid repeat count", re.substr(i, close - i + 1));
      }
      group_max.back() = std::max(group_max.back(), product);
      i = close;
    } else if (c != '*' && c != '+' && c != '?' && c != '|') {
      last_atom = 1;
    }
  }
  return std::nullopt;
}

std::string describe(std::regex_constants::error_type code) {
  using namespace std::regex_constants;
  switch (code) {
    case error_paren:
      return "missing closing )";
    case error_brack:
      return "missing closing ]";
    case error_range:
      return "invalid character class range";
    case error_escape:
      return "invalid escape sequence";
    case error_badrepeat:
      return "missing argument to repetition operator";
    case error_brace:
    case error_badbrace:
      return "invalid repeat count";
    case error_ctype:
    case error_collate:
      return "invalid character class";
    default:
      return "invalid regular expression";
  }
}

}  // namespace

std::optional<std::string> go_regexp_error(const std::string& expression) {
  std::string rewritten;
  if (auto refused = to_ecmascript(expression, rewritten)) return refused;
  if (auto too_many = repeat_error(expression)) return too_many;
  try {
    std::regex compiled(rewritten, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return go_error(describe(e.code()), expression);
  }
  return std::nullopt;
}

}  // namespace kyma::istio
