#include "tests/fakekube/validation.hpp"

#include <cstdint>
#include <limits>
#include <regex>

#include "tests/fakekube/api_error.hpp"
#include "tests/fakekube/object_meta.hpp"
#include "tests/fakekube/selectors.hpp"

namespace fakekube {

using nlohmann::json;

namespace {

bool is_subdomain(const std::string& name) {
  static const std::regex re("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  return name.size() <= 253 && std::regex_match(name, re);
}

bool is_label(const std::string& name) {
  static const std::regex re("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  return name.size() <= 63 && std::regex_match(name, re);
}

bool is_path_segment(const std::string& name) {
  return name != "." && name != ".." && name.find('/') == std::string::npos &&
         name.find('%') == std::string::npos;
}

std::string in_quotes(const std::string& s) {
  return "\"" + s + "\"";
}

void fail(const ResourceType& type, const std::string& name, std::vector<FieldCause> causes) {
  throw invalid(type.kind, type.group, name, causes);
}

std::string go_map(const json& labels) {
  std::string out = "map[string]string{";
  bool first = true;
  for (const auto& [k, v] : labels.items()) {
    out += (first ? "" : ", ") + in_quotes(k) + ":" +
           in_quotes(v.is_string() ? v.get<std::string>() : v.dump());
    first = false;
  }
  return out + "}";
}

void check_containers(const json& pod_spec, const std::string& prefix,
                      std::vector<FieldCause>& causes) {
  const json& containers = field(pod_spec, "/containers");
  if (!containers.is_array() || containers.empty()) {
    causes.push_back({"FieldValueRequired", prefix + "containers", "Required value"});
    return;
  }
  for (size_t i = 0; i < containers.size(); ++i) {
    std::string where = prefix + "containers[" + std::to_string(i) + "]";
    if (!containers[i].is_object() || containers[i].value("name", "").empty())
      causes.push_back({"FieldValueRequired", where + ".name", "Required value"});
    if (!containers[i].is_object() || containers[i].value("image", "").empty())
      causes.push_back({"FieldValueRequired", where + ".image", "Required value"});
  }
}

bool is_workload(const std::string& kind) {
  return kind == "Deployment" || kind == "ReplicaSet" || kind == "DaemonSet" ||
         kind == "StatefulSet";
}

bool has_replicas(const ResourceType& type) {
  return !type.custom &&
         (type.kind == "Deployment" || type.kind == "ReplicaSet" || type.kind == "StatefulSet");
}

// How Go's encoding/json names a value it cannot store: numbers that are numbers but not of the
// target type (2.5 or 2^40 for an int32) carry their literal.
std::string go_value_name(const json& value, bool literal) {
  if (value.is_string()) return "string";
  if (value.is_boolean()) return "bool";
  if (value.is_array()) return "array";
  if (value.is_object()) return "object";
  return literal ? "number " + value.dump() : "number";
}

bool fits_int32(const json& value) {
  using limits = std::numeric_limits<std::int32_t>;
  if (value.is_number_unsigned()) return value.get<std::uint64_t>() <= limits::max();
  if (!value.is_number_integer()) return false;
  auto v = value.get<std::int64_t>();
  return v >= limits::min() && v <= limits::max();
}

// The real server's answer when the body does not decode into the kind's Go types.
[[noreturn]] void undecodable(const ResourceType& type, const std::string& value,
                              const std::string& go_field, const std::string& go_type) {
  throw bad_request(type.kind + " in version " + in_quotes(type.version) +
                    " cannot be handled as a " + type.kind + ": json: cannot unmarshal " + value +
                    " into Go struct field " + go_field + " of type " + go_type);
}

// Labels are map[string]string: null (for the map or a value) decodes, anything else that is not
// a string is a type error.
void check_label_types(const ResourceType& type, const json& labels, const std::string& path) {
  if (labels.is_null()) return;
  if (!labels.is_object())
    undecodable(type, go_value_name(labels, false), "ObjectMeta." + path, "map[string]string");
  for (const auto& value : labels)
    if (!value.is_string() && !value.is_null())
      undecodable(type, go_value_name(value, false), "ObjectMeta." + path, "string");
}

}  // namespace

void validate_decoding(const ResourceType& type, const json& body) {
  check_label_types(type, field(body, "/metadata/labels"), "metadata.labels");
  if (type.custom) return;
  if (is_workload(type.kind) || type.kind == "Job")
    check_label_types(type, field(body, "/spec/template/metadata/labels"),
                      "spec.template.metadata.labels");
  if (has_replicas(type)) {
    const json& replicas = field(body, "/spec/replicas");
    if (!replicas.is_null() && !fits_int32(replicas))
      undecodable(type, go_value_name(replicas, replicas.is_number()),
                  type.kind + "Spec.spec.replicas", "int32");
  }
}

void validate_name(const ResourceType& type, const std::string& name) {
  bool rbac = type.group == "rbac.authorization.k8s.io";
  if (type.kind == "Namespace" ? is_label(name)
      : rbac                   ? is_path_segment(name) && !name.empty()
                               : is_subdomain(name))
    return;
  std::string detail =
      type.kind == "Namespace"
          ? "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or "
            "'-', and must start and end with an alphanumeric character (e.g. 'my-name',  or "
            "'123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
      : rbac ? "may not contain '/' or '%', and may not be '.' or '..'"
             : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
               "characters, '-' or '.', and must start and end with an alphanumeric character "
               "(e.g. 'example.com', regex used for validation is "
               "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  fail(type, name,
       {{"FieldValueInvalid", "metadata.name",
         "Invalid value: " + in_quotes(name) + ": " + detail}});
}

void validate_object(const ResourceType& type, const json& object, const json* old) {
  std::string name = name_of(object);
  std::vector<FieldCause> causes;
  if (type.kind == "Pod" && !old) check_containers(field(object, "/spec"), "spec.", causes);
  if (has_replicas(type)) {
    // Checked first, as the real server does (ValidateNonnegativeField before the selector).
    const json& replicas = field(object, "/spec/replicas");
    if (replicas.is_number_integer() && !replicas.is_number_unsigned() &&
        replicas.get<std::int64_t>() < 0)
      causes.push_back(
          {"FieldValueInvalid", "spec.replicas",
           "Invalid value: " + replicas.dump() + ": must be greater than or equal to 0"});
  }
  if (is_workload(type.kind)) {
    const json& selector = field(object, "/spec/selector");
    if (!selector.is_object() || selector.empty()) {
      causes.push_back({"FieldValueRequired", "spec.selector", "Required value"});
    } else {
      json labels = field(object, "/spec/template/metadata/labels");
      if (!LabelSelector::from_object(selector).matches(labels))
        causes.push_back({"FieldValueInvalid", "spec.template.metadata.labels",
                          "Invalid value: " + go_map(labels.is_object() ? labels : json::object()) +
                              ": `selector` does not match template `labels`"});
      if (old && field(*old, "/spec/selector") != selector)
        causes.push_back({"FieldValueInvalid", "spec.selector",
                          "Invalid value: " + selector.dump() + ": field is immutable"});
    }
    check_containers(field(object, "/spec/template/spec"), "spec.template.spec.", causes);
  }
  if (type.kind == "CustomResourceDefinition") {
    std::string group = string_at(object, "/spec/group");
    std::string plural = string_at(object, "/spec/names/plural");
    if (group.empty()) causes.push_back({"FieldValueRequired", "spec.group", "Required value"});
    if (plural.empty())
      causes.push_back({"FieldValueRequired", "spec.names.plural", "Required value"});
    if (string_at(object, "/spec/names/kind").empty())
      causes.push_back({"FieldValueRequired", "spec.names.kind", "Required value"});
    if (!group.empty() && !plural.empty() && name != plural + "." + group)
      causes.push_back(
          {"FieldValueInvalid", "metadata.name",
           "Invalid value: " + in_quotes(name) + ": must be spec.names.plural+\".\"+spec.group"});
    std::string scope = string_at(object, "/spec/scope");
    if (scope != "Namespaced" && scope != "Cluster")
      causes.push_back({"FieldValueNotSupported", "spec.scope",
                        "Unsupported value: " + in_quotes(scope) +
                            ": supported values: \"Cluster\", \"Namespaced\""});
    const json& versions = field(object, "/spec/versions");
    int storage = 0;
    if (versions.is_array())
      for (const auto& v : versions)
        if (v.is_object() && v.value("storage", false)) ++storage;
    if (!versions.is_array() || versions.empty())
      causes.push_back({"FieldValueRequired", "spec.versions", "Required value"});
    else if (storage != 1)
      causes.push_back({"FieldValueInvalid", "spec.versions",
                        "Invalid value: " + versions.dump() +
                            ": must have exactly one version marked as storage version"});
  }
  if (!causes.empty()) fail(type, name, causes);
}

}  // namespace fakekube
