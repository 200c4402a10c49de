#pragma once
// Runs a reconcile's stages in pipeline order (validate -> guard -> render -> apply -> resources
// -> restart -> status). A failure stops the pipeline after its stage, except in the restart
// phase: every restarter runs, the most severe error wins, and the status phase is skipped when
// any of them failed (operator-behaviour.md §3.2 steps 13-15). A stage that throws kyma::Error
// is recorded as an Error-level failure with the exception's exit code.
#include <vector>

#include "core/plugin/api.hpp"
#include "core/plugin/reconcile_context.hpp"

namespace kyma::plugin {

// `stages` in pipeline order (Registry::stages()).
void run_pipeline(ReconcileContext& context, const std::vector<const StageSpec*>& stages);

}  // namespace kyma::plugin
