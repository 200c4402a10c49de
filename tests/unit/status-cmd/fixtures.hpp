#pragma once
// API objects for the status tests, as the API server would return them (only the fields that
// matter).
#include <string>

#include <nlohmann/json.hpp>

namespace kyma::status::test {

using nlohmann::json;

inline const std::string kHub = "europe-docker.pkg.dev/kyma-project/prod/external/istio";

inline std::string proxy(const std::string& tag) {
  return kHub + "/proxyv2:" + tag;
}

// A running pod with an istio-proxy sidecar of `image` ("" for none), owned by `owner_kind`
// `owner_name` ("" for no owner).
inline json pod(const std::string& ns, const std::string& name, const std::string& image,
                const std::string& owner_kind = "", const std::string& owner_name = "") {
  json p = {{"metadata", {{"name", name}, {"namespace", ns}}},
            {"spec", {{"containers", json::array({{{"name", "app"}, {"image", "nginx"}}})}}},
            {"status", {{"phase", "Running"}}}};
  if (!image.empty()) {
    p["spec"]["containers"].push_back({{"name", "istio-proxy"}, {"image", image}});
  }
  if (!owner_kind.empty()) {
    p["metadata"]["ownerReferences"] = json::array({{{"apiVersion", "apps/v1"},
                                                     {"kind", owner_kind},
                                                     {"name", owner_name},
                                                     {"uid", "u-" + owner_name},
                                                     {"controller", true}}});
  }
  return p;
}

inline json replica_set(const std::string& ns, const std::string& name,
                        const std::string& deployment) {
  json rs = {{"metadata", {{"name", name}, {"namespace", ns}}}};
  if (!deployment.empty()) {
    rs["metadata"]["ownerReferences"] =
        json::array({{{"kind", "Deployment"}, {"name", deployment}, {"controller", true}}});
  }
  return rs;
}

inline json injector(const std::string& tag, const std::string& image = "proxyv2") {
  json values = {{"global", {{"hub", kHub}, {"tag", tag}, {"proxy", {{"image", image}}}}}};
  return {{"metadata", {{"name", "istio-sidecar-injector"}, {"namespace", "istio-system"}}},
          {"data", {{"values", values.dump()}, {"config", "policy: enabled"}}}};
}

// A control-plane workload in istio-system: `container` runs `image`.
inline json workload(const std::string& kind, const std::string& name, const std::string& container,
                     const std::string& image, const json& match_labels, int desired, int ready) {
  json w = {{"kind", kind}, {"metadata", {{"name", name}, {"namespace", "istio-system"}}}};
  w["spec"]["selector"]["matchLabels"] = match_labels;
  w["spec"]["template"]["metadata"]["labels"] = match_labels;
  w["spec"]["template"]["spec"]["containers"] =
      json::array({{{"name", container}, {"image", image}}});
  if (kind == "DaemonSet") {
    w["status"] = {{"desiredNumberScheduled", desired}, {"numberReady", ready}};
  } else {
    w["spec"]["replicas"] = desired;
    w["status"] = {{"readyReplicas", ready}};
  }
  return w;
}

// A control-plane pod in istio-system with `labels`, running `image` in `container`.
inline json component_pod(const std::string& name, const json& labels, const std::string& container,
                          const std::string& image) {
  return {{"metadata", {{"name", name}, {"namespace", "istio-system"}, {"labels", labels}}},
          {"spec", {{"containers", json::array({{{"name", container}, {"image", image}}})}}},
          {"status", {{"phase", "Running"}}}};
}

inline const json kIstiodLabels = {{"app", "istiod"}, {"istio", "pilot"}};
inline const json kIngressLabels = {{"app", "istio-ingressgateway"}, {"istio", "ingressgateway"}};
inline const json kCniLabels = {{"k8s-app", "istio-cni-node"}};

inline std::string pilot(const std::string& tag) {
  return kHub + "/pilot:" + tag;
}
inline std::string cni(const std::string& tag) {
  return kHub + "/install-cni:" + tag;
}

// The Istio CR as the operator leaves it after a successful reconcile of `spec` with `tag`.
json ready_cr(const std::string& name, const std::string& created, const json& spec,
              const std::string& tag);

}  // namespace kyma::status::test
