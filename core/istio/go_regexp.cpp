#include "core/istio/go_regexp.hpp"

#include <re2/re2.h>

#include "core/ui/error.hpp"

// Go's regexp/syntax and RE2 share one design and, almost everywhere, one parser: the same
// syntax, the same errors and the same fragment of the expression named in each error. What
// differs, and is handled here before RE2 sees the expression:
//   - named groups: Go (since 1.22; the operator's go.mod says 1.22.5) also accepts "(?<name>",
//     allows a name twice, and reads "(?<=" / "(?<!" as a named group whose name is invalid;
//     every named group is checked by Go's rules and handed to RE2 as a plain "(";
//   - "\C" (any byte) exists in RE2 only; Go calls it an invalid escape sequence;
//   - error texts: RE2's own words ("missing ): ...") are replaced by Go's, by error code;
//   - invalid UTF-8: RE2 names no fragment; Go names the rest of the expression from the first
//     malformed byte, and reads each malformed byte of a text as U+FFFD when matching.
// Known gaps (none reachable by a sane expression): Go refuses a parse tree deeper than 1000
// levels ("expression nests too deeply"), which RE2 accepts; RE2 refuses a program larger than its
// memory budget ("expression too large" here) much earlier than Go does, because it compiles
// Unicode classes to UTF-8 byte sequences: "\pL{1000}" compiles in Go but not here (Envoy, which
// runs proxyStatsMatcher regexps with RE2, refuses far smaller programs by default); Unicode
// tables may differ by a Unicode version.

namespace kyma::istio {

namespace {

std::string go_error(std::string_view code, std::string_view part) {
  return "error parsing regexp: " + std::string(code) + ": `" + std::string(part) + "`";
}

// Go's ErrorCode text for an RE2 error code.
std::string_view go_code(RE2::ErrorCode code) {
  switch (code) {
    case RE2::ErrorBadEscape:
      return "invalid escape sequence";
    case RE2::ErrorBadCharClass:
      return "invalid character class";
    case RE2::ErrorBadCharRange:
      return "invalid character class range";
    case RE2::ErrorMissingBracket:
      return "missing closing ]";
    case RE2::ErrorMissingParen:
      return "missing closing )";
    case RE2::ErrorUnexpectedParen:
      return "unexpected )";
    case RE2::ErrorTrailingBackslash:
      return "trailing backslash at end of expression";
    case RE2::ErrorRepeatArgument:
      return "missing argument to repetition operator";
    case RE2::ErrorRepeatSize:
      return "invalid repeat count";
    case RE2::ErrorRepeatOp:
      return "invalid nested repetition operator";
    case RE2::ErrorBadPerlOp:
      return "invalid or unsupported Perl syntax";
    case RE2::ErrorBadUTF8:
      return "invalid UTF-8";
    case RE2::ErrorBadNamedCapture:
      return "invalid named capture";
    case RE2::ErrorPatternTooLarge:
      return "expression too large";
    default:
      return "regexp/syntax: internal error";
  }
}

// The length of the well-formed UTF-8 sequence at text[at], or 0 when it is malformed.
size_t utf8_sequence_length(std::string_view text, size_t at) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(at);
  if (lead < 0x80) return 1;
  size_t length = lead >= 0xC2 && lead <= 0xDF   ? 2
                  : lead >= 0xE0 && lead <= 0xEF ? 3
                  : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                 : 0;
  if (length == 0 || at + length > text.size()) return 0;
  for (size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return 0;
  }
  unsigned char second = byte(at + 1);
  if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F) ||
      (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second > 0x8F)) {
    return 0;  // overlong, surrogate or above U+10FFFF
  }
  return length;
}

size_t first_malformed_utf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    size_t length = utf8_sequence_length(text, i);
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

// `text` as Go's matcher reads it: each byte of a malformed sequence is U+FFFD.
std::string as_go_reads_it(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (size_t i = 0; i < text.size();) {
    size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text, i, length);
      i += length;
    }
  }
  return out;
}

bool is_go_capture_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    bool alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (!alnum && c != '_') return false;
  }
  return true;
}

// The index just past the escape starting at re[at] (a backslash). Braced forms (\x{..},
// \p{..}, \P{..}) run to their "}", so nothing inside them is read as syntax.
size_t escape_end(std::string_view re, size_t at) {
  if (at + 1 >= re.size()) return re.size();
  char kind = re[at + 1];
  if ((kind == 'x' || kind == 'p' || kind == 'P') && at + 2 < re.size() && re[at + 2] == '{') {
    size_t close = re.find('}', at + 3);
    return close == std::string_view::npos ? re.size() : close + 1;
  }
  return at + 2;
}

// The index just past the character class starting at re[at] ("["), or the end of the text
// when it is not closed.
size_t class_end(std::string_view re, size_t at) {
  size_t i = at + 1;
  if (i < re.size() && re[i] == '^') ++i;
  if (i < re.size() && re[i] == ']') ++i;  // a "]" first in the class is a member
  while (i < re.size() && re[i] != ']') {
    if (re[i] == '\\') {
      i = escape_end(re, i);
    } else if (re.substr(i, 2) == "[:") {
      size_t close = re.find(":]", i + 2);  // Go reads "[:name:]" up to the first ":]"
      i = close == std::string_view::npos ? i + 1 : close + 2;
    } else {
      ++i;
    }
  }
  return i < re.size() ? i + 1 : re.size();
}

// The expression RE2 should compile, or the error Go reports that RE2 would not.
struct Translation {
  std::string for_re2;
  std::optional<std::string> go_only_error;
};

RE2::Options re2_options() {
  RE2::Options options;  // UTF-8, Perl classes, ^ and $ at the ends of the text, as Go's Perl
  options.set_log_errors(false);
  return options;
}

// Go reports the first error in the expression: when RE2 finds one in the part before the
// translation's own error (`translated_prefix`), that one is reported. A group left open is no
// error in a prefix.
Translation go_only(std::string translated_prefix, std::string error) {
  RE2 prefix(translated_prefix, re2_options());
  if (!prefix.ok() && prefix.error_code() != RE2::ErrorMissingParen) {
    return {std::move(translated_prefix), std::nullopt};  // RE2 will report the earlier error
  }
  return {"", std::move(error)};
}

Translation translate(std::string_view re) {
  std::string out;
  out.reserve(re.size());
  size_t i = 0;
  while (i < re.size()) {
    char c = re[i];
    size_t next = i + 1;
    if (c == '\\' && i + 1 < re.size() && re[i + 1] == 'Q') {
      size_t end = re.find("\\E", i + 2);  // \Q...\E: literal text
      next = end == std::string_view::npos ? re.size() : end + 2;
    } else if (c == '\\' && i + 1 < re.size() && re[i + 1] == 'C') {
      return go_only(out, go_error("invalid escape sequence", "\\C"));
    } else if (c == '\\') {
      next = escape_end(re, i);
    } else if (c == '[') {
      next = class_end(re, i);
    } else if (c == '(' && re.substr(i, 2) == "(?") {
      // Go 1.22's named groups: "(?P<" needs one more character, "(?<" too; the name runs to
      // the first ">" anywhere after it.
      std::string_view rest = re.substr(i);
      bool python_form = rest.size() > 4 && rest.substr(2, 2) == "P<";
      bool dotnet_form = rest.size() > 3 && rest[2] == '<';
      if (python_form || dotnet_form) {
        size_t name_at = python_form ? 4 : 3;
        size_t close = rest.find('>');
        bool closed = close != std::string_view::npos;
        // Go checks the UTF-8 of what it read first: the name, or the rest when no ">" follows.
        std::string_view read = closed ? rest.substr(name_at, close - name_at) : rest;
        if (size_t bad = first_malformed_utf8(read); bad != std::string_view::npos) {
          return go_only(out, go_error("invalid UTF-8", read.substr(bad)));
        }
        if (!closed) return go_only(out, go_error("invalid named capture", rest));
        if (!is_go_capture_name(read)) {
          return go_only(out, go_error("invalid named capture", rest.substr(0, close + 1)));
        }
        out += '(';
        i += close + 1;
        continue;
      }
    }
    out.append(re, i, next - i);
    i = next;
  }
  return {std::move(out), std::nullopt};
}

// Compiles `expression` into `compiled`, or returns Go's error text.
std::optional<std::string> compile(std::string_view expression, std::unique_ptr<RE2>& compiled) {
  Translation translation = translate(expression);
  if (translation.go_only_error) return translation.go_only_error;
  auto re = std::make_unique<RE2>(translation.for_re2, re2_options());
  if (re->ok()) {
    compiled = std::move(re);
    return std::nullopt;
  }
  std::string part = re->error_arg();
  if (re->error_code() == RE2::ErrorBadUTF8) {
    size_t at = first_malformed_utf8(expression);
    part = at == std::string_view::npos ? "" : std::string(expression.substr(at));
  } else if (re->error_code() == RE2::ErrorMissingParen ||
             re->error_code() == RE2::ErrorUnexpectedParen ||
             re->error_code() == RE2::ErrorPatternTooLarge) {
    part = expression;  // errors about the whole expression name it as it was written
  }
  return go_error(go_code(re->error_code()), part);
}

}  // namespace

GoRegexp::GoRegexp(std::string_view expression) : expression_(expression) {
  if (auto problem = compile(expression, compiled_)) throw Error(*problem);
}

GoRegexp::GoRegexp(GoRegexp&&) noexcept = default;
GoRegexp& GoRegexp::operator=(GoRegexp&&) noexcept = default;
GoRegexp::~GoRegexp() = default;

bool GoRegexp::match(std::string_view text) const {
  if (first_malformed_utf8(text) != std::string_view::npos) {
    std::string readable = as_go_reads_it(text);
    return RE2::PartialMatch(readable, *compiled_);
  }
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *compiled_);
}

std::optional<std::string> go_regexp_error(std::string_view expression) {
  std::unique_ptr<RE2> compiled;
  return compile(expression, compiled);
}

}  // namespace kyma::istio
