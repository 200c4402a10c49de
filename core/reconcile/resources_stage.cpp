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
  // One object at a time, as the operator does, so that a failure names its resource.
  auto reconcile_one = [&](const json& object, bool keep) {
    try {
      auto report = keep ? applier.apply_kyma_resources({object}, {})
                         : applier.apply_kyma_resources({}, {object});
      for (const auto& entry : report.objects) {
        if (entry.change == manifest::ObjectChange::kUnchanged) continue;
        context.summarize(
            entry.identity + " " +
            (entry.change == manifest::ObjectChange::kPruned ? "deleted" : "applied") +
            (context.dry_run() ? " (dry run)" : ""));
      }
    } catch (const Error& e) {
      context.fail(
          {e.what(),
           "Could not reconcile Istio resource " + object.value("kind", std::string()) + "/" +
               object.value("/metadata/name"_json_pointer, std::string()),
           istio::Level::kError, true, true, istio::Reason::kCustomResourcesReconcileFailed},
          e.code());
    }
  };
  for (const auto& object : context.rendered->kyma_resources) {
    if (!context.stopped()) reconcile_one(object, true);
  }
  for (const auto& object : absent) {
    if (!context.stopped()) reconcile_one(object, false);
  }
}

}  // namespace

void add_resource_stages(std::vector<plugin::StageSpec>& stages) {
  stages.push_back({"istio-resources", plugin::Phase::kResources, 0, reconcile_resources});
}

}  // namespace kyma::reconcile
