#pragma once
// Waiting with a deadline, for the features: CRD Established, Deployment / DaemonSet /
// StatefulSet rolled out (rollout_judgement.hpp), object gone. The waits poll every `interval`
// and throw TimeoutError (exit 5) naming every object that is not ready, why, and for a workload
// the reason its newest pod gives.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/kube/rollout_judgement.hpp"

namespace kyma::kube {

class Client;

struct WaitOptions {
  std::chrono::milliseconds timeout{std::chrono::minutes(5)};
  std::chrono::milliseconds interval{std::chrono::seconds(1)};
  // Called with each new progress message (kubectl's "Waiting for deployment ..." lines).
  std::function<void(const std::string&)> on_progress{};
};

// What to wait for: a workload kind (Deployment, DaemonSet, StatefulSet,
// CustomResourceDefinition) to be ready, any other object to exist, or any object to be gone.
struct WaitTarget {
  std::string api_version{};
  std::string kind{};
  std::string ns{};
  std::string name{};
  bool gone = false;  // wait for deletion instead of readiness
};

// Polls `check` until ready; throws TimeoutError "timed out waiting for <what>: <message>".
void wait_until_ready(const std::function<Readiness()>& check, const std::string& what,
                      const WaitOptions& options);
// Current readiness of one target (reads it, and for a Deployment its ReplicaSets).
Readiness check_target(Client& client, const WaitTarget& target);
// Waits for all targets; on timeout the message lists every one that is not ready and why.
void wait_for(Client& client, const std::vector<WaitTarget>& targets, const WaitOptions& options);

void wait_for_crd_established(Client& client, const std::string& name, const WaitOptions& options);
void wait_for_rollout(Client& client, const std::string& kind, const std::string& ns,
                      const std::string& name, const WaitOptions& options);
void wait_for_deletion(Client& client, const std::string& api_version, const std::string& kind,
                       const std::string& ns, const std::string& name, const WaitOptions& options);

// "300ms", "20s", "1m30s", "5m0s": a wait's length as Go prints it.
std::string format_duration(std::chrono::milliseconds duration);

}  // namespace kyma::kube
