#include "core/istio/workload_restart.hpp"

#include <thread>

#include <nlohmann/json.hpp>

#include "core/kube/api_error.hpp"
#include "core/kube/client.hpp"

namespace kyma::istio {
namespace {

bool retriable(const kube::ApiError& e) {
  switch (e.reason()) {
    case kube::StatusReason::kTooManyRequests:
    case kube::StatusReason::kServerTimeout:
    case kube::StatusReason::kTimeout:
    case kube::StatusReason::kServiceUnavailable:
    case kube::StatusReason::kConflict:
      return true;
    default:
      return e.http_status() == 503 || e.http_status() == 504 || e.http_status() == 429 ||
             e.http_status() == 409;
  }
}

nlohmann::json restart_patch(const std::string& timestamp) {
  return {
      {"spec",
       {{"template", {{"metadata", {{"annotations", {{kRestartedAtAnnotation, timestamp}}}}}}}}}};
}

}  // namespace

std::string restart_patch_body(const std::string& timestamp) {
  return restart_patch(timestamp).dump();
}

void restart_workload(kube::Client& client, const std::string& kind, const std::string& ns,
                      const std::string& name, const std::string& timestamp,
                      const RestartRetry& retry) {
  if (kind != "Deployment" && kind != "DaemonSet" && kind != "StatefulSet" &&
      kind != "ReplicaSet") {
    throw Error("kind " + kind + " is not supported for rollout");
  }
  auto wait = retry.first_wait;
  for (int attempt = 1;; ++attempt) {
    try {
      client.patch("apps/v1", kind, ns, name, kube::PatchType::kStrategicMerge,
                   restart_patch(timestamp));
      return;
    } catch (const kube::ApiError& e) {
      if (!retriable(e) || attempt >= retry.attempts) throw;
    }
    std::this_thread::sleep_for(wait);
    wait = std::chrono::milliseconds(static_cast<long>(wait.count() * retry.factor));
  }
}

}  // namespace kyma::istio
