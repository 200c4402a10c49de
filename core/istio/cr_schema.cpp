#include "core/istio/cr_schema.hpp"

#include "core/manifest/compiled_yaml.hpp"
#include "core/ui/error.hpp"

namespace kyma::istio {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr const char* kIntOrStringRule =
    "(type(self) == int ? self >= 0 && self <= 2147483647: self.size() >= 0)";

// The CRD's only CEL rule, on maxSurge and maxUnavailable: an integer must lie in 0..2^31-1; any
// string passes (size() >= 0 always holds; the patterns reject the empty string).
bool int_or_string_in_range(const json& value) {
  if (!value.is_number_integer()) return true;
  if (value.is_number_unsigned()) return value.get<std::uint64_t>() <= 2147483647ULL;
  auto n = value.get<std::int64_t>();
  return n >= 0 && n <= 2147483647;
}

}  // namespace

IstioCrSchema::IstioCrSchema(json root_schema)
    : validator_(std::move(root_schema), {{kIntOrStringRule, int_or_string_in_range}}) {}

IstioCrSchema IstioCrSchema::load(const fs::path& bundle_root) {
  fs::path path = bundle_root / "crd" / kIstioCrdFile;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    throw Error("the Istio bundle " + bundle_root.string() + " has no Istio CRD: " + path.string() +
                " is missing");
  }
  // The build compiles the bundle's YAML to JSON (core/manifest/compiled_yaml.hpp): parsing this
  // CRD's YAML took most of the schema check.
  return from_crd(manifest::read_yaml_document(path), path.string());
}

IstioCrSchema IstioCrSchema::from_crd(const json& crd, const std::string& source) {
  const json* versions = nullptr;
  if (crd.is_object() && crd.contains("/spec/versions"_json_pointer)) {
    versions = &crd.at("/spec/versions"_json_pointer);
  }
  if (versions && versions->is_array()) {
    for (const auto& version : *versions) {
      if (version.value("name", "") != "v1alpha2") continue;
      auto pointer = "/schema/openAPIV3Schema"_json_pointer;
      if (version.contains(pointer) && version.at(pointer).is_object()) {
        return IstioCrSchema(version.at(pointer));
      }
    }
  }
  throw Error(source + ": no openAPIV3Schema for version v1alpha2 in the Istio CRD");
}

std::vector<FieldError> IstioCrSchema::validate(const IstioCR& cr) const {
  std::vector<FieldError> errors;
  if (cr.name().empty()) {
    errors.push_back(
        {"metadata.name", "metadata.name: Required value: name or generateName is required"});
  }
  // metadata is validated by the API server's own rules and status is dropped on create; the
  // rest (apiVersion, kind, spec and any unknown top-level field) goes through the schema.
  json checked = cr.object();
  checked.erase("metadata");
  checked.erase("status");
  auto found = validator_.validate(checked, "");
  errors.insert(errors.end(), found.begin(), found.end());
  return errors;
}

void throw_if_invalid(const IstioCR& cr, const std::vector<FieldError>& errors) {
  if (errors.empty()) return;
  std::string list;
  for (const auto& e : errors) list += (list.empty() ? "" : ", ") + e.message;
  if (errors.size() > 1) list = "[" + list + "]";
  std::string name = cr.name().empty() ? "" : " " + go_quote(cr.name());
  throw Error(cr.source() + ": Istio" + name + " is invalid: " + list);
}

}  // namespace kyma::istio
