#include "core/plugin/pipeline.hpp"

namespace kyma::plugin {
namespace {

void run_stage(ReconcileContext& context, const StageSpec& stage) {
  try {
    stage.run(context);
  } catch (const Error& e) {
    istio::DescribedError failure;
    failure.description = e.what();
    failure.wrap = false;
    failure.reason = istio::Reason::kReconcileFailed;
    context.fail(failure, e.code());
  }
}

}  // namespace

void run_pipeline(ReconcileContext& context, const std::vector<const StageSpec*>& stages) {
  for (size_t i = 0; i < stages.size() && !context.stopped();) {
    Phase phase = stages[i]->phase;
    if (phase == Phase::kRestart) {
      context.begin_phase_errors_accumulate(true);
      for (; i < stages.size() && stages[i]->phase == Phase::kRestart; ++i) {
        run_stage(context, *stages[i]);
      }
      context.begin_phase_errors_accumulate(false);
      if (context.error()) context.stop();
      continue;
    }
    run_stage(context, *stages[i]);
    ++i;
  }
}

}  // namespace kyma::plugin
