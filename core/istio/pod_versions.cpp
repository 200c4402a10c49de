#include "core/istio/pod_versions.hpp"

#include <regex>

namespace kyma::istio {

std::optional<std::string> image_version(const std::string& image) {
  std::string ref = image.substr(0, image.find('@'));
  size_t slash = ref.rfind('/');
  size_t colon = ref.rfind(':');
  if (colon == std::string::npos || (slash != std::string::npos && colon < slash)) {
    return std::nullopt;
  }
  static const std::regex tri(R"(^(\d+\.\d+\.\d+)([-+].*)?$)");
  std::smatch m;
  std::string tag = ref.substr(colon + 1);
  if (!std::regex_match(tag, m, tri)) return std::nullopt;
  return m[1].str();
}

std::optional<std::string> verify_pod_versions(const std::vector<nlohmann::json>& pods,
                                               const std::string& target) {
  std::optional<std::string> first;
  for (const auto& pod : pods) {
    if (pod.contains("/metadata/deletionTimestamp"_json_pointer)) continue;
    const std::string name = pod.value("/metadata/name"_json_pointer, std::string());
    for (const auto& c : pod.value("/spec/containers"_json_pointer, nlohmann::json::array())) {
      const std::string cname = c.value("name", "");
      if (cname != "discovery" && cname != "istio-proxy" && cname != "install-cni") continue;
      auto version = image_version(c.value("image", ""));
      std::string v = version.value_or(c.value("image", ""));
      if (!first) {
        first = v;
      } else if (v != *first) {
        return "image version of Pod " + name + " " + v + " do not match other Pods version " +
               *first;
      }
    }
  }
  if (!first) return std::string("unable to obtain installed Istio image version");
  if (*first != target) {
    return "istio-system Pods version " + *first + " do not match istio operator version " + target;
  }
  return std::nullopt;
}

}  // namespace kyma::istio
