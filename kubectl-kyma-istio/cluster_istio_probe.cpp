#include "kubectl-kyma-istio/cluster_istio_probe.hpp"

#include <nlohmann/json.hpp>

#include "core/kube/api_error.hpp"
#include "core/kube/http_transport.hpp"
#include "core/kube/image_reference.hpp"
#include "core/kube/kubeconfig_loader.hpp"

namespace kyma::cli {

namespace {

constexpr const char* kIstiodPath = "/apis/apps/v1/namespaces/istio-system/deployments/istiod";

// `version` must answer promptly even when the server's address swallows packets.
constexpr const char* kDefaultProbeTimeout = "10s";

std::optional<std::string> discovery_image(const nlohmann::json& deployment) {
  auto containers = deployment.value("spec", nlohmann::json::object())
                        .value("template", nlohmann::json::object())
                        .value("spec", nlohmann::json::object())
                        .value("containers", nlohmann::json::array());
  for (const auto& c : containers)
    if (c.value("name", "") == "discovery" && c.contains("image") && c["image"].is_string())
      return c["image"].get<std::string>();
  return std::nullopt;
}

}  // namespace

std::string istio_version_from_tag(const std::string& tag) {
  for (const std::string suffix : {"-distroless", "-debug"}) {
    if (tag.size() > suffix.size() &&
        tag.compare(tag.size() - suffix.size(), suffix.size(), suffix) == 0)
      return tag.substr(0, tag.size() - suffix.size());
  }
  return tag;
}

ClusterIstio probe_cluster_istio(const kube::ConnectionFlags& flags) {
  ClusterIstio result;
  try {
    kube::ConnectionFlags probe_flags = flags;
    if (!probe_flags.request_timeout || probe_flags.request_timeout->empty() ||
        *probe_flags.request_timeout == "0")
      probe_flags.request_timeout = kDefaultProbeTimeout;
    kube::RestConfig config = kube::load_rest_config(probe_flags);
    result.server = kube::redact_url(config.server);
    // The transport alone: one GET, no discovery and no cache writes.
    kube::HttpTransport transport(config);
    transport.set_warning_sink({});
    kube::HttpResponse response = transport.send(kube::HttpRequest::get(kIstiodPath));
    result.reachable = true;
    if (response.status == 404) {
      result.installed = false;
      return result;
    }
    if (response.status < 200 || response.status >= 300)
      kube::throw_api_error(response.status, response.body, "get deployments.apps istiod");
    result.installed = true;
    auto deployment = nlohmann::json::parse(response.body, nullptr, false);
    auto image = discovery_image(deployment);
    if (!image) {
      result.detail = "Deployment istio-system/istiod has no \"discovery\" container";
      return result;
    }
    auto tag = kube::parse_image_reference(*image).tag;
    if (tag.empty()) {
      result.detail = "the istiod image " + *image + " has no tag";
      return result;
    }
    result.version = istio_version_from_tag(tag);
  } catch (const kube::ApiError& e) {
    result.detail = result.server + ": " + e.what();
  } catch (const std::exception& e) {
    result.detail = e.what();
  }
  return result;
}

}  // namespace kyma::cli
