#pragma once
// Whether an object is ready, judged from the objects alone (no server): CRD Established, and
// Deployment / DaemonSet / StatefulSet rolled out as istioctl's installer judges them (for a
// Deployment: its new ReplicaSet has spec.replicas ready pods), with `kubectl rollout status`'s
// progress lines as messages. Also why a workload's pods are not ready, from its newest pod.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kyma::kube {

struct Readiness {
  bool ready = false;
  std::string message;  // why not ready, or the success line ("deployment "x" successfully ...")
};

Readiness crd_established(const nlohmann::json& crd);
// istioctl's rule: the new ReplicaSet (the one among `replica_sets` that the Deployment owns
// and whose pod template is the Deployment's) has at least spec.replicas ready pods.
Readiness deployment_rolled_out(const nlohmann::json& deployment,
                                const std::vector<nlohmann::json>& replica_sets);
// `kubectl rollout status`'s rule, from the Deployment's status counts alone.
Readiness deployment_rolled_out(const nlohmann::json& deployment);
Readiness daemonset_rolled_out(const nlohmann::json& daemonset);
Readiness statefulset_rolled_out(const nlohmann::json& statefulset);

// A LabelSelector object ({matchLabels, matchExpressions}) in the query form
// ("app=x,tier in (a,b),!legacy"); "" for an empty selector.
std::string label_selector_string(const nlohmann::json& selector);

// Why the pods are not ready, from the newest pod that shows a reason (a waiting or failed
// container, an unscheduled or unready pod): `pod "x": container "c" is waiting: ...`.
// "" when no pod says anything.
std::string pod_failure_reason(const std::vector<nlohmann::json>& pods);

}  // namespace kyma::kube
