#pragma once
// The Istio CR's status: its states, condition types and reasons with the operator's default
// messages (operator-behaviour.md §2), and apimachinery SetStatusCondition semantics.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kyma::istio {

namespace state {
inline constexpr const char* kReady = "Ready";
inline constexpr const char* kProcessing = "Processing";
inline constexpr const char* kError = "Error";
inline constexpr const char* kDeleting = "Deleting";
inline constexpr const char* kWarning = "Warning";
}  // namespace state

namespace condition_type {
inline constexpr const char* kReady = "Ready";
inline constexpr const char* kProxySidecarRestartSucceeded = "ProxySidecarRestartSucceeded";
inline constexpr const char* kIngressTargetingUserResourceFound =
    "IngressTargetingUserResourceFound";
}  // namespace condition_type

enum class Reason {
  kReconcileSucceeded,
  kReconcileUnknown,
  kReconcileRequeued,
  kReconcileFailed,
  kValidationFailed,
  kOlderCRExists,
  kOldestCRNotFound,
  kIstioInstallNotNeeded,
  kIstioInstallSucceeded,
  kIstioUninstallSucceeded,
  kIstioInstallUninstallFailed,
  kIstioCustomResourceMisconfigured,
  kIstioCustomResourcesDangling,
  kIstioVersionUpdateNotAllowed,
  kCustomResourcesReconcileSucceeded,
  kCustomResourcesReconcileFailed,
  kProxySidecarRestartSucceeded,
  kProxySidecarRestartFailed,
  kProxySidecarRestartPartiallySucceeded,
  kProxySidecarManualRestartRequired,
  kIngressGatewayRestartSucceeded,
  kIngressGatewayRestartFailed,
  kEgressGatewayRestartSucceeded,
  kEgressGatewayRestartFailed,
  kIngressTargetingUserResourceFound,
  kIngressTargetingUserResourceNotFound,
  kIngressTargetingUserResourceDetectionFailed,
};

struct ReasonInfo {
  const char* name;     // the reason string written to the condition
  const char* type;     // the condition type it belongs to
  const char* status;   // "True", "False" or "Unknown"
  const char* message;  // the operator's default message
};

const ReasonInfo& reason_info(Reason reason);
std::optional<Reason> reason_from_name(const std::string& name);
bool is_ready_type(Reason reason);

struct Condition {
  std::string type;
  std::string status;
  std::string reason;
  std::string message;
  std::string last_transition_time;  // RFC 3339

  nlohmann::json to_json() const;
  static Condition from_json(const nlohmann::json& j);
};

// A condition for `reason`, with its default message unless `message` is given.
Condition make_condition(Reason reason, const std::optional<std::string>& message = std::nullopt);

// SetStatusCondition: one entry per type; lastTransitionTime changes only when the status does.
// `now` is the RFC 3339 time to stamp on a transition. Returns whether anything changed.
bool set_condition(std::vector<Condition>& conditions, Condition condition, const std::string& now);
const Condition* find_condition(const std::vector<Condition>& conditions, const std::string& type);

// The current time as Kubernetes writes it (RFC 3339, seconds, UTC).
std::string rfc3339_now();

}  // namespace kyma::istio
