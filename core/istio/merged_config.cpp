#include "core/istio/merged_config.hpp"

namespace kyma::istio {

const char* profile_name(Profile profile) {
  return profile == Profile::kEvaluation ? "evaluation" : "production";
}

}  // namespace kyma::istio
