#include "core/kube/image_reference.hpp"

namespace kyma::kube {

ImageReference parse_image_reference(const std::string& image) {
  ImageReference ref;
  std::string rest = image;
  if (auto at = rest.find('@'); at != std::string::npos) {
    ref.digest = rest.substr(at + 1);
    rest.erase(at);
  }
  // A ':' after the last '/' starts the tag; one before it belongs to a registry's port.
  auto slash = rest.rfind('/');
  auto colon = rest.rfind(':');
  if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) {
    ref.tag = rest.substr(colon + 1);
    rest.erase(colon);
  }
  ref.repository = rest;
  return ref;
}

}  // namespace kyma::kube
