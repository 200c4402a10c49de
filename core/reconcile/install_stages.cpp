// Apply phase (operator-behaviour.md §3.3 steps 6-10, §3.2 step 10): install the rendered objects,
// stamp the module label on what istiod creates at run time, verify the pods' Istio version,
// record IstioInstallSucceeded and the installed tag.
#include <iostream>

#include "core/istio/istio_cr.hpp"
#include "core/istio/last_applied.hpp"
#include "core/istio/pod_versions.hpp"
#include "core/istio/semver.hpp"
#include "core/kube/api_error.hpp"
#include "core/kube/client.hpp"
#include "core/manifest/install_metadata.hpp"
#include "core/manifest/installation_applier.hpp"
#include "core/reconcile/cr_status.hpp"
#include "core/reconcile/stage_groups.hpp"
#include "core/reconcile/tag_webhook_cleanup.hpp"
#include "core/ui/progress.hpp"

namespace kyma::reconcile {
namespace {

using istio::DescribedError;
using istio::Level;
using istio::Reason;
using nlohmann::json;
using plugin::ReconcileContext;

void install(ReconcileContext& context) {
  manifest::ApplierOptions options;
  options.dry_run = context.dry_run();
  options.timeout = context.options().timeout;
  manifest::InstallationApplier applier(context.client(), context.progress(), options);
  try {
    manifest::ApplyReport report = applier.apply(*context.rendered);
    int created = report.count(manifest::ObjectChange::kCreated);
    int configured = report.count(manifest::ObjectChange::kConfigured);
    int unchanged = report.count(manifest::ObjectChange::kUnchanged);
    int pruned = report.count(manifest::ObjectChange::kPruned);
    std::string verb = context.dry_run() ? "would be " : "";
    context.summarize("Istio " + context.merged->istio_version + " (" +
                      istio::profile_name(context.merged->profile) +
                      " profile): " + std::to_string(created) + " " + verb + "created, " +
                      std::to_string(configured) + " " + verb + "configured, " +
                      std::to_string(pruned) + " " + verb + "pruned, " + std::to_string(unchanged) +
                      " unchanged");
    if (context.dry_run()) {
      for (const auto& object : report.objects) {
        if (object.change == manifest::ObjectChange::kUnchanged) continue;
        const char* what = object.change == manifest::ObjectChange::kCreated      ? "created"
                           : object.change == manifest::ObjectChange::kConfigured ? "configured"
                                                                                  : "pruned";
        context.summarize(object.identity + (object.ns.empty() ? "" : " -n " + object.ns) + " " +
                          what + " (dry run)");
      }
    }
  } catch (const Error& e) {
    context.progress().fail(std::string("Installation failed: ") + e.what());
    if (!context.dry_run()) {
      clean_up_tag_webhooks(context.client(), kTagCleanupAttempts, kTagCleanupDelay);
    }
    context.fail({"Istio installation resulted in an error", "Could not install Istio",
                  Level::kError, true, true, Reason::kIstioInstallUninstallFailed},
                 e.code());
  }
}

// The objects istiod creates at run time that the operator labels as the module's (§3.11).
void stamp_runtime_objects(ReconcileContext& context) {
  if (context.dry_run()) return;
  kube::Client& client = context.client();
  std::vector<std::pair<std::string, json>> unlabeled;
  auto missing_label = [](const json& object) {
    return object.value("/metadata/labels"_json_pointer, json::object())
               .value(manifest::kModuleLabel, "") != manifest::kModuleLabelValue;
  };
  const json configmaps = client.list("v1", "ConfigMap", "istio-system");
  for (const auto& cm : configmaps["items"]) {
    std::string name = cm["metadata"]["name"];
    if ((name == "istio-gateway-status-leader" || name == "istio-ip-autoallocate" ||
         name == "istio-leader" || name == "istio-namespace-controller-election") &&
        missing_label(cm)) {
      unlabeled.emplace_back("ConfigMap", cm);
    }
  }
  if (auto secret = client.try_get("v1", "Secret", "istio-system", "istio-ca-secret")) {
    if (missing_label(*secret)) unlabeled.emplace_back("Secret", *secret);
  }
  json patch = {
      {"metadata", {{"labels", {{manifest::kModuleLabel, manifest::kModuleLabelValue}}}}}};
  for (const auto& [kind, object] : unlabeled) {
    client.patch("v1", kind, "istio-system", object["metadata"]["name"], kube::PatchType::kMerge,
                 patch);
  }
}

void verify_pod_versions(ReconcileContext& context) {
  if (context.dry_run()) return;
  kube::ListOptions options;
  options.label_selector = std::string(manifest::kModuleLabel) + "=" + manifest::kModuleLabelValue;
  json pods = context.client().list("v1", "Pod", "istio-system", options);
  std::vector<json> items(pods["items"].begin(), pods["items"].end());
  std::string target = istio::Semver::parse(context.target_tag).core();
  if (auto mismatch = istio::verify_pod_versions(items, target)) {
    context.fail({*mismatch, "Verifying Pod versions in istio-system namespace failed",
                  Level::kError, true, true, Reason::kIstioInstallUninstallFailed},
                 ExitCode::kFailure);
  }
}

void install_succeeded(ReconcileContext& context) {
  context.set_condition(Reason::kIstioInstallSucceeded);
}

void record_istio_tag(ReconcileContext& context) {
  json previous = context.last_applied.value_or(json::object());
  previous["IstioTag"] = context.target_tag;
  try {
    write_last_applied(context, istio::merge_last_applied(previous, context.spec(), {}));
  } catch (const Error& e) {
    context.fail({e.what(), "Could not update Istio tag in annotation", Level::kError, true, true,
                  Reason::kIstioInstallUninstallFailed},
                 ExitCode::kFailure);
  }
}

}  // namespace

void add_install_stages(std::vector<plugin::StageSpec>& stages) {
  using plugin::Phase;
  stages.push_back({"install", Phase::kApply, 0, install});
  stages.push_back({"module-label", Phase::kApply, 10, stamp_runtime_objects});
  stages.push_back({"verify-pod-versions", Phase::kApply, 20, verify_pod_versions});
  stages.push_back({"install-succeeded", Phase::kApply, 30, install_succeeded});
  stages.push_back({"istio-tag", Phase::kApply, 40, record_istio_tag});
}

}  // namespace kyma::reconcile
