#include "core/istio/istio_cr.hpp"

#include "core/manifest/yaml.hpp"
#include "core/ui/error.hpp"

namespace kyma::istio {

using nlohmann::json;

namespace {

const char* json_type(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return "nothing";
    case json::value_t::array:
      return "a list";
    case json::value_t::string:
      return "a string";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::object:
      return "an object";
    default:
      return "a number";
  }
}

std::vector<std::string> strings_at(const json* list) {
  std::vector<std::string> out;
  if (!list || !list->is_array()) return out;
  for (const auto& item : *list) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

const json* child(const json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

}  // namespace

IstioCR IstioCR::parse(std::string_view text, const std::string& source) {
  return from_json(manifest::parse_yaml(text, source), source);
}

IstioCR IstioCR::from_json(json object, const std::string& source) {
  if (object.is_null()) throw Error(source + ": no Istio object in it");
  if (!object.is_object()) {
    throw Error(source + ": expected an Istio object, found " + json_type(object));
  }
  std::string api_version = object.value("apiVersion", std::string());
  std::string kind = object.value("kind", std::string());
  if (kind != kIstioKind) {
    throw Error(source + ": kind \"" + kind + "\" is not " + kIstioKind);
  }
  if (api_version != kIstioApiVersion) {
    std::string hint = api_version == "operator.kyma-project.io/v1alpha1"
                           ? " (v1alpha1 was removed; use " + std::string(kIstioApiVersion) + ")"
                           : " (expected " + std::string(kIstioApiVersion) + ")";
    throw Error(source + ": apiVersion \"" + api_version + "\" is not supported" + hint);
  }
  return IstioCR(std::move(object), source);
}

IstioCR IstioCR::default_cr() {
  json object = {
      {"apiVersion", kIstioApiVersion},
      {"kind", kIstioKind},
      {"metadata",
       {{"name", kDefaultCrName},
        {"namespace", kKymaSystemNamespace},
        {"labels",
         {{"app.kubernetes.io/name", kDefaultCrName}, {"kyma-project.io/module", "istio"}}}}},
      {"spec", json::object()}};
  return IstioCR(std::move(object), "the default Istio CR");
}

std::string IstioCR::name() const {
  const json* value = field("/metadata/name");
  return value && value->is_string() ? value->get<std::string>() : "";
}

std::string IstioCR::namespace_name() const {
  const json* value = field("/metadata/namespace");
  return value && value->is_string() ? value->get<std::string>() : "";
}

const json& IstioCR::spec() const {
  static const json empty = json::object();
  const json* value = child(object_, "spec");
  return value && value->is_object() ? *value : empty;
}

const json* IstioCR::field(const char* pointer) const {
  json::json_pointer ptr(pointer);
  if (!object_.contains(ptr)) return nullptr;
  const json& value = object_.at(ptr);
  return value.is_null() ? nullptr : &value;
}

namespace {

template <typename T>
std::optional<T> typed(const json* value);

template <>
std::optional<std::int64_t> typed(const json* value) {
  if (!value || !value->is_number_integer()) return std::nullopt;
  return value->get<std::int64_t>();
}
template <>
std::optional<std::string> typed(const json* value) {
  if (!value || !value->is_string()) return std::nullopt;
  return value->get<std::string>();
}
template <>
std::optional<bool> typed(const json* value) {
  if (!value || !value->is_boolean()) return std::nullopt;
  return value->get<bool>();
}

}  // namespace

std::optional<std::int64_t> IstioCR::num_trusted_proxies() const {
  return typed<std::int64_t>(field("/spec/config/numTrustedProxies"));
}
std::optional<std::string> IstioCR::forward_client_cert_details() const {
  return typed<std::string>(field("/spec/config/forwardClientCertDetails"));
}
std::optional<std::string> IstioCR::gateway_external_traffic_policy() const {
  return typed<std::string>(field("/spec/config/gatewayExternalTrafficPolicy"));
}
std::optional<std::string> IstioCR::trust_domain() const {
  return typed<std::string>(field("/spec/config/trustDomain"));
}
std::optional<bool> IstioCR::enable_dns_proxying() const {
  return typed<bool>(field("/spec/config/enableDNSProxying"));
}
bool IstioCR::prometheus_merge() const {
  return typed<bool>(field("/spec/config/telemetry/metrics/prometheusMerge")).value_or(false);
}
std::vector<std::string> IstioCR::proxy_stats_inclusion_regexps() const {
  return strings_at(field("/spec/config/proxyStatsMatcher/inclusionRegexps"));
}
bool IstioCR::compatibility_mode() const {
  return typed<bool>(field("/spec/compatibilityMode")).value_or(false);
}
bool IstioCR::network_policies_enabled() const {
  return typed<bool>(field("/spec/networkPoliciesEnabled")).value_or(false);
}
std::optional<bool> IstioCR::egress_gateway_enabled() const {
  return typed<bool>(field("/spec/components/egressGateway/enabled"));
}
bool IstioCR::experimental_alpha_gateway_api() const {
  return typed<bool>(field("/spec/experimental/pilot/enableAlphaGatewayAPI")).value_or(false);
}
bool IstioCR::experimental_multi_network_discovery() const {
  return typed<bool>(field("/spec/experimental/pilot/enableMultiNetworkDiscoverGatewayAPI"))
      .value_or(false);
}
std::optional<bool> IstioCR::experimental_enable_ambient() const {
  return typed<bool>(field("/spec/experimental/enableAmbient"));
}

std::vector<Authorizer> IstioCR::authorizers() const {
  std::vector<Authorizer> out;
  const json* list = field("/spec/config/authorizers");
  if (!list || !list->is_array()) return out;
  for (const auto& item : *list) {
    if (!item.is_object()) continue;  // the operator skips nil entries
    Authorizer a;
    a.name = typed<std::string>(child(item, "name")).value_or("");
    a.service = typed<std::string>(child(item, "service")).value_or("");
    a.port = typed<std::int64_t>(child(item, "port")).value_or(0);
    a.path_prefix = typed<std::string>(child(item, "pathPrefix"));
    a.timeout = typed<std::string>(child(item, "timeout"));
    if (const json* headers = child(item, "headers")) {
      if (const json* in_check = child(*headers, "inCheck")) {
        a.headers.in_check_include = strings_at(child(*in_check, "include"));
        if (const json* add = child(*in_check, "add"); add && add->is_object()) {
          a.headers.in_check_add = *add;
        }
      }
      if (const json* up = child(*headers, "toUpstream")) {
        a.headers.to_upstream_on_allow = strings_at(child(*up, "onAllow"));
      }
      if (const json* down = child(*headers, "toDownstream")) {
        a.headers.to_downstream_on_allow = strings_at(child(*down, "onAllow"));
        a.headers.to_downstream_on_deny = strings_at(child(*down, "onDeny"));
      }
    }
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace kyma::istio
