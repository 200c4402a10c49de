#pragma once
// The state of one reconcile of an Istio CR, handed to every stage (plugin/api.hpp StageSpec).
// It carries what the operator's reconcile carries from step to step (operator-behaviour.md
// §3.2): the CR and its last applied configuration, what was read off the cluster, the merged
// configuration and the rendered installation, the conditions to write, and the outcome.
//
// A stage reports failure with fail(): the pipeline stops after that stage, except in the
// restart phase, where every restarter runs and the most severe error wins (§6.1).
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/istio/cluster_facts.hpp"
#include "core/istio/conditions.hpp"
#include "core/istio/described_error.hpp"
#include "core/istio/merged_config.hpp"
#include "core/manifest/installation.hpp"
#include "core/ui/error.hpp"

namespace kyma::kube {
class Client;
}
namespace kyma::ui {
class Progress;
}

namespace kyma::plugin {

struct ReconcileOptions {
  std::string istio_version = "1.23.2";  // the bundle to install
  std::optional<std::string> manifests_dir;
  std::optional<istio::Profile> profile;  // forced; otherwise by cluster size
  bool dry_run = false;                   // read, compute and report; write nothing
  std::chrono::milliseconds timeout{std::chrono::minutes(5)};  // readiness waits
  std::string field_manager = "kubectl-kyma-istio";            // writes that are not Istio's
};

class ReconcileContext {
 public:
  ReconcileContext(kube::Client& client, ui::Progress& progress, ReconcileOptions options,
                   std::string cr_namespace, std::string cr_name);

  kube::Client& client() { return client_; }
  ui::Progress& progress() { return progress_; }
  const ReconcileOptions& options() const { return options_; }
  bool dry_run() const { return options_.dry_run; }

  // --- the CR ---
  const std::string& cr_namespace() const { return cr_namespace_; }
  const std::string& cr_name() const { return cr_name_; }
  // The newest copy read from the cluster (kept current by the stages that write it).
  nlohmann::json cr;
  const nlohmann::json& spec() const;
  bool deleting() const;
  // operator.kyma-project.io/lastAppliedConfiguration as it was when the reconcile started.
  std::optional<nlohmann::json> last_applied;

  // --- read and computed along the way ---
  std::filesystem::path bundle_root;  // the Istio bundles (--manifests or the installed ones)
  std::string target_tag;             // the profile's spec.tag, "1.23.2-distroless"
  std::vector<nlohmann::json> nodes;
  int api_server_port = 443;  // targetPort of Service default/kubernetes "https"
  istio::ClusterFacts facts;
  std::optional<istio::MergedConfig> merged;
  std::optional<manifest::RenderedInstallation> rendered;

  // --- status ---
  std::vector<istio::Condition> conditions;
  // SetStatusCondition with the reason's default message, or `message`.
  void set_condition(istio::Reason reason, const std::optional<std::string>& message = {});
  // The operator's "setConditionForError": a reason that is not of the Ready type first sets
  // Ready to ReconcileFailed.
  void set_error_condition(istio::Reason reason, const std::optional<std::string>& message = {});

  // --- outcome ---
  // Records an error. Outside the restart phase the pipeline stops after the current stage.
  // `exit_code` is what the command returns for it when it is the outcome.
  void fail(istio::DescribedError error, ExitCode exit_code);
  // Ends the reconcile here without an error of its own (the status is already as it should be).
  void stop() { stopped_ = true; }
  bool stopped() const { return stopped_; }
  const std::optional<istio::DescribedError>& error() const { return error_; }
  ExitCode exit_code() const { return exit_code_; }

  // Lines for the summary the command prints on stdout at the end.
  void summarize(const std::string& line) { summary_.push_back(line); }
  const std::vector<std::string>& summary() const { return summary_; }

  // Used by the pipeline.
  void begin_phase_errors_accumulate(bool accumulate) { accumulate_ = accumulate; }

 private:
  kube::Client& client_;
  ui::Progress& progress_;
  ReconcileOptions options_;
  std::string cr_namespace_;
  std::string cr_name_;
  std::optional<istio::DescribedError> error_;
  ExitCode exit_code_ = ExitCode::kOk;
  bool stopped_ = false;
  bool accumulate_ = false;
  std::vector<std::string> summary_;
};

}  // namespace kyma::plugin
