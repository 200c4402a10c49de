#include "plugins/proxy-restart/sidecar_restart_stage.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/istio/conditions.hpp"
#include "core/istio/last_applied.hpp"
#include "core/istio/proxy_expectations.hpp"
#include "core/istio/release_traits.hpp"
#include "core/istio/restart_action.hpp"
#include "core/istio/workload_restart.hpp"
#include "core/kube/api_error.hpp"
#include "core/kube/client.hpp"
#include "core/manifest/object_access.hpp"
#include "core/manifest/yaml.hpp"
#include "core/reconcile/cr_status.hpp"
#include "core/ui/progress.hpp"
#include "plugins/proxy-restart/restart_summary.hpp"
#include "plugins/proxy-restart/sidecar_selection.hpp"

namespace kyma::proxy_restart {
namespace {

using istio::Level;
using istio::Reason;
using nlohmann::json;
using plugin::ReconcileContext;

constexpr int kPageSize = 30;  // the operator's page size (§6.4)

const char* const kFailureDescription = "Error occurred during reconciliation of Istio Sidecars";
const char* const kWarningDescription =
    "Some Pods with Istio sidecar injection failed to restart. To learn more about the warning, "
    "see kyma-system/istio-controller-manager logs";
const char* const kWarningError = "could not restart one or more Istio-injected Pods";

// The sidecar settings the restarter remembers once every restart went through (§1.7).
const std::vector<std::string>& remembered_fields() {
  static const std::vector<std::string> fields = {"/compatibilityMode", "/config/enableDNSProxying",
                                                  "/config/proxyStatsMatcher"};
  return fields;
}

json spec_field(const json& spec, const std::string& pointer) {
  json::json_pointer ptr(pointer);
  return spec.contains(ptr) ? spec[ptr] : json();
}

bool truthy(const json& value) {
  return value.is_boolean() && value.get<bool>();
}

// defaultConfig.statusPort of the mesh config being installed (15020 unless set).
int status_port(const ReconcileContext& context) {
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

SelectionContext selection_for(const ReconcileContext& context) {
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

struct Selected {
  json pod;
  std::vector<std::string> reasons;
};

struct Selection {
  std::vector<Selected> kyma;
  std::vector<Selected> customer;
};

// Running pods cluster-wide in pages of 30, as the operator lists them, split into the two
// passes (the operator lists once per pass; once is enough). A continue token that expires
// mid-way starts the list over: nothing has been acted on yet.
Selection select_pods(kube::Client& client, const SelectionContext& sel) {
  Selection selected;
  kube::ListOptions options;
  options.field_selector = "status.phase=Running";
  options.limit = kPageSize;
  client.list_pages(
      "v1", "Pod", "", options,
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

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

struct PassResult {
  std::vector<WorkloadRef> warnings;
  std::optional<std::string> error;
  int restarted = 0;
};

// Acts on the selected pods (§6.6): each parent once, Jobs and bare pods as warnings.
PassResult restart_pass(ReconcileContext& context, const std::vector<Selected>& pods,
                        bool fail_on_warning) {
  kube::Client& client = context.client();
  istio::OwnerLookup lookup = istio::cluster_owner_lookup(client);
  PassResult result;
  std::set<std::string> done;
  const std::string now = istio::rfc3339_now();
  for (const auto& [pod, reasons] : pods) {
    istio::RestartAction action = istio::decide_restart(pod, lookup);
    const std::string target = action.target_kind + " " + action.ns + "/" + action.name;
    switch (action.kind) {
      case istio::ActionKind::kWarn:
        if (fail_on_warning) {
          result.error = action.ns + "/" + action.name + ": " + action.message;
          return result;
        }
        result.warnings.push_back({action.ns, action.name});
        context.progress().note("warning: " + action.ns + "/" + action.name + ": " +
                                action.message);
        continue;
      case istio::ActionKind::kSkip:
        context.progress().note(target + " " + action.message);
        continue;
      case istio::ActionKind::kError:
        if (fail_on_warning) {
          result.error = action.message;
          return result;
        }
        result.warnings.push_back({action.ns, action.name});
        context.progress().note("warning: " + target + ": " + action.message);
        continue;
      case istio::ActionKind::kRollout:
      case istio::ActionKind::kDeletePod:
        break;
    }
    if (!done.insert(target).second) continue;
    if (context.dry_run()) {
      context.summarize(target + " would be restarted (" + joined(reasons) + ")");
      continue;
    }
    try {
      if (action.kind == istio::ActionKind::kDeletePod) {
        client.remove("v1", "Pod", action.ns, action.name);
      } else {
        istio::restart_workload(client, action.target_kind, action.ns, action.name, now);
      }
      ++result.restarted;
      context.progress().note("Restarted " + target + " (" + joined(reasons) + ")");
    } catch (const Error& e) {
      if (fail_on_warning) {
        result.error = target + ": " + e.what();
        return result;
      }
      result.warnings.push_back({action.ns, action.name});
      context.progress().note("warning: " + target + ": " + e.what());
    }
  }
  return result;
}

}  // namespace

void restart_sidecars_stage(ReconcileContext& context) {
  auto failed = [&](const std::string& error) {
    context.set_condition(Reason::kProxySidecarRestartFailed);
    context.fail({error, kFailureDescription, Level::kError, true, false,
                  Reason::kProxySidecarRestartFailed},
                 ExitCode::kFailure);
  };
  Selection selected;
  try {
    selected = select_pods(context.client(), selection_for(context));
  } catch (const Error& e) {
    failed(e.what());
    return;
  }
  PassResult kyma_result = restart_pass(context, selected.kyma, true);
  if (kyma_result.error) {
    failed(*kyma_result.error);
    return;
  }
  PassResult customer_result;
  try {
    customer_result = restart_pass(context, selected.customer, false);
  } catch (const Error& e) {
    customer_result.warnings = {{"n/a", "n/a"}};
    context.progress().note(std::string("warning: failed to restart Customer proxies: ") +
                            e.what());
  }
  int restarted = kyma_result.restarted + customer_result.restarted;
  if (restarted > 0) {
    context.summarize(std::to_string(restarted) + " workload(s) restarted for new sidecars");
  }
  if (!customer_result.warnings.empty()) {
    std::string message = manual_restart_message(customer_result.warnings);
    context.set_condition(Reason::kProxySidecarManualRestartRequired, message);
    context.summarize(message);
    context.fail({kWarningError, kWarningDescription, Level::kWarning, true, false,
                  Reason::kProxySidecarManualRestartRequired},
                 ExitCode::kActionRequired);
    return;
  }
  std::optional<json> current;
  try {
    current = istio::read_last_applied(context.cr);
  } catch (const Error&) {
  }
  try {
    reconcile::write_last_applied(
        context, istio::merge_last_applied(current, context.spec(), remembered_fields()));
  } catch (const Error& e) {
    failed(e.what());
    return;
  }
  context.set_condition(Reason::kProxySidecarRestartSucceeded);
}

}  // namespace kyma::proxy_restart
