#pragma once
// The Istio custom resource (operator.kyma-project.io/v1alpha2, kind Istio) as the user wrote it:
// kept as JSON, with typed accessors for the fields the merge and the reconcile read
// (operator-behaviour.md §1.3). Structural checks against the CRD live in cr_schema.hpp, the
// operator's own checks in cr_validation.hpp.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace kyma::istio {

inline constexpr const char* kIstioApiVersion = "operator.kyma-project.io/v1alpha2";
inline constexpr const char* kIstioKind = "Istio";
inline constexpr const char* kDefaultCrName = "default";
inline constexpr const char* kKymaSystemNamespace = "kyma-system";

struct AuthorizerHeaders {
  std::vector<std::string> in_check_include;
  std::optional<nlohmann::json> in_check_add;  // object of string -> string
  std::vector<std::string> to_upstream_on_allow;
  std::vector<std::string> to_downstream_on_allow;
  std::vector<std::string> to_downstream_on_deny;
};

struct Authorizer {
  std::string name;
  std::string service;
  std::int64_t port = 0;
  std::optional<std::string> path_prefix;
  std::optional<std::string> timeout;  // a Go duration string, "1s"
  AuthorizerHeaders headers;
};

class IstioCR {
 public:
  // Reads one YAML or JSON document. `source` names the input in errors ("cr.yaml"). Throws
  // kyma::Error when the text does not parse, is not an object, or is not an Istio
  // v1alpha2 object.
  static IstioCR parse(std::string_view text, const std::string& source);
  // The same checks on an object already read (from the cluster, for instance).
  static IstioCR from_json(nlohmann::json object, const std::string& source);
  // The module's default CR: kyma-system/default with the module labels and an empty spec.
  static IstioCR default_cr();

  const nlohmann::json& object() const { return object_; }
  const std::string& source() const { return source_; }
  std::string name() const;
  std::string namespace_name() const;  // "" when the object names none
  // spec, or an empty object when the CR has none (no defaults are injected).
  const nlohmann::json& spec() const;

  // Typed reads of spec fields; nullopt/empty when unset. They assume the CR passed the schema
  // check; a value of the wrong type reads as unset.
  std::optional<std::int64_t> num_trusted_proxies() const;
  std::optional<std::string> forward_client_cert_details() const;
  std::optional<std::string> gateway_external_traffic_policy() const;
  std::optional<std::string> trust_domain() const;
  std::optional<bool> enable_dns_proxying() const;
  bool prometheus_merge() const;
  std::vector<std::string> proxy_stats_inclusion_regexps() const;
  std::vector<Authorizer> authorizers() const;
  bool compatibility_mode() const;
  bool network_policies_enabled() const;
  std::optional<bool> egress_gateway_enabled() const;
  bool experimental_alpha_gateway_api() const;
  bool experimental_multi_network_discovery() const;
  std::optional<bool> experimental_enable_ambient() const;

 private:
  IstioCR(nlohmann::json object, std::string source)
      : object_(std::move(object)), source_(std::move(source)) {}
  const nlohmann::json* field(const char* pointer) const;

  nlohmann::json object_;
  std::string source_;
};

}  // namespace kyma::istio
