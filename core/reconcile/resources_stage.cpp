// Resources phase (operator-behaviour.md §3.9): Kyma's objects around the installation. The
// rendered installation holds those that should exist; the others (NetworkPolicies when
// disabled, the proxy-protocol EnvoyFilter when the provider does not need it) are deleted.
#include "core/istio/described_error.hpp"
#include "core/manifest/installation_applier.hpp"
#include "core/manifest/kyma_resources.hpp"
#include "core/manifest/renderer.hpp"
#include "core/reconcile/stage_groups.hpp"

namespace kyma::reconcile {
namespace {

using nlohmann::json;
using plugin::ReconcileContext;

void reconcile_resources(ReconcileContext& context) {
  std::vector<json> absent;
  if (!context.merged->network_policies_enabled) {
    absent =
        manifest::module_network_policies(manifest::product_version(), context.api_server_port);
  }
  if (!context.merged->proxy_protocol_filter) {
    absent.push_back(manifest::proxy_protocol_envoy_filter(manifest::product_version()));
  }
  manifest::ApplierOptions options;
  options.dry_run = context.dry_run();
  manifest::InstallationApplier applier(context.client(), context.progress(), options);
  try {
    auto report = applier.apply_kyma_resources(context.rendered->kyma_resources, absent);
    for (const auto& entry : report.objects) {
      if (entry.change == manifest::ObjectChange::kUnchanged) continue;
      context.summarize(entry.identity + " " +
                        (entry.change == manifest::ObjectChange::kPruned ? "deleted" : "applied") +
                        (context.dry_run() ? " (dry run)" : ""));
    }
  } catch (const manifest::KymaResourceError& e) {
    context.fail({e.what(), "Could not reconcile Istio resource " + e.resource(),
                  istio::Level::kError, true, true, istio::Reason::kCustomResourcesReconcileFailed},
                 e.code());
  }
}

}  // namespace

void add_resource_stages(std::vector<plugin::StageSpec>& stages) {
  stages.push_back({"istio-resources", plugin::Phase::kResources, 0, reconcile_resources});
}

}  // namespace kyma::reconcile
