#include "plugins/proxy-restart/restart_report.hpp"

#include <algorithm>
#include <cctype>

#include "core/ui/table_printer.hpp"

namespace kyma::proxy_restart {
namespace {

using istio::ActionKind;

std::string comma_joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

bool is_apps_workload(const std::string& kind) {
  return kind == "Deployment" || kind == "DaemonSet" || kind == "StatefulSet" ||
         kind == "ReplicaSet";
}

void add_rows(ui::TablePrinter& table, const std::vector<PlannedAction>& actions,
              const std::string& what) {
  for (const auto& planned : actions) {
    const auto& a = planned.action;
    std::string action = what;
    if (action.empty()) action = a.kind == ActionKind::kDeletePod ? "DeletePod" : "Restart";
    table.add_row({a.ns, a.target_kind, a.name, std::to_string(planned.pods.size()),
                   comma_joined(planned.reasons), action});
  }
}

}  // namespace

std::string kubectl_name(const std::string& kind, const std::string& name) {
  std::string resource = kind;
  std::transform(resource.begin(), resource.end(), resource.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (is_apps_workload(kind)) resource += ".apps";
  return resource + "/" + name;
}

void print_plan_table(std::ostream& out, const RestarterOutcome& outcome) {
  ui::TablePrinter table({"NAMESPACE", "KIND", "NAME", "PODS", "REASONS", "ACTION"});
  for (const PassOutcome* pass : {&outcome.kyma, &outcome.customer}) {
    add_rows(table, pass->restarted, "");
    add_rows(table, pass->manual, "ManualRestart");
    add_rows(table, pass->skipped, "RolloutInProgress");
  }
  table.print(out);
}

std::string restarted_line(const PlannedAction& planned) {
  const auto& a = planned.action;
  return kubectl_name(a.target_kind, a.name) + " -n " + a.ns +
         (a.kind == ActionKind::kDeletePod ? " deleted (" : " restarted (") +
         comma_joined(planned.reasons) + ")";
}

std::string manual_line(const PlannedAction& planned) {
  const auto& a = planned.action;
  return kubectl_name(a.target_kind, a.name) + " -n " + a.ns + " needs a manual restart (" +
         comma_joined(planned.reasons) + "): " + a.message;
}

std::vector<kube::WaitTarget> rollout_targets(const std::vector<PlannedAction>& restarted) {
  std::vector<kube::WaitTarget> targets;
  for (const auto& planned : restarted) {
    const auto& a = planned.action;
    if (a.kind != ActionKind::kRollout) continue;
    if (a.target_kind != "Deployment" && a.target_kind != "DaemonSet" &&
        a.target_kind != "StatefulSet") {
      continue;  // a ReplicaSet's template change starts no rollout that could be waited for
    }
    targets.push_back({"apps/v1", a.target_kind, a.ns, a.name, false});
  }
  return targets;
}

}  // namespace kyma::proxy_restart
