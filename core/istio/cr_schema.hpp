#pragma once
// Checks an Istio CR against the CRD's openAPIV3Schema before anything is sent, as the API
// server would with strict field validation (operator-behaviour.md §1.3). The schema is read at
// run time from the bundle (<root>/crd/operator.kyma-project.io_istios.yaml, the newest full field
// set, or its compiled JSON form beside it when current), never compiled in.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/istio/istio_cr.hpp"
#include "core/istio/schema_validator.hpp"

namespace kyma::istio {

inline constexpr const char* kIstioCrdFile = "operator.kyma-project.io_istios.yaml";

class IstioCrSchema {
 public:
  // <bundle_root>/crd/operator.kyma-project.io_istios.yaml. Throws kyma::Error naming the file
  // when it is missing or holds no v1alpha2 schema.
  static IstioCrSchema load(const std::filesystem::path& bundle_root);
  // From a CRD object already read; `source` names it in errors.
  static IstioCrSchema from_crd(const nlohmann::json& crd, const std::string& source);

  // Every problem of the CR: schema errors of spec (and of unknown top-level fields), plus a
  // missing metadata.name. metadata and status are left to the API server.
  std::vector<FieldError> validate(const IstioCR& cr) const;

 private:
  explicit IstioCrSchema(nlohmann::json root_schema);
  SchemaValidator validator_;
};

// Throws kyma::Error when `errors` is not empty, in kubectl's words on one line:
//   cr.yaml: Istio "default" is invalid: spec.x: ...
//   cr.yaml: Istio "default" is invalid: [spec.x: ..., spec.y: ...]
void throw_if_invalid(const IstioCR& cr, const std::vector<FieldError>& errors);

}  // namespace kyma::istio
