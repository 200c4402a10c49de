#include "core/istio/proxy_expectations.hpp"

#include "core/ui/error.hpp"

namespace kyma::istio {

using nlohmann::json;

namespace {

std::string string_at(const json& iop, const std::string& pointer) {
  json::json_pointer ptr(pointer);
  if (!iop.contains(ptr) || !iop.at(ptr).is_string() || iop.at(ptr).get<std::string>().empty()) {
    std::string field = pointer.substr(1);
    for (char& c : field) c = c == '/' ? '.' : c;
    throw Error("the merged Istio configuration has no " + field);
  }
  return iop.at(ptr).get<std::string>();
}

}  // namespace

ProxyResources expected_proxy_resources(const MergedConfig& merged) {
  const std::string base = "/spec/values/global/proxy/resources/";
  return {
      string_at(merged.iop, base + "requests/cpu"), string_at(merged.iop, base + "requests/memory"),
      string_at(merged.iop, base + "limits/cpu"), string_at(merged.iop, base + "limits/memory")};
}

std::string expected_proxy_image(const MergedConfig& merged) {
  std::string image = "proxyv2";
  auto pointer = "/spec/values/global/proxy/image"_json_pointer;
  if (merged.iop.contains(pointer) && merged.iop.at(pointer).is_string()) {
    image = merged.iop.at(pointer).get<std::string>();
  }
  if (image.find('/') != std::string::npos) return image;
  return string_at(merged.iop, "/spec/hub") + "/" + image + ":" +
         string_at(merged.iop, "/spec/tag");
}

}  // namespace kyma::istio
