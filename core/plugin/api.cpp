#include "core/plugin/api.hpp"

namespace kyma::plugin {

const char* phase_name(Phase phase) {
  switch (phase) {
    case Phase::kValidate:
      return "validate";
    case Phase::kGuard:
      return "guard";
    case Phase::kRender:
      return "render";
    case Phase::kApply:
      return "apply";
    case Phase::kResources:
      return "resources";
    case Phase::kRestart:
      return "restart";
    case Phase::kStatus:
      return "status";
  }
  return "unknown";
}

}  // namespace kyma::plugin
