#include "plugins/proxy-restart/sidecar_restarter.hpp"

#include <algorithm>
#include <map>

#include "core/istio/last_applied.hpp"
#include "core/istio/proxy_expectations.hpp"
#include "core/istio/release_traits.hpp"
#include "core/istio/workload_restart.hpp"
#include "core/kube/client.hpp"
#include "core/manifest/object_access.hpp"
#include "core/manifest/yaml.hpp"

namespace kyma::proxy_restart {
namespace {

using istio::ActionKind;
using nlohmann::json;

constexpr int kPageSize = 30;  // the operator's page size (§6.4)

json spec_field(const json& spec, const std::string& pointer) {
  json::json_pointer ptr(pointer);
  return spec.contains(ptr) ? spec[ptr] : json();
}

bool truthy(const json& value) {
  return value.is_boolean() && value.get<bool>();
}

// defaultConfig.statusPort of the mesh config being installed (15020 unless set).
int status_port(const plugin::ReconcileContext& context) {
  for (const auto& component : context.rendered->components) {
    for (const auto& object : component.objects) {
      if (manifest::kind_of(object) != "ConfigMap" || manifest::name_of(object) != "istio") {
        continue;
      }
      json mesh = manifest::parse_yaml(object.value("/data/mesh"_json_pointer, std::string()),
                                       "ConfigMap istio-system/istio data.mesh");
      json port = mesh.value("/defaultConfig/statusPort"_json_pointer, json());
      if (port.is_number_integer()) return port.get<int>();
    }
  }
  return 15020;
}

std::string key_of(const istio::RestartAction& action) {
  return std::to_string(static_cast<int>(action.kind)) + " " + action.target_kind + " " +
         action.ns + "/" + action.name;
}

void add_reasons(std::vector<std::string>& into, const std::vector<std::string>& reasons) {
  for (const auto& reason : reasons) {
    if (std::find(into.begin(), into.end(), reason) == into.end()) into.push_back(reason);
  }
}

std::string target_of(const istio::RestartAction& action) {
  return action.target_kind + " " + action.ns + "/" + action.name;
}

PassOutcome plan_and_run(kube::Client& client, const std::vector<SelectedPod>& pods,
                         bool fail_on_error, const RestartWrite& write) {
  if (pods.empty()) return {};
  return run_pass(plan_pass(pods, istio::cluster_owner_lookup(client)), fail_on_error, write);
}

}  // namespace

SelectionContext selection_for(const plugin::ReconcileContext& context) {
  const istio::MergedConfig& merged = *context.merged;
  istio::ProxyResources expected = istio::expected_proxy_resources(merged);
  SelectionContext sel;
  sel.expected_image = istio::expected_proxy_image(merged);
  sel.expected_resources = {expected.requests_cpu, expected.requests_memory, expected.limits_cpu,
                            expected.limits_memory};
  sel.status_port = status_port(context);
  const json& spec = context.spec();
  sel.prometheus_merge = truthy(spec_field(spec, "/config/telemetry/metrics/prometheusMerge"));
  const auto& traits = istio::release_traits(merged.istio_version);
  sel.compatibility_changed =
      !traits.compatibility_proxy_metadata.empty() &&
      truthy(spec_field(spec, "/compatibilityMode")) !=
          truthy(istio::last_applied_field(context.last_applied, "/compatibilityMode"));
  sel.dns_proxying_changed =
      spec_field(spec, "/config/enableDNSProxying") !=
      istio::last_applied_field(context.last_applied, "/config/enableDNSProxying");
  sel.stats_matcher_changed = istio::stats_matcher_changed(spec, context.last_applied);
  sel.disable_cni = context.facts.features.disable_cni;
  return sel;
}

// The operator lists once per pass; once is enough, as nothing is acted on while listing. A
// continue token that expires mid-way starts the list over.
Selection select_pods(kube::Client& client, const SelectionContext& sel, const std::string& ns) {
  Selection selected;
  kube::ListOptions options;
  options.field_selector = "status.phase=Running";
  options.limit = kPageSize;
  client.list_pages(
      "v1", "Pod", ns, options,
      [&](const json& page) {
        for (const auto& pod : page["items"]) {
          if (!is_candidate(pod)) continue;
          auto reasons = restart_reasons(pod, sel);
          if (reasons.empty()) continue;
          auto& pass = in_pass(pod, WorkloadPass::kKyma) ? selected.kyma : selected.customer;
          pass.push_back({pod, std::move(reasons)});
        }
        return true;
      },
      [&] { selected = {}; });
  return selected;
}

std::vector<PlannedAction> plan_pass(const std::vector<SelectedPod>& pods,
                                     const istio::OwnerLookup& lookup) {
  std::vector<PlannedAction> plan;
  std::map<std::string, size_t> index;  // key_of(action) -> position in plan
  for (const auto& [pod, reasons] : pods) {
    istio::RestartAction action = istio::decide_restart(pod, lookup);
    const std::string pod_name = pod.value("/metadata/name"_json_pointer, std::string());
    auto [it, added] = index.emplace(key_of(action), plan.size());
    if (added) plan.push_back({std::move(action), {}, {}});
    PlannedAction& planned = plan[it->second];
    planned.pods.push_back(pod_name);
    add_reasons(planned.reasons, reasons);
  }
  return plan;
}

RestartWrite cluster_writes(kube::Client& client, const std::string& timestamp) {
  return [&client, timestamp](const istio::RestartAction& action) {
    if (action.kind == ActionKind::kDeletePod) {
      client.remove("v1", "Pod", action.ns, action.name);
    } else {
      istio::restart_workload(client, action.target_kind, action.ns, action.name, timestamp);
    }
  };
}

RestartWrite no_writes() {
  return [](const istio::RestartAction&) {};
}

PassOutcome run_pass(const std::vector<PlannedAction>& plan, bool fail_on_error,
                     const RestartWrite& write) {
  PassOutcome outcome;
  for (const auto& planned : plan) {
    const istio::RestartAction& action = planned.action;
    switch (action.kind) {
      case ActionKind::kSkip:
        outcome.skipped.push_back(planned);
        continue;
      case ActionKind::kWarn:
        if (fail_on_error) {
          outcome.error = action.ns + "/" + action.name + ": " + action.message;
          return outcome;
        }
        outcome.manual.push_back(planned);
        continue;
      case ActionKind::kError:
        if (fail_on_error) {
          outcome.error = action.message;
          return outcome;
        }
        outcome.manual.push_back(planned);
        continue;
      case ActionKind::kRollout:
      case ActionKind::kDeletePod:
        break;
    }
    try {
      write(action);
      outcome.restarted.push_back(planned);
    } catch (const Error& e) {
      if (fail_on_error) {
        outcome.error = target_of(action) + ": " + e.what();
        return outcome;
      }
      PlannedAction failed = planned;
      failed.action.message = e.what();
      outcome.manual.push_back(std::move(failed));
    }
  }
  return outcome;
}

std::vector<PlannedAction> RestarterOutcome::restarted() const {
  std::vector<PlannedAction> all = kyma.restarted;
  all.insert(all.end(), customer.restarted.begin(), customer.restarted.end());
  return all;
}

std::vector<WorkloadRef> RestarterOutcome::warnings() const {
  if (customer_pass_error) return {{"n/a", "n/a"}};
  std::vector<WorkloadRef> refs;
  for (const auto& planned : customer.manual) {
    refs.push_back({planned.action.ns, planned.action.name});
  }
  return refs;
}

RestarterOutcome restart_sidecars(kube::Client& client, const SelectionContext& selection,
                                  const std::string& ns, const RestartWrite& write) {
  RestarterOutcome outcome;
  Selection selected;
  try {
    selected = select_pods(client, selection, ns);
    outcome.kyma = plan_and_run(client, selected.kyma, true, write);
  } catch (const Error& e) {
    outcome.error = e.what();
    return outcome;
  }
  if (outcome.kyma.error) {
    outcome.error = outcome.kyma.error;
    return outcome;
  }
  try {
    outcome.customer = plan_and_run(client, selected.customer, false, write);
  } catch (const Error& e) {
    outcome.customer_pass_error = e.what();
  }
  return outcome;
}

}  // namespace kyma::proxy_restart
