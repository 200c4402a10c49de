#include "core/reconcile/operator_stages.hpp"

#include "core/plugin/pipeline.hpp"
#include "core/reconcile/cr_status.hpp"
#include "core/reconcile/stage_groups.hpp"

namespace kyma::reconcile {

std::vector<plugin::StageSpec> operator_stages() {
  std::vector<plugin::StageSpec> stages;
  add_cr_stages(stages);
  add_cluster_stages(stages);
  add_render_stages(stages);
  add_install_stages(stages);
  add_resource_stages(stages);
  add_restart_stages(stages);
  add_status_stages(stages);
  return stages;
}

int run_reconcile(plugin::ReconcileContext& context,
                  const std::vector<const plugin::StageSpec*>& stages) {
  plugin::run_pipeline(context, stages);
  if (context.cr.is_null()) return to_int(context.exit_code());  // the CR could not be read
  const auto& error = context.error();
  if (!error) {
    write_status(context, istio::state::kReady, "");
    return 0;
  }
  if (error->set_condition && error->reason) context.set_error_condition(*error->reason);
  write_status(context, error->state(), error->full_description());
  return to_int(context.exit_code());
}

}  // namespace kyma::reconcile
