// Writing JSON values as block-style YAML (see yaml.hpp). Written by hand rather than with
// yaml-cpp's emitter because the manifest command prints ~850 KB per run and the emitter's
// node building dominated the render time.
#include <cmath>
#include <string>

#include "core/kube/text.hpp"
#include "core/manifest/yaml.hpp"
#include "core/manifest/yaml_scalar.hpp"

namespace kyma::manifest {
namespace {

bool is_control(unsigned char c) {
  return c < 0x20 || c == 0x7f;
}

bool safe_plain(const std::string& s) {
  if (s.empty()) return false;
  unsigned char first = s.front();
  unsigned char last = s.back();
  if (first == ' ' || last == ' ' || last == ':') return false;
  switch (first) {
    case '?':
    case ':':
    case ',':
    case '[':
    case ']':
    case '{':
    case '}':
    case '#':
    case '&':
    case '*':
    case '!':
    case '|':
    case '>':
    case '\'':
    case '"':
    case '%':
    case '@':
    case '`':
      return false;
    case '-':
      if (s.size() == 1 || s[1] == ' ' || s.compare(0, 3, "---") == 0) return false;
      break;
    case '.':
      if (s.compare(0, 3, "...") == 0) return false;
      break;
    default:
      break;
  }
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    if (is_control(c) || c == '\t') return false;
    if (c == ':' && i + 1 < s.size() && s[i + 1] == ' ') return false;
    if (c == '#' && i > 0 && s[i - 1] == ' ') return false;
  }
  if (s == "<<") return false;
  return !plain_scalar_is_not_string(s);
}

bool has_control(const std::string& s) {
  for (unsigned char c : s) {
    if (is_control(c)) return true;
  }
  return false;
}

void append_single_quoted(std::string& out, const std::string& s) {
  out += '\'';
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
}

void append_double_quoted(std::string& out, const std::string& s) {
  out += kube::double_quoted(s);
}

// A literal block keeps the text readable (mesh config, injection templates). It cannot carry
// carriage returns or other control characters, a first line that starts with a space (that
// would need an indentation indicator), or whitespace-only lines (read back as empty).
bool literal_block_fits(const std::string& s) {
  if (s.find('\n') == std::string::npos) return false;
  if (s.front() == ' ' || s.front() == '\n' || s.front() == '\t') return false;
  size_t line_start = 0;
  bool only_blank = true;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    if (c == '\n') {
      if (i > line_start && only_blank) return false;
      line_start = i + 1;
      only_blank = true;
      continue;
    }
    if (is_control(c) && c != '\t') return false;
    if (c != ' ' && c != '\t') only_blank = false;
  }
  return !(s.size() > line_start && only_blank);
}

void append_literal_block(std::string& out, const std::string& s, int indent) {
  size_t trailing = 0;
  while (trailing < s.size() && s[s.size() - 1 - trailing] == '\n') ++trailing;
  out += trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+";
  out += '\n';
  size_t end = s.size() - trailing;
  size_t start = 0;
  while (start <= end) {
    size_t nl = s.find('\n', start);
    if (nl == std::string::npos || nl > end) nl = end;
    if (nl > start) {
      out.append(static_cast<size_t>(indent), ' ');
      out.append(s, start, nl - start);
    }
    out += '\n';
    if (nl == end) break;
    start = nl + 1;
  }
  // Keep-chomping: the extra trailing newlines are empty lines of the block.
  for (size_t i = 1; i < trailing; ++i) out += '\n';
}

void append_string(std::string& out, const std::string& s) {
  if (safe_plain(s)) {
    out += s;
  } else if (!has_control(s)) {
    append_single_quoted(out, s);
  } else {
    append_double_quoted(out, s);
  }
}

void append_number(std::string& out, const nlohmann::json& v) {
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (std::isnan(d)) {
      out += ".nan";
      return;
    }
    if (std::isinf(d)) {
      out += d > 0 ? ".inf" : "-.inf";
      return;
    }
  }
  out += v.dump();
}

void append_scalar(std::string& out, const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::null:
      out += "null";
      break;
    case nlohmann::json::value_t::boolean:
      out += v.get<bool>() ? "true" : "false";
      break;
    case nlohmann::json::value_t::string:
      append_string(out, v.get_ref<const std::string&>());
      break;
    case nlohmann::json::value_t::object:
      out += "{}";
      break;
    case nlohmann::json::value_t::array:
      out += "[]";
      break;
    default:
      append_number(out, v);
  }
}

bool is_block(const nlohmann::json& v) {
  return (v.is_object() || v.is_array()) && !v.empty();
}

void append_node(std::string& out, const nlohmann::json& v, int indent, bool first_line_written);

// A value after "key:" or "- ": a scalar on the same line, a block below.
void append_value(std::string& out, const nlohmann::json& v, int indent, bool in_sequence) {
  if (v.is_string() && literal_block_fits(v.get_ref<const std::string&>())) {
    out += ' ';
    append_literal_block(out, v.get_ref<const std::string&>(), indent + 2);
    return;
  }
  if (!is_block(v)) {
    out += ' ';
    append_scalar(out, v);
    out += '\n';
    return;
  }
  if (in_sequence) {
    // "- key: value" continues on the dash's line, the rest of the map two columns in.
    out += ' ';
    append_node(out, v, indent + 2, true);
    return;
  }
  out += '\n';
  // Lists sit at their key's column, maps two columns in (as kubectl prints them).
  append_node(out, v, v.is_array() ? indent : indent + 2, false);
}

void append_node(std::string& out, const nlohmann::json& v, int indent, bool first_line_written) {
  bool first = true;
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (!(first && first_line_written)) out.append(static_cast<size_t>(indent), ' ');
      first = false;
      const std::string& key = it.key();
      if (key.find('\n') != std::string::npos || has_control(key)) {
        append_double_quoted(out, key);
      } else {
        append_string(out, key);
      }
      out += ':';
      append_value(out, it.value(), indent, false);
    }
    return;
  }
  for (const auto& item : v) {
    if (!(first && first_line_written)) out.append(static_cast<size_t>(indent), ' ');
    first = false;
    out += '-';
    append_value(out, item, indent, true);
  }
}

}  // namespace

void append_yaml(std::string& out, const nlohmann::json& value) {
  if (is_block(value)) {
    append_node(out, value, 0, false);
  } else if (value.is_string() && literal_block_fits(value.get_ref<const std::string&>())) {
    append_literal_block(out, value.get_ref<const std::string&>(), 2);
  } else {
    append_scalar(out, value);
    out += '\n';
  }
}

std::string to_yaml(const nlohmann::json& value) {
  std::string out;
  append_yaml(out, value);
  return out;
}

std::string to_yaml_stream(const std::vector<nlohmann::json>& documents) {
  std::string out;
  for (size_t i = 0; i < documents.size(); ++i) {
    if (i > 0) out += "---\n";
    append_yaml(out, documents[i]);
  }
  return out;
}

}  // namespace kyma::manifest
