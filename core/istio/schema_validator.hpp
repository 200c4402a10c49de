#pragma once
// A small structural validator for CRD openAPIV3Schema, reporting what the API server would
// before it stores an object: type, enum, pattern, minimum/maximum, minLength/maxLength,
// required, x-kubernetes-int-or-string, `format: int32`/`int64` ranges, the CEL rules it knows
// (x-kubernetes-validations, by rule text), and unknown fields as strict field validation reports
// them. Every error names the field path and reads like the API server's message, e.g.
//   spec.config.trustDomain: Invalid value: "A": spec.config.trustDomain in body should match '^…$'
//   spec.components.pilot.k8s: Required value
//   unknown field "spec.foo"
// All errors are collected, in document order.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/istio/go_regexp.hpp"

namespace kyma::istio {

struct FieldError {
  std::string path;     // "spec.config.numTrustedProxies", "spec.config.authorizers[0].name"
  std::string message;  // the whole line, path included
};

// A CEL rule reimplemented in C++: true when `value` satisfies it.
using CelRule = std::function<bool(const nlohmann::json& value)>;

class SchemaValidator {
 public:
  // `schema` is an openAPIV3Schema node. `cel_rules` maps a rule's text (whitespace ignored) to
  // its meaning; rules not in the map are not evaluated. Throws kyma::Error when a pattern of the
  // schema cannot be compiled.
  explicit SchemaValidator(nlohmann::json schema, std::map<std::string, CelRule> cel_rules = {});
  ~SchemaValidator();

  // Validates `value` against the schema; `path` is the value's field path ("" for the root).
  std::vector<FieldError> validate(const nlohmann::json& value, const std::string& path) const;
  // The schema of a property below the root ("spec"), or null when there is none.
  const nlohmann::json& schema() const { return schema_; }

 private:
  void walk(const nlohmann::json& value, const nlohmann::json& schema, const std::string& path,
            std::vector<FieldError>& errors) const;
  void check_string(const std::string& text, const nlohmann::json& schema, const std::string& path,
                    std::vector<FieldError>& errors) const;
  void check_number(const nlohmann::json& value, const nlohmann::json& schema,
                    const std::string& path, std::vector<FieldError>& errors) const;
  void check_object(const nlohmann::json& value, const nlohmann::json& schema,
                    const std::string& path, std::vector<FieldError>& errors) const;
  void check_rules(const nlohmann::json& value, const nlohmann::json& schema,
                   const std::string& path, std::vector<FieldError>& errors) const;
  void compile_patterns(const nlohmann::json& schema);

  nlohmann::json schema_;
  std::map<std::string, CelRule> cel_rules_;
  std::map<std::string, GoRegexp> patterns_;  // every pattern, compiled
};

// Go's %v for a float64 (what the API server prints for schema bounds): "0", "1.5", "1e+06",
// "4.294967295e+09".
std::string go_format_float(double value);
// Go's %q for a string.
std::string go_quote(const std::string& text);

}  // namespace kyma::istio
