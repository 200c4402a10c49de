#include "plugins/proxy-restart/sidecar_selection.hpp"

#include "core/kube/quantity.hpp"

namespace kyma::proxy_restart {

using nlohmann::json;

namespace {

std::string annotation(const json& pod, const std::string& key) {
  const auto& annotations = pod.value("/metadata/annotations"_json_pointer, json::object());
  auto it = annotations.find(key);
  return it != annotations.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool has_annotation(const json& pod, const std::string& key) {
  return pod.value("/metadata/annotations"_json_pointer, json::object()).contains(key);
}

std::vector<json> proxy_containers(const json& pod) {
  std::vector<json> out;
  for (const char* list : {"/spec/containers", "/spec/initContainers"}) {
    for (const auto& c : pod.value(json::json_pointer(list), json::array())) {
      if (c.value("name", "") == "istio-proxy") out.push_back(c);
    }
  }
  return out;
}

bool has_init_container(const json& pod, const std::string& name) {
  for (const auto& c : pod.value("/spec/initContainers"_json_pointer, json::array())) {
    if (c.value("name", "") == name) return true;
  }
  return false;
}

// Quantity equality of an optional expected value with a container's value.
bool same_quantity(const std::optional<std::string>& expected, const json& actual) {
  if (!expected || actual.is_null()) return !expected && actual.is_null();
  auto a = kube::Quantity::parse(*expected);
  auto b = kube::Quantity::parse(actual.is_string() ? actual.get<std::string>() : actual.dump());
  return a && b && *a == *b;
}

// The resources the pod should have, rebuilt from its resource annotations if it has any.
// nullopt when an annotation does not parse: such a pod does not match on resources.
std::optional<ProxyResources> expected_for(const json& pod, const ProxyResources& defaults) {
  const char* keys[] = {"sidecar.istio.io/proxyCPU", "sidecar.istio.io/proxyMemory",
                        "sidecar.istio.io/proxyCPULimit", "sidecar.istio.io/proxyMemoryLimit"};
  bool any = false;
  for (const char* key : keys) any = any || has_annotation(pod, key);
  if (!any) return defaults;
  ProxyResources r;
  auto read = [&](const char* key, std::optional<std::string>& into) {
    if (!has_annotation(pod, key)) return true;
    std::string value = annotation(pod, key);
    if (!kube::Quantity::parse(value)) return false;
    into = value;
    return true;
  };
  if (!read(keys[0], r.requests_cpu) || !read(keys[1], r.requests_memory) ||
      !read(keys[2], r.limits_cpu) || !read(keys[3], r.limits_memory)) {
    return std::nullopt;
  }
  // A limit without its request also sets the request, as injection does.
  if (!r.requests_cpu && r.limits_cpu) r.requests_cpu = r.limits_cpu;
  if (!r.requests_memory && r.limits_memory) r.requests_memory = r.limits_memory;
  return r;
}

bool resources_differ(const json& container, const ProxyResources& expected) {
  const json& res = container.value("resources", json::object());
  auto get = [&](const char* section, const char* key) {
    return res.value(json::json_pointer(std::string("/") + section + "/" + key), json());
  };
  return !same_quantity(expected.requests_cpu, get("requests", "cpu")) ||
         !same_quantity(expected.requests_memory, get("requests", "memory")) ||
         !same_quantity(expected.limits_cpu, get("limits", "cpu")) ||
         !same_quantity(expected.limits_memory, get("limits", "memory"));
}

}  // namespace

bool is_candidate(const json& pod) {
  if (pod.contains("/metadata/deletionTimestamp"_json_pointer)) return false;
  if (pod.value("/status/phase"_json_pointer, std::string()) != "Running") return false;
  for (const auto& c : pod.value("/status/conditions"_json_pointer, json::array())) {
    if (c.value("status", "") != "True") return false;
  }
  return has_annotation(pod, "sidecar.istio.io/status");
}

bool in_pass(const json& pod, WorkloadPass pass) {
  bool kyma = pod.value("/metadata/namespace"_json_pointer, std::string()) == "kyma-system" ||
              !pod.value("/metadata/labels"_json_pointer, json::object())
                   .value("kyma-project.io/module", "")
                   .empty();
  return pass == WorkloadPass::kKyma ? kyma : !kyma;
}

std::vector<std::string> restart_reasons(const json& pod, const SelectionContext& ctx) {
  std::vector<std::string> reasons;
  if (ctx.compatibility_changed) reasons.push_back("compatibilityMode");

  const std::string path = annotation(pod, "prometheus.io/path");
  const std::string port = annotation(pod, "prometheus.io/port");
  const std::string status_port = std::to_string(ctx.status_port);
  bool merged = path == "/stats/prometheus" || port == status_port;
  bool fully_merged = path == "/stats/prometheus" && port == status_port;
  if (ctx.prometheus_merge ? !fully_merged : merged) reasons.push_back("prometheusMerge");

  if (!has_annotation(pod, "sidecar.istio.io/proxyImage")) {
    auto proxies = proxy_containers(pod);
    for (const auto& c : proxies) {
      if (c.value("image", "") != ctx.expected_image) {
        reasons.push_back("image");
        break;
      }
    }
    if (auto expected = expected_for(pod, ctx.expected_resources)) {
      for (const auto& c : proxies) {
        if (resources_differ(c, *expected)) {
          reasons.push_back("resources");
          break;
        }
      }
    }
  }
  if (ctx.dns_proxying_changed) reasons.push_back("enableDNSProxying");
  if (ctx.stats_matcher_changed) reasons.push_back("proxyStatsMatcher");
  if (ctx.disable_cni ? has_init_container(pod, "istio-validation")
                      : has_init_container(pod, "istio-init")) {
    reasons.push_back("cni");
  }
  return reasons;
}

}  // namespace kyma::proxy_restart
