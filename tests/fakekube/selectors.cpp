#include "tests/fakekube/selectors.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "tests/fakekube/api_error.hpp"

namespace fakekube {

using nlohmann::json;

namespace {

std::string trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

// Splits on commas that are not inside parentheses.
std::vector<std::string> split_terms(const std::string& text) {
  std::vector<std::string> out;
  int depth = 0;
  std::string current;
  for (char c : text) {
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == ',' && depth == 0) {
      out.push_back(trim(current));
      current.clear();
    } else {
      current += c;
    }
  }
  out.push_back(trim(current));
  return out;
}

bool valid_key(const std::string& key) {
  if (key.empty()) return false;
  for (char c : key)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
          c == '/'))
      return false;
  return true;
}

ApiError parse_error(const std::string& term) {
  return bad_request("unable to parse requirement: found '" + term +
                     "', expected: in, notin, =, ==, !=, gt, lt");
}

std::string label_value(const json& labels, const std::string& key, bool& present) {
  present = false;
  if (!labels.is_object()) return {};
  auto it = labels.find(key);
  if (it == labels.end()) return {};
  present = true;
  return it->is_string() ? it->get<std::string>() : it->dump();
}

std::string field_text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  return value.dump();
}

const std::map<std::string, std::set<std::string>>& kind_fields() {
  static const std::map<std::string, std::set<std::string>> fields = {
      {"Pod",
       {"spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
        "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"}},
      {"Event",
       {"involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
        "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
        "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"}},
      {"Secret", {"type"}},
      {"Node", {"spec.unschedulable"}},
      {"Namespace", {"status.phase"}},
      {"ReplicaSet", {"status.replicas"}},
      {"Job", {"status.successful"}},
  };
  return fields;
}

}  // namespace

LabelSelector LabelSelector::parse(const std::string& text) {
  LabelSelector selector;
  if (trim(text).empty()) return selector;
  for (const auto& term : split_terms(text)) {
    if (term.empty()) throw parse_error(term);
    Requirement r;
    auto set_values = [&](size_t open) {
      auto close = term.rfind(')');
      if (open == std::string::npos || close == std::string::npos || close < open)
        throw parse_error(term);
      std::string inside = term.substr(open + 1, close - open - 1);
      for (const auto& v : split_terms(inside))
        if (!v.empty()) r.values.push_back(v);
    };
    std::string::size_type pos;
    if (term[0] == '!') {
      r.key = trim(term.substr(1));
      r.op = Op::kDoesNotExist;
    } else if ((pos = term.find("!=")) != std::string::npos) {
      r.key = trim(term.substr(0, pos));
      r.op = Op::kNotEquals;
      r.values = {trim(term.substr(pos + 2))};
    } else if ((pos = term.find("==")) != std::string::npos) {
      r.key = trim(term.substr(0, pos));
      r.op = Op::kEquals;
      r.values = {trim(term.substr(pos + 2))};
    } else if ((pos = term.find('=')) != std::string::npos) {
      r.key = trim(term.substr(0, pos));
      r.op = Op::kEquals;
      r.values = {trim(term.substr(pos + 1))};
    } else if ((pos = term.find(" notin ")) != std::string::npos ||
               (pos = term.find(" notin(")) != std::string::npos) {
      r.key = trim(term.substr(0, pos));
      r.op = Op::kNotIn;
      set_values(term.find('(', pos));
    } else if ((pos = term.find(" in ")) != std::string::npos ||
               (pos = term.find(" in(")) != std::string::npos) {
      r.key = trim(term.substr(0, pos));
      r.op = Op::kIn;
      set_values(term.find('(', pos));
    } else {
      r.key = term;
      r.op = Op::kExists;
    }
    if (!valid_key(r.key)) throw parse_error(term);
    selector.requirements_.push_back(std::move(r));
  }
  return selector;
}

LabelSelector LabelSelector::from_object(const json& object) {
  LabelSelector selector;
  if (!object.is_object()) {
    selector.match_nothing_ = true;
    return selector;
  }
  const json match_labels = object.value("matchLabels", json::object());
  for (const auto& [key, value] : match_labels.items())
    selector.requirements_.push_back({key, Op::kEquals, {field_text(value)}});
  for (const auto& expr : object.value("matchExpressions", json::array())) {
    Requirement r{expr.value("key", ""), Op::kExists, {}};
    std::string op = expr.value("operator", "");
    if (op == "In")
      r.op = Op::kIn;
    else if (op == "NotIn")
      r.op = Op::kNotIn;
    else if (op == "DoesNotExist")
      r.op = Op::kDoesNotExist;
    for (const auto& v : expr.value("values", json::array())) r.values.push_back(field_text(v));
    selector.requirements_.push_back(std::move(r));
  }
  return selector;
}

bool LabelSelector::matches(const json& labels) const {
  if (match_nothing_) return false;
  for (const auto& r : requirements_) {
    bool present = false;
    std::string value = label_value(labels, r.key, present);
    bool in_values =
        present && std::find(r.values.begin(), r.values.end(), value) != r.values.end();
    switch (r.op) {
      case Op::kEquals:
      case Op::kIn:
        if (!in_values) return false;
        break;
      case Op::kNotEquals:
      case Op::kNotIn:
        if (in_values) return false;
        break;
      case Op::kExists:
        if (!present) return false;
        break;
      case Op::kDoesNotExist:
        if (present) return false;
        break;
    }
  }
  return true;
}

FieldSelector FieldSelector::parse(const std::string& text, const std::string& kind) {
  FieldSelector selector;
  if (trim(text).empty()) return selector;
  for (const auto& term : split_terms(text)) {
    Term t;
    std::string::size_type pos;
    if ((pos = term.find("!=")) != std::string::npos) {
      t = {trim(term.substr(0, pos)), false, trim(term.substr(pos + 2))};
    } else if ((pos = term.find("==")) != std::string::npos) {
      t = {trim(term.substr(0, pos)), true, trim(term.substr(pos + 2))};
    } else if ((pos = term.find('=')) != std::string::npos) {
      t = {trim(term.substr(0, pos)), true, trim(term.substr(pos + 1))};
    } else {
      throw bad_request("invalid selector: '" + text + "'; can't understand '" + term + "'");
    }
    bool known = t.field == "metadata.name" || t.field == "metadata.namespace";
    auto it = kind_fields().find(kind);
    if (!known && it != kind_fields().end()) known = it->second.count(t.field) > 0;
    if (!known) throw bad_request("field label not supported: " + t.field);
    selector.terms_.push_back(std::move(t));
  }
  return selector;
}

bool FieldSelector::matches(const json& object) const {
  for (const auto& t : terms_) {
    const json* node = &object;
    size_t start = 0;
    std::string value;
    while (true) {
      auto dot = t.field.find('.', start);
      std::string part = t.field.substr(start, dot == std::string::npos ? dot : dot - start);
      if (!node->is_object() || !node->contains(part)) {
        node = nullptr;
        break;
      }
      node = &(*node)[part];
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    if (node) value = field_text(*node);
    if ((value == t.value) != t.equals) return false;
  }
  return true;
}

std::string FieldSelector::name() const {
  for (const auto& t : terms_)
    if (t.field == "metadata.name" && t.equals) return t.value;
  return {};
}

}  // namespace fakekube
