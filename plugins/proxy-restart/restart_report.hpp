#pragma once
// How `restart` shows what the sidecar restarter did or would do: the dry run's table, one line
// per restarted or manual-restart workload, and the workloads whose rollout it waits for.
#include <ostream>
#include <string>
#include <vector>

#include "core/kube/wait.hpp"
#include "plugins/proxy-restart/sidecar_restarter.hpp"

namespace kyma::proxy_restart {

// kubectl's resource names: "deployment.apps/web", "pod/web-1", "crontab/x" for other kinds.
std::string kubectl_name(const std::string& kind, const std::string& name);

// NAMESPACE KIND NAME PODS REASONS ACTION, one row per parent acted on (ACTION Restart or
// DeletePod), per pod that needs a manual restart (ManualRestart) and per parent left alone
// while another rollout runs (RolloutInProgress); Kyma's pass first.
void print_plan_table(std::ostream& out, const RestarterOutcome& outcome);

// "deployment.apps/web -n shop restarted (image,resources)"; "pod/x -n shop deleted (image)".
std::string restarted_line(const PlannedAction& planned);
// "pod/lonely -n shop needs a manual restart (image): <why>".
std::string manual_line(const PlannedAction& planned);

// The restarted workloads a rollout can be waited for (Deployments, DaemonSets, StatefulSets).
std::vector<kube::WaitTarget> rollout_targets(const std::vector<PlannedAction>& restarted);

}  // namespace kyma::proxy_restart
