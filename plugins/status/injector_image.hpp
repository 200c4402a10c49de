#pragma once
// The proxy image the sidecar injector gives new pods, read the way istioctl's analyzer IST0158
// reads it (conventions.md §1.7): ConfigMap istio-system/istio-sidecar-injector, key `values`
// (JSON); global.proxy.image as is when it holds a '/', else
// <global.hub>/<global.proxy.image>:<global.tag>.
#include <string>

#include <nlohmann/json.hpp>

namespace kyma::status {

inline constexpr const char* kInjectorConfigMap = "istio-sidecar-injector";

struct InjectorImage {
  std::string image;    // "" when it cannot be told
  std::string problem;  // why not, e.g. "key values is not JSON"
};

InjectorImage injector_proxy_image(const nlohmann::json& config_map);

// A running proxy image is current when it is the injector's image, or that image with a
// variant suffix ("<image>-distroless"), as IST0158 accepts.
bool proxy_image_is_current(const std::string& image, const std::string& expected);

}  // namespace kyma::status
