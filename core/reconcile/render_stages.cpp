// Guard and render phases (operator-behaviour.md §3.3 steps 1, 3-5): the target version, the
// installation finalizer, the merge of the CR into the profile, and the rendered installation.
#include <algorithm>

#include "core/istio/istio_cr.hpp"
#include "core/istio/istio_merge.hpp"
#include "core/istio/profile.hpp"
#include "core/kube/client.hpp"
#include "core/manifest/bundle.hpp"
#include "core/manifest/renderer.hpp"
#include "core/reconcile/operator_stages.hpp"
#include "core/reconcile/stage_groups.hpp"

namespace kyma::reconcile {
namespace {

using nlohmann::json;
using plugin::ReconcileContext;

void target_version(ReconcileContext& context) {
  json profile = istio::load_profile(context.bundle_root, context.options().istio_version,
                                     istio::Profile::kProduction);
  try {
    context.target_tag = istio::target_version(profile).to_string();
  } catch (const Error& e) {
    context.fail(istio::target_version_error(e.what()), ExitCode::kFailure);
  }
}

void add_finalizer(ReconcileContext& context) {
  json finalizers = context.cr.value("/metadata/finalizers"_json_pointer, json::array());
  if (std::find(finalizers.begin(), finalizers.end(), kInstallationFinalizer) != finalizers.end()) {
    return;
  }
  if (context.dry_run()) return;
  finalizers.push_back(kInstallationFinalizer);
  // The resourceVersion makes this a compare-and-swap: a concurrent change to the list conflicts
  // instead of being overwritten.
  json patch = {{"metadata",
                 {{"finalizers", finalizers},
                  {"resourceVersion", context.cr["metadata"]["resourceVersion"]}}}};
  try {
    context.cr =
        context.client().patch(istio::kIstioApiVersion, istio::kIstioKind, context.cr_namespace(),
                               context.cr_name(), kube::PatchType::kMerge, patch);
  } catch (const Error& e) {
    context.fail({e.what(), "Could not add finalizer", istio::Level::kError, true, true,
                  istio::Reason::kIstioInstallUninstallFailed},
                 ExitCode::kFailure);
  }
}

void merge_and_render(ReconcileContext& context) {
  istio::IstioCR cr =
      istio::IstioCR::from_json(context.cr, context.cr_namespace() + "/" + context.cr_name());
  istio::MergeRequest request;
  request.bundle_root = context.bundle_root;
  request.istio_version = context.options().istio_version;
  request.forced_profile = context.options().profile;
  request.facts = context.facts;
  try {
    context.merged = istio::merge_istio_config(cr, request);
  } catch (const istio::MergeError& e) {
    context.fail(e.described(), ExitCode::kFailure);
    return;
  }
  manifest::Bundle bundle = manifest::load_bundle(
      context.bundle_root, context.merged->istio_version, context.merged->profile);
  manifest::RenderOptions options;
  options.api_server_port = context.api_server_port;
  context.rendered = manifest::render_installation(*context.merged, bundle, options);
}

}  // namespace

void add_render_stages(std::vector<plugin::StageSpec>& stages) {
  stages.push_back({"target-version", plugin::Phase::kGuard, 0, target_version});
  stages.push_back({"finalizer", plugin::Phase::kRender, 0, add_finalizer});
  stages.push_back({"merge-and-render", plugin::Phase::kRender, 10, merge_and_render});
}

}  // namespace kyma::reconcile
