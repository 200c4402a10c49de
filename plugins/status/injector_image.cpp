#include "plugins/status/injector_image.hpp"

namespace kyma::status {

using nlohmann::json;

namespace {

std::string text(const json& values, const char* pointer) {
  json::json_pointer ptr(pointer);
  if (!values.contains(ptr)) return "";
  const json& v = values[ptr];
  return v.is_string() ? v.get<std::string>() : "";
}

}  // namespace

InjectorImage injector_proxy_image(const json& config_map) {
  json::json_pointer key("/data/values");
  if (!config_map.contains(key) || !config_map[key].is_string()) {
    return {"", "it has no key \"values\""};
  }
  json values = json::parse(config_map[key].get<std::string>(), nullptr, false);
  if (values.is_discarded() || !values.is_object()) return {"", "its key \"values\" is not JSON"};
  std::string image = text(values, "/global/proxy/image");
  if (image.empty()) return {"", "its values have no global.proxy.image"};
  if (image.find('/') != std::string::npos) return {image, ""};
  std::string hub = text(values, "/global/hub");
  std::string tag = text(values, "/global/tag");
  if (hub.empty() || tag.empty()) return {"", "its values have no global.hub or global.tag"};
  return {hub + "/" + image + ":" + tag, ""};
}

bool proxy_image_is_current(const std::string& image, const std::string& expected) {
  if (image == expected) return true;
  return image.size() > expected.size() + 1 && image.compare(0, expected.size(), expected) == 0 &&
         image[expected.size()] == '-';
}

}  // namespace kyma::status
