#include "core/istio/mesh_config.hpp"

#include <string>

#include "core/istio/object_at.hpp"
#include "core/kube/duration.hpp"
#include "core/ui/error.hpp"

namespace kyma::istio {

using nlohmann::json;

namespace {

std::string authorizer_field(std::size_t index, const char* field) {
  return "spec.config.authorizers[" + std::to_string(index) + "]." + field;
}

// A metav1.Duration keeps whole seconds in the mesh config: fractions are truncated, so "1500ms"
// becomes "1s".
std::string whole_seconds(const std::string& duration, std::size_t index) {
  auto parsed = kube::parse_duration(duration);
  if (!parsed) {
    throw Error(authorizer_field(index, "timeout") + ": time: invalid duration \"" + duration +
                "\"");
  }
  return std::to_string(parsed->count() / 1000) + "s";
}

void set_list(json& target, const char* key, const std::vector<std::string>& items) {
  if (!items.empty()) target[key] = items;
}

}  // namespace

json extension_provider(const Authorizer& a, std::size_t index) {
  if (a.port < 0 || a.port > 4294967295LL) {
    throw Error(authorizer_field(index, "port") + ": " + std::to_string(a.port) +
                " is not a port number");
  }
  json http = json::object();
  // Empty strings, zero numbers, empty lists and maps are left out, as the operator's protobuf
  // encoding of the mesh config leaves them out.
  if (!a.service.empty()) http["service"] = a.service;
  if (a.port != 0) http["port"] = a.port;
  if (a.path_prefix && !a.path_prefix->empty()) http["pathPrefix"] = *a.path_prefix;
  if (a.timeout) http["timeout"] = whole_seconds(*a.timeout, index);
  set_list(http, "includeRequestHeadersInCheck", a.headers.in_check_include);
  if (a.headers.in_check_add && !a.headers.in_check_add->empty()) {
    http["includeAdditionalHeadersInCheck"] = *a.headers.in_check_add;
  }
  set_list(http, "headersToUpstreamOnAllow", a.headers.to_upstream_on_allow);
  set_list(http, "headersToDownstreamOnAllow", a.headers.to_downstream_on_allow);
  set_list(http, "headersToDownstreamOnDeny", a.headers.to_downstream_on_deny);
  return {{"name", a.name}, {"envoyExtAuthzHttp", http}};
}

void merge_mesh_config(json& mesh, const IstioCR& cr) {
  if (!mesh.is_object()) mesh = json::object();

  if (auto n = cr.num_trusted_proxies()) {
    object_at(object_at(mesh, "defaultConfig"), "gatewayTopology")["numTrustedProxies"] = *n;
  }

  auto authorizers = cr.authorizers();
  if (!authorizers.empty()) {
    json& providers = mesh["extensionProviders"];
    if (!providers.is_array()) providers = json::array();
    for (std::size_t i = 0; i < authorizers.size(); ++i) {
      providers.push_back(extension_provider(authorizers[i], i));
    }
  }

  mesh["enablePrometheusMerge"] = cr.prometheus_merge();

  if (auto xfcc = cr.forward_client_cert_details()) {
    object_at(object_at(mesh, "defaultConfig"), "gatewayTopology")["forwardClientCertDetails"] =
        *xfcc;
  }

  if (auto domain = cr.trust_domain()) mesh["trustDomain"] = *domain;

  if (auto dns = cr.enable_dns_proxying()) {
    object_at(object_at(mesh, "defaultConfig"), "proxyMetadata")["ISTIO_META_DNS_CAPTURE"] =
        *dns ? "true" : "false";
  }

  auto regexps = cr.proxy_stats_inclusion_regexps();
  if (!regexps.empty()) {
    object_at(object_at(mesh, "defaultConfig"), "proxyStatsMatcher")["inclusionRegexps"] = regexps;
  }
}

}  // namespace kyma::istio
