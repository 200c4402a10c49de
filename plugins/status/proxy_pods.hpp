#pragma once
// What `status` reads from a pod: the images of its Istio containers, whether it still runs,
// and a slim copy that keeps only that (a watch keeps every such pod of the cluster in memory).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kyma::status {

inline constexpr const char* kProxyContainer = "istio-proxy";
inline constexpr const char* kProxyImageAnnotation = "sidecar.istio.io/proxyImage";
inline constexpr const char* kControlPlaneNamespace = "istio-system";

// The images of the containers named `container`, regular ones first, then init containers
// (a native sidecar is an init container).
std::vector<std::string> container_images(const nlohmann::json& pod, const std::string& container);

// An injected or gateway pod: it has an istio-proxy container or init container.
bool has_proxy(const nlohmann::json& pod);

// Not terminating and not finished (Succeeded or Failed): its containers run or will run.
bool is_live(const nlohmann::json& pod);

// The pod asks for its own proxy image (sidecar.istio.io/proxyImage).
bool has_custom_proxy_image(const nlohmann::json& pod);

// The Istio version an image runs: "1.23.2" for ".../proxyv2:1.23.2-distroless"; the tag when it
// is not a version; "unknown" for an image without a tag.
std::string image_istio_version(const std::string& image);

// The fields `status` needs, or null for a pod it does not care about (neither in istio-system
// nor with an istio-proxy container).
nlohmann::json slim_pod(const nlohmann::json& pod);

}  // namespace kyma::status
