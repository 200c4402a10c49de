#pragma once
// A container image reference taken apart: "registry:5000/org/name:tag@sha256:..." ->
// repository "registry:5000/org/name", tag "tag", digest "sha256:...".
#include <string>

namespace kyma::kube {

struct ImageReference {
  std::string repository;
  std::string tag;     // "" when the reference has none
  std::string digest;  // "" when the reference has none
};

ImageReference parse_image_reference(const std::string& image);

}  // namespace kyma::kube
