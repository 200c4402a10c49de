#include "core/manifest/overlay_patch.hpp"

#include "core/istio/go_regexp.hpp"
#include "core/manifest/object_access.hpp"
#include "core/manifest/yaml.hpp"
#include "core/ui/error.hpp"

namespace kyma::manifest {

using nlohmann::json;
using Element = OverlayPathElement;

namespace {

// Splits on `sep` not preceded by a backslash; the backslash stays (removed by the caller).
std::vector<std::string> split_unescaped(const std::string& text, char sep) {
  std::vector<std::string> parts(1);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == sep) {
      parts.back() += text[i];
      parts.back() += text[++i];
    } else if (text[i] == sep) {
      parts.emplace_back();
    } else {
      parts.back() += text[i];
    }
  }
  return parts;
}

std::string unescape(std::string text, char escaped) {
  std::string pattern = std::string("\\") + escaped;
  for (size_t at = text.find(pattern); at != std::string::npos; at = text.find(pattern, at + 1)) {
    text.erase(at, 1);
  }
  return text;
}

Element bracket_element(const std::string& inner, const std::string& path) {
  Element element;
  if (!inner.empty() && inner.find_first_not_of("0123456789") == std::string::npos) {
    element.type = Element::Type::kIndex;
    element.index = std::stoul(inner);
    return element;
  }
  auto kv = split_unescaped(inner, ':');
  if (kv.size() == 2) {
    element.type = Element::Type::kKeyValue;
    element.key = unescape(kv[0], ':');
    element.value = unescape(kv[1], ':');
    if (element.key.empty()) throw Error("overlay path " + path + ": [" + inner + "] has no key");
    return element;
  }
  if (kv.size() > 2) {
    throw Error("overlay path " + path + ": [" + inner + "] has more than one ':' (escape as \\:)");
  }
  element.type = Element::Type::kValueMatch;
  element.value = unescape(inner, ':');
  return element;
}

// How a scalar reads in a path selector (numbers and booleans as YAML writes them).
std::string scalar_text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  return value.dump();
}

// istioctl matches with Go's regexp.MatchString (unanchored). It skips an item whose pattern does
// not compile; refusing the path says why nothing was patched.
bool matches_pattern(const std::string& pattern, const json& item, const std::string& path) {
  try {
    return istio::GoRegexp(pattern).match(scalar_text(item));
  } catch (const Error& e) {
    throw Error("overlay path " + path + ": [" + pattern +
                "] is not a valid regular expression: " + e.what());
  }
}

// A string value holding a YAML map becomes that map; anything else stays as it is.
json value_to_write(const json& value) {
  if (!value.is_string()) return value;
  const std::string& text = value.get_ref<const std::string&>();
  if (text.find(':') == std::string::npos) return value;
  try {
    json parsed = parse_yaml(text, "overlay value");
    if (parsed.is_object()) return parsed;
  } catch (const Error&) {
  }
  return value;
}

}  // namespace

std::vector<Element> parse_overlay_path(const std::string& path) {
  std::vector<Element> elements;
  for (const std::string& raw : split_unescaped(path, '.')) {
    if (raw.empty()) continue;  // leading, trailing or doubled dots
    std::string part = unescape(raw, '.');
    size_t bracket = part.find('[');
    if (bracket == std::string::npos) {
      elements.push_back({Element::Type::kKey, part, "", 0});
      continue;
    }
    if (bracket > 0) elements.push_back({Element::Type::kKey, part.substr(0, bracket), "", 0});
    if (part.back() != ']') throw Error("overlay path " + path + ": unclosed [ in " + part);
    elements.push_back(bracket_element(part.substr(bracket + 1, part.size() - bracket - 2), path));
  }
  if (elements.empty()) throw Error("overlay path \"" + path + "\" is empty");
  return elements;
}

void apply_overlay_patch(json& object, const std::string& path, const json& value) {
  auto elements = parse_overlay_path(path);
  json* parent = nullptr;
  json* node = &object;
  // How `node` hangs below `parent`: a key or a list index.
  std::string parent_key;
  size_t parent_index = 0;

  for (size_t i = 0; i < elements.size(); ++i) {
    const Element& e = elements[i];
    if (node->is_null()) {
      *node = (e.type == Element::Type::kKey) ? json::object() : json::array();
    }
    if (e.type == Element::Type::kKey) {
      if (!node->is_object()) {
        throw Error("overlay path " + path + ": " + e.key + " is below a " +
                    std::string(node->type_name()) + ", not a map");
      }
      // A missing key is created empty; the next element decides whether as a map or a list.
      if (!node->contains(e.key)) (*node)[e.key] = nullptr;
      parent = node;
      parent_key = e.key;
      node = &(*node)[e.key];
      continue;
    }
    if (!node->is_array()) {
      throw Error("overlay path " + path + ": a list selector applies to a " +
                  std::string(node->type_name()) + ", not a list");
    }
    size_t found = node->size();
    if (e.type == Element::Type::kIndex) {
      found = e.index;
      if (found >= node->size()) {
        node->push_back(json::object());
        found = node->size() - 1;
      }
    } else {
      for (size_t k = 0; k < node->size(); ++k) {
        const json& item = (*node)[k];
        if (e.type == Element::Type::kKeyValue) {
          if (item.is_object() && item.contains(e.key) && scalar_text(item[e.key]) == e.value) {
            found = k;
            break;
          }
        } else if (!item.is_object() && !item.is_array() && matches_pattern(e.value, item, path)) {
          found = k;
          break;
        }
      }
      if (found == node->size()) {
        std::string selector = e.type == Element::Type::kKeyValue ? e.key + ":" + e.value : e.value;
        throw Error("overlay path " + path + ": no list item matches [" + selector + "]");
      }
    }
    parent = node;
    parent_key.clear();
    parent_index = found;
    node = &(*node)[found];
  }

  if (value.is_null()) {
    if (!parent) throw Error("overlay path " + path + ": cannot delete the whole object");
    if (parent->is_array()) {
      parent->erase(parent_index);
    } else {
      parent->erase(parent_key);
    }
    return;
  }
  json written = value_to_write(value);
  if (node->is_array() && !written.is_array()) {
    node->push_back(std::move(written));
  } else {
    *node = std::move(written);
  }
}

void apply_overlays(std::vector<json>& objects, const json& overlays,
                    const std::string& component_namespace, const std::string& field) {
  if (overlays.is_null()) return;
  if (!overlays.is_array()) throw Error(field + ": must be a list");
  for (size_t i = 0; i < overlays.size(); ++i) {
    const json& overlay = overlays[i];
    const std::string where = field + "[" + std::to_string(i) + "]";
    if (!overlay.is_object()) throw Error(where + ": must be an object");
    const std::string kind = overlay.value("kind", std::string());
    const std::string name = overlay.value("name", std::string());
    json* target = nullptr;
    int matches = 0;
    for (auto& object : objects) {
      if (kind_of(object) != kind || name_of(object) != name) continue;
      const std::string ns = namespace_of(object);
      if (!ns.empty() && ns != component_namespace) continue;
      target = &object;
      ++matches;
    }
    if (matches == 0) {
      throw Error(where + ": no " + kind + " named \"" + name + "\" in this component");
    }
    if (matches > 1) {
      throw Error(where + ": " + kind + " \"" + name + "\" matches " + std::to_string(matches) +
                  " objects");
    }
    const json& patches = overlay.contains("patches") ? overlay["patches"] : json::array();
    if (!patches.is_array()) throw Error(where + ".patches: must be a list");
    for (size_t p = 0; p < patches.size(); ++p) {
      const json& patch = patches[p];
      const std::string patch_field = where + ".patches[" + std::to_string(p) + "]";
      if (!patch.is_object()) throw Error(patch_field + ": must be an object");
      const std::string path = patch.value("path", std::string());
      if (path.find_first_not_of(" \t") == std::string::npos) continue;  // istioctl skips these
      try {
        apply_overlay_patch(*target, path, patch.contains("value") ? patch["value"] : json());
      } catch (const Error& e) {
        throw Error(patch_field + ": " + e.what());
      }
    }
  }
}

}  // namespace kyma::manifest
