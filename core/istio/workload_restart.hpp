#pragma once
// The operator's restart mechanism (operator-behaviour.md §6.2): a strategic merge patch that
// stamps `istio-operator.kyma-project.io/restartedAt` on a workload's pod template, so its
// controller rolls the pods, retried on throttling, timeouts, unavailability and conflicts as
// client-go's DefaultBackoff does.
#include <chrono>
#include <string>

namespace kyma::kube {
class Client;
}

namespace kyma::istio {

inline constexpr const char* kRestartedAtAnnotation = "istio-operator.kyma-project.io/restartedAt";

struct RestartRetry {
  int attempts = 4;  // DefaultBackoff: 4 steps from 10 ms, factor 5
  std::chrono::milliseconds first_wait{10};
  double factor = 5.0;
};

// Restarts Deployment, DaemonSet, StatefulSet or ReplicaSet `ns/name` (apps/v1) with `timestamp`
// (RFC 3339). Throws kube::NotFoundError when it does not exist, kyma::Error for another kind,
// and the last API error when the retries run out.
void restart_workload(kube::Client& client, const std::string& kind, const std::string& ns,
                      const std::string& name, const std::string& timestamp,
                      const RestartRetry& retry = {});

// The patch body, for dry runs and tests.
std::string restart_patch_body(const std::string& timestamp);

}  // namespace kyma::istio
