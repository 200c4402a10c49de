#pragma once
// The operator's stages, one group per file (operator_stages.hpp lists them all).
#include <vector>

#include "core/plugin/api.hpp"
#include "core/plugin/reconcile_context.hpp"

namespace kyma::reconcile {

void add_cr_stages(std::vector<plugin::StageSpec>& stages);        // cr_stages.cpp
void add_cluster_stages(std::vector<plugin::StageSpec>& stages);   // cluster_stage.cpp
void add_render_stages(std::vector<plugin::StageSpec>& stages);    // render_stages.cpp
void add_install_stages(std::vector<plugin::StageSpec>& stages);   // install_stages.cpp
void add_resource_stages(std::vector<plugin::StageSpec>& stages);  // resources_stage.cpp
void add_restart_stages(std::vector<plugin::StageSpec>& stages);   // network_policy_restart.cpp
void add_status_stages(std::vector<plugin::StageSpec>& stages);    // finish_stages.cpp

}  // namespace kyma::reconcile
