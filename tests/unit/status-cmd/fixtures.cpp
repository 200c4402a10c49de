#include "tests/unit/status-cmd/fixtures.hpp"

#include "core/istio/last_applied.hpp"

namespace kyma::status::test {

json ready_cr(const std::string& name, const std::string& created, const json& spec,
              const std::string& tag) {
  json cr = {
      {"apiVersion", "operator.kyma-project.io/v1alpha2"},
      {"kind", "Istio"},
      {"metadata",
       {{"name", name},
        {"namespace", "kyma-system"},
        {"creationTimestamp", created},
        {"annotations", {{istio::kLastAppliedAnnotation, istio::last_applied_text(spec, tag)}}}}},
      {"spec", spec},
      {"status",
       {{"state", "Ready"},
        {"description", ""},
        {"conditions", json::array({{{"type", "Ready"},
                                     {"status", "True"},
                                     {"reason", "ReconcileSucceeded"},
                                     {"message", "Reconciliation succeeded"},
                                     {"lastTransitionTime", "2026-01-01T10:00:00Z"}}})}}}};
  return cr;
}

}  // namespace kyma::status::test
