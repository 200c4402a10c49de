#pragma once
// Waiting with a deadline, for the features: CRD Established, Deployment / DaemonSet /
// StatefulSet rolled out (as `kubectl rollout status` and istioctl judge it), object gone.
// The judgements are pure functions of the objects (testable without a server); the waits poll
// them every `interval` and throw TimeoutError (exit 5) naming what is not ready and why.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kyma::kube {

class Client;

struct Readiness {
  bool ready = false;
  std::string message;  // why not ready, or the success line ("deployment "x" successfully ...")
};

struct WaitOptions {
  std::chrono::milliseconds timeout{std::chrono::minutes(5)};
  std::chrono::milliseconds interval{std::chrono::seconds(1)};
  // Called with each new progress message (kubectl's "Waiting for deployment ..." lines).
  std::function<void(const std::string&)> on_progress{};
};

// What to wait for: a workload kind (Deployment, DaemonSet, StatefulSet,
// CustomResourceDefinition) to be ready, or any object to be gone.
struct WaitTarget {
  std::string api_version{};
  std::string kind{};
  std::string ns{};
  std::string name{};
  bool gone = false;  // wait for deletion instead of readiness
};

// --- judgements (pure) ---
Readiness crd_established(const nlohmann::json& crd);
// `replica_sets`: the ReplicaSets in the Deployment's namespace (any; the owned new one is picked).
// Empty: judged as `kubectl rollout status` only.
Readiness deployment_rolled_out(const nlohmann::json& deployment,
                                const std::vector<nlohmann::json>& replica_sets = {});
Readiness daemonset_rolled_out(const nlohmann::json& daemonset);
Readiness statefulset_rolled_out(const nlohmann::json& statefulset);

// --- waits (poll through the client) ---
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

}  // namespace kyma::kube
