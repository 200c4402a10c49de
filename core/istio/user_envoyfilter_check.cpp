#include "core/istio/user_envoyfilter_check.hpp"

namespace kyma::istio {

using nlohmann::json;

std::optional<std::string> find_user_ingress_envoyfilter(const std::vector<json>& envoyfilters) {
  for (const auto& ef : envoyfilters) {
    bool rate_limit_owned = false;
    for (const auto& owner : ef.value("/metadata/ownerReferences"_json_pointer, json::array())) {
      if (owner.value("kind", "") == "RateLimit") rate_limit_owned = true;
    }
    if (rate_limit_owned) continue;
    if (ef.value("/metadata/labels"_json_pointer, json::object())
            .contains("kyma-project.io/module")) {
      continue;
    }
    const json selector = ef.value("/spec/workloadSelector/labels"_json_pointer, json::object());
    if (selector.value("istio", "") == "ingressgateway" ||
        selector.value("app", "") == "istio-ingressgateway") {
      return ef.value("/metadata/namespace"_json_pointer, std::string()) + "/" +
             ef.value("/metadata/name"_json_pointer, std::string());
    }
  }
  return std::nullopt;
}

std::string user_envoyfilter_description(const std::string& ns_name) {
  return "misconfigured EnvoyFilter can potentially break Istio Ingress Gateway: user-created "
         "EnvoyFilter " +
         ns_name + " targeting Ingress Gateway found";
}

}  // namespace kyma::istio
