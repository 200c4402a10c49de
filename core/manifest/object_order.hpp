#pragma once
// The order istioctl applies a component's objects in (helmreconciler ApplyManifest): all
// Namespaces, then all CRDs, then the rest; each group sorted stably by DefaultObjectOrder.
#include <vector>

#include <nlohmann/json.hpp>

namespace kyma::manifest {

// DefaultObjectOrder's score: CRD -1000; ServiceAccount and ClusterRole 1; ClusterRoleBinding 2;
// ValidatingWebhookConfiguration 3; ConfigMap 100; HorizontalPodAutoscaler 1001; Service 10000;
// everything else (Deployment included) 1000.
int default_object_order(const nlohmann::json& object);

// Sorts into apply order; objects that tie keep their relative order.
void sort_for_apply(std::vector<nlohmann::json>& objects);

}  // namespace kyma::manifest
