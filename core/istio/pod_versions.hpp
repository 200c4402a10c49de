#pragma once
// Pod version verification (operator-behaviour.md §3.12): every Istio pod in istio-system must run
// the Istio version that was just installed.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kyma::istio {

// "europe-docker.pkg.dev/x/pilot:1.23.2-distroless@sha256:..." -> "1.23.2"; nullopt if the tag
// does not start with a dotted-tri version.
std::optional<std::string> image_version(const std::string& image);

// Checks the pods (istio-system pods labelled kyma-project.io/module=istio). Terminating pods are
// ignored. Returns the operator's error text, or nullopt when all match `target` ("1.23.2").
std::optional<std::string> verify_pod_versions(const std::vector<nlohmann::json>& pods,
                                               const std::string& target);

}  // namespace kyma::istio
