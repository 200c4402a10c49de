#include "core/istio/schema_validator.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

#include "core/kube/text.hpp"
#include "core/ui/error.hpp"

namespace kyma::istio {

using nlohmann::json;

namespace {

std::string child_path(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

bool fits_int64(const json& value) {
  return value.is_number_integer() &&
         (!value.is_number_unsigned() ||
          value.get<std::uint64_t>() <=
              static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
}

// The JSON type name of a value the way the API server names it.
const char* type_name(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return "boolean";
    case json::value_t::string:
      return "string";
    case json::value_t::array:
      return "array";
    case json::value_t::object:
      return "object";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return fits_int64(value) ? "integer" : "number";
    default:
      return "number";
  }
}

bool has_type(const json& value, const std::string& type) {
  std::string actual = type_name(value);
  return actual == type || (type == "number" && actual == "integer");
}

// A value as field.Invalid prints it: strings quoted, numbers and booleans bare.
std::string printed(const json& value) {
  if (value.is_string()) return go_quote(value.get<std::string>());
  if (fits_int64(value)) return std::to_string(value.get<std::int64_t>());
  if (value.is_number()) return go_format_float(value.get<double>());
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_null()) return "null";
  return go_quote(type_name(value));
}

size_t rune_count(const std::string& text) {
  size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string without_spaces(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) out += c;
  }
  return out;
}

double as_double(const json& value) {
  return fits_int64(value) ? static_cast<double>(value.get<std::int64_t>()) : value.get<double>();
}

void invalid(std::vector<FieldError>& errors, const std::string& path, const std::string& value,
             const std::string& detail) {
  errors.push_back({path, path + ": Invalid value: " + value + ": " + detail});
}

}  // namespace

std::string go_format_float(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (value == 0) return std::signbit(value) ? "-0" : "0";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  std::string sci(buf, end);  // shortest digits: "4.294967295e+09"
  auto e = sci.find('e');
  int exponent = std::stoi(sci.substr(e + 1));
  // Go's %v is %g with the shortest digits, switching to an exponent below 1e-4 and from 1e+06
  // (strconv uses precision 6 for that decision when the digits are the shortest).
  if (exponent < -4 || exponent >= 6) return sci;
  auto [fend, fec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed);
  return std::string(buf, fend);
}

std::string go_quote(const std::string& text) {
  return kube::double_quoted(text);
}

SchemaValidator::SchemaValidator(json schema, std::map<std::string, CelRule> cel_rules)
    : schema_(std::move(schema)) {
  for (auto& [rule, check] : cel_rules) cel_rules_[without_spaces(rule)] = std::move(check);
  compile_patterns(schema_);
}

SchemaValidator::~SchemaValidator() = default;

std::vector<FieldError> SchemaValidator::validate(const json& value,
                                                  const std::string& path) const {
  std::vector<FieldError> errors;
  walk(value, schema_, path, errors);
  return errors;
}

void SchemaValidator::compile_patterns(const json& schema) {
  if (schema.is_object()) {
    auto pattern = schema.find("pattern");
    if (pattern != schema.end() && pattern->is_string() && !patterns_.count(*pattern)) {
      try {
        patterns_.emplace(*pattern, GoRegexp(pattern->get<std::string>()));
      } catch (const Error& e) {
        throw Error("the CRD schema's pattern '" + pattern->get<std::string>() +
                    "' cannot be used: " + e.what());
      }
    }
  }
  if (schema.is_structured()) {
    for (const auto& child : schema) compile_patterns(child);
  }
}

void SchemaValidator::walk(const json& value, const json& schema, const std::string& path,
                           std::vector<FieldError>& errors) const {
  if (!schema.is_object()) return;
  bool int_or_string = schema.value("x-kubernetes-int-or-string", false);
  if (int_or_string) {
    if (!fits_int64(value) && !value.is_string()) {
      std::string actual = type_name(value);
      invalid(errors, path, go_quote(actual),
              path + " in body must be of type integer,string: " + go_quote(actual));
      return;
    }
  } else if (auto type = schema.find("type"); type != schema.end() && type->is_string()) {
    if (!has_type(value, *type)) {
      std::string actual = type_name(value);
      invalid(
          errors, path, go_quote(actual),
          path + " in body must be of type " + type->get<std::string>() + ": " + go_quote(actual));
      return;
    }
  }

  if (auto allowed = schema.find("enum"); allowed != schema.end() && allowed->is_array()) {
    bool found = false;
    for (const auto& option : *allowed) found = found || option == value;
    if (!found) {
      std::string options;
      for (const auto& option : *allowed) {
        options += (options.empty() ? "" : ", ") + printed(option);
      }
      errors.push_back({path, path + ": Unsupported value: " + printed(value) +
                                  ": supported values: " + options});
    }
  }

  if (value.is_string()) {
    check_string(value.get<std::string>(), schema, path, errors);
  } else if (value.is_number()) {
    check_number(value, schema, path, errors);
  } else if (value.is_object()) {
    check_object(value, schema, path, errors);
  } else if (value.is_array()) {
    if (auto items = schema.find("items"); items != schema.end()) {
      for (size_t i = 0; i < value.size(); ++i) {
        walk(value[i], *items, path + "[" + std::to_string(i) + "]", errors);
      }
    }
  }
  check_rules(value, schema, path, errors);
}

void SchemaValidator::check_string(const std::string& text, const json& schema,
                                   const std::string& path, std::vector<FieldError>& errors) const {
  size_t length = rune_count(text);
  if (auto min = schema.find("minLength"); min != schema.end() && min->is_number_integer()) {
    if (length < min->get<size_t>()) {
      invalid(errors, path, go_quote(text),
              path + " in body should be at least " + std::to_string(min->get<size_t>()) +
                  " chars long");
    }
  }
  if (auto max = schema.find("maxLength"); max != schema.end() && max->is_number_integer()) {
    if (length > max->get<size_t>()) {
      invalid(errors, path, go_quote(text),
              path + " in body should be at most " + std::to_string(max->get<size_t>()) +
                  " chars long");
    }
  }
  if (auto pattern = schema.find("pattern"); pattern != schema.end() && pattern->is_string()) {
    const std::string& p = pattern->get_ref<const std::string&>();
    auto re = patterns_.find(p);
    if (re != patterns_.end() && !re->second.match(text)) {
      invalid(errors, path, go_quote(text), path + " in body should match '" + p + "'");
    }
  }
}

void SchemaValidator::check_number(const json& value, const json& schema, const std::string& path,
                                   std::vector<FieldError>& errors) const {
  double number = as_double(value);
  bool range_failed = false;
  if (auto min = schema.find("minimum"); min != schema.end() && min->is_number()) {
    bool exclusive = schema.value("exclusiveMinimum", false);
    double bound = as_double(*min);
    if (exclusive ? number <= bound : number < bound) {
      range_failed = true;
      invalid(errors, path, printed(value),
              path + " in body should be greater than " + (exclusive ? "" : "or equal to ") +
                  go_format_float(bound));
    }
  }
  if (auto max = schema.find("maximum"); max != schema.end() && max->is_number()) {
    bool exclusive = schema.value("exclusiveMaximum", false);
    double bound = as_double(*max);
    if (exclusive ? number >= bound : number > bound) {
      range_failed = true;
      invalid(errors, path, printed(value),
              path + " in body should be less than " + (exclusive ? "" : "or equal to ") +
                  go_format_float(bound));
    }
  }
  // `format: int32` bounds an integer even where the schema sets no minimum or maximum (an
  // authorizer's port): reported in the same words as an explicit bound.
  if (!range_failed && schema.value("format", "") == "int32") {
    double low = std::numeric_limits<std::int32_t>::min();
    double high = std::numeric_limits<std::int32_t>::max();
    if (number < low) {
      invalid(errors, path, printed(value),
              path + " in body should be greater than or equal to " + go_format_float(low));
    } else if (number > high) {
      invalid(errors, path, printed(value),
              path + " in body should be less than or equal to " + go_format_float(high));
    }
  }
}

void SchemaValidator::check_object(const json& value, const json& schema, const std::string& path,
                                   std::vector<FieldError>& errors) const {
  static const json kNoProperties = json::object();
  auto props_it = schema.find("properties");
  const json& properties = props_it != schema.end() ? *props_it : kNoProperties;
  if (auto required = schema.find("required"); required != schema.end() && required->is_array()) {
    for (const auto& name : *required) {
      if (!name.is_string()) continue;
      auto it = value.find(name.get<std::string>());
      if (it == value.end() || it->is_null()) {
        std::string field = child_path(path, name.get<std::string>());
        errors.push_back({field, field + ": Required value"});
      }
    }
  }
  bool preserve_unknown = schema.value("x-kubernetes-preserve-unknown-fields", false);
  auto additional = schema.find("additionalProperties");
  for (const auto& [key, item] : value.items()) {
    std::string field = child_path(path, key);
    auto property = properties.find(key);
    if (property != properties.end()) {
      // A null in a field that is not nullable is dropped by the API server, not rejected.
      if (!item.is_null()) walk(item, *property, field, errors);
    } else if (additional != schema.end() && additional->is_object()) {
      if (!item.is_null()) walk(item, *additional, field, errors);
    } else if (!preserve_unknown && !(additional != schema.end() && additional->is_boolean() &&
                                      additional->get<bool>())) {
      errors.push_back({field, "unknown field " + go_quote(field)});
    }
  }
}

void SchemaValidator::check_rules(const json& value, const json& schema, const std::string& path,
                                  std::vector<FieldError>& errors) const {
  auto rules = schema.find("x-kubernetes-validations");
  if (rules == schema.end() || !rules->is_array()) return;
  for (const auto& rule : *rules) {
    auto check = cel_rules_.find(without_spaces(rule.value("rule", "")));
    if (check == cel_rules_.end() || check->second(value)) continue;
    // The API server names the schema's type as the "value" of a failed rule ("" for
    // int-or-string), then the rule's message (or "failed rule: <rule>").
    std::string message = rule.contains("message") ? rule.value("message", "")
                                                   : "failed rule: " + rule.value("rule", "");
    invalid(errors, path, go_quote(schema.value("type", "")), message);
  }
}

}  // namespace kyma::istio
