#include "plugins/xff/ingress_restart_rule.hpp"

#include <algorithm>

#include "core/istio/last_applied.hpp"

namespace kyma::xff {

using nlohmann::json;

namespace {

json field(const json& spec, const std::string& pointer) {
  json::json_pointer ptr(pointer);
  return spec.contains(ptr) ? spec[ptr] : json();
}

}  // namespace

const std::vector<std::string>& ingress_remembered_fields() {
  static const std::vector<std::string> fields = {
      "/config/numTrustedProxies", "/config/forwardClientCertDetails", "/config/trustDomain"};
  return fields;
}

std::vector<std::string> ingress_restart_triggers(const json& spec,
                                                  const std::optional<json>& last_applied) {
  std::vector<std::string> triggers;
  for (const auto& pointer : ingress_remembered_fields()) {
    if (field(spec, pointer) != istio::last_applied_field(last_applied, pointer)) {
      triggers.push_back(pointer.substr(pointer.rfind('/') + 1));
    }
  }
  if (istio::stats_matcher_changed(spec, last_applied)) triggers.push_back("proxyStatsMatcher");
  return triggers;
}

}  // namespace kyma::xff
