#pragma once
// Which pods get their sidecar restarted (operator-behaviour.md §6.4): the candidate filter and
// the predicates. A pod is restarted when it is a candidate, passes the workload-kind pass and at
// least one predicate matches; the matching predicates are returned as the reasons, so a dry run
// can say why.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kyma::proxy_restart {

struct ProxyResources {
  std::optional<std::string> requests_cpu, requests_memory, limits_cpu, limits_memory;
};

struct SelectionContext {
  std::string expected_image;          // <hub>/proxyv2:<tag>
  ProxyResources expected_resources;   // values.global.proxy.resources of the rendered injector
  int status_port = 15020;             // mesh defaultConfig.statusPort
  bool prometheus_merge = false;       // spec.config.telemetry.metrics.prometheusMerge
  bool compatibility_changed = false;  // only when the compatibility proxy metadata is non-empty
  bool dns_proxying_changed = false;
  bool stats_matcher_changed = false;
  bool disable_cni = false;  // istio-features disableCni
};

enum class WorkloadPass { kKyma, kCustomer };

// Running, not terminating, every condition True, and injected (sidecar.istio.io/status).
bool is_candidate(const nlohmann::json& pod);
bool in_pass(const nlohmann::json& pod, WorkloadPass pass);
// The predicates that match, e.g. {"image", "resources"}; empty when the pod stays.
std::vector<std::string> restart_reasons(const nlohmann::json& pod, const SelectionContext& ctx);

}  // namespace kyma::proxy_restart
