#include "core/istio/conditions.hpp"

#include <array>
#include <ctime>

namespace kyma::istio {

namespace {

using condition_type::kIngressTargetingUserResourceFound;
using condition_type::kProxySidecarRestartSucceeded;
using condition_type::kReady;

// Indexed by Reason; messages as the operator writes them (including its typos).
const std::array<ReasonInfo, 27> kReasons = {{
    {"ReconcileSucceeded", kReady, "True", "Reconciliation succeeded"},
    {"ReconcileUnknown", kReady, "Unknown",
     "Module readiness is unknown. Either a reconciliation is progressing, or failed previously. "
     "Check status of other conditions"},
    {"ReconcileRequeued", kReady, "False", "Proxy reset is still ongoing. Reconciliation requeued"},
    {"ReconcileFailed", kReady, "False", "Reconciliation failed"},
    {"ValidationFailed", kReady, "False",
     "Reconciliation did not happen as Istio Custom Resource failed to validate"},
    {"OlderCRExists", kReady, "False",
     "This Istio custom resource is not the oldest one and does not represent the module state"},
    {"OldestCRNotFound", kReady, "False", "Oldest Istio custom resource could not be found"},
    {"IstioInstallNotNeeded", kReady, "False", "Istio installation is not needed"},
    {"IstioInstallSucceeded", kReady, "False", "Istio installation succeeded"},
    {"IstioUninstallSucceeded", kReady, "False", "Istio uninstallation succeded"},
    {"IstioInstallUninstallFailed", kReady, "False", "Istio install or uninstall failed"},
    {"IstioCustomResourceMisconfigured", kReady, "False",
     "Istio custom resource has invalid configuration"},
    {"IstioCustomResourcesDangling", kReady, "False",
     "Istio deletion blocked because of existing Istio custom resources"},
    {"IstioVersionUpdateNotAllowed", kReady, "False",
     "Update to the new Istio version is not allowed"},
    {"CustomResourcesReconcileSucceeded", kReady, "False",
     "Custom resources reconciliation succeeded"},
    {"CustomResourcesReconcileFailed", kReady, "False", "Custom resources reconciliation failed"},
    {"ProxySidecarRestartSucceeded", kProxySidecarRestartSucceeded, "True",
     "Proxy sidecar restart succeeded"},
    {"ProxySidecarRestartFailed", kProxySidecarRestartSucceeded, "False",
     "Proxy sidecar restart failed"},
    {"ProxySidecarRestartPartiallySucceeded", kProxySidecarRestartSucceeded, "False",
     "Proxy sidecar restart partially succeeded"},
    {"ProxySidecarManualRestartRequired", kProxySidecarRestartSucceeded, "False",
     "Proxy sidecar manual restart is required for some workloads"},
    {"IngressGatewayRestartSucceeded", kReady, "False", "Istio Ingress Gateway restart succeeded"},
    {"IngressGatewayRestartFailed", kReady, "False", "Istio Ingress Gateway restart failed"},
    {"EgressGatewayRestartSucceeded", kReady, "False", "Istio Egress Gateway restart succeeded"},
    {"EgressGatewayRestartFailed", kReady, "False", "Istio Egress Gateway restart failed"},
    {"IngressTargetingUserResourceFound", kIngressTargetingUserResourceFound, "True",
     "Resource targeting Istio Ingress Gateway found"},
    {"IngressTargetingUserResourceNotFound", kIngressTargetingUserResourceFound, "False",
     "Resources targeting Istio Ingress Gateway not found"},
    {"IngressTargetingUserResourceDetectionFailed", kIngressTargetingUserResourceFound, "Unknown",
     "Resource targeting Istio Ingress Gateway detection failed"},
}};

}  // namespace

const ReasonInfo& reason_info(Reason reason) {
  return kReasons.at(static_cast<size_t>(reason));
}

std::optional<Reason> reason_from_name(const std::string& name) {
  for (size_t i = 0; i < kReasons.size(); ++i) {
    if (name == kReasons[i].name) return static_cast<Reason>(i);
  }
  return std::nullopt;
}

bool is_ready_type(Reason reason) {
  return std::string(reason_info(reason).type) == condition_type::kReady;
}

nlohmann::json Condition::to_json() const {
  return {{"type", type},
          {"status", status},
          {"reason", reason},
          {"message", message},
          {"lastTransitionTime", last_transition_time}};
}

Condition Condition::from_json(const nlohmann::json& j) {
  Condition c;
  c.type = j.value("type", "");
  c.status = j.value("status", "");
  c.reason = j.value("reason", "");
  c.message = j.value("message", "");
  c.last_transition_time = j.value("lastTransitionTime", "");
  return c;
}

Condition make_condition(Reason reason, const std::optional<std::string>& message) {
  const auto& info = reason_info(reason);
  return {info.type, info.status, info.name, message.value_or(info.message), ""};
}

bool set_condition(std::vector<Condition>& conditions, Condition condition,
                   const std::string& now) {
  for (auto& existing : conditions) {
    if (existing.type != condition.type) continue;
    bool changed = existing.status != condition.status || existing.reason != condition.reason ||
                   existing.message != condition.message;
    if (existing.status != condition.status) existing.last_transition_time = now;
    existing.status = condition.status;
    existing.reason = condition.reason;
    existing.message = condition.message;
    return changed;
  }
  condition.last_transition_time = now;
  conditions.push_back(std::move(condition));
  return true;
}

const Condition* find_condition(const std::vector<Condition>& conditions, const std::string& type) {
  for (const auto& c : conditions) {
    if (c.type == type) return &c;
  }
  return nullptr;
}

std::string rfc3339_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace kyma::istio
