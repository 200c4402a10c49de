#include "core/manifest/object_order.hpp"

#include <algorithm>

#include "core/manifest/object_access.hpp"

namespace kyma::manifest {

using nlohmann::json;

int default_object_order(const json& object) {
  const std::string kind = kind_of(object);
  if (kind == "CustomResourceDefinition") return -1000;
  if (kind == "ServiceAccount" || kind == "ClusterRole") return 1;
  if (kind == "ClusterRoleBinding") return 2;
  if (kind == "ValidatingWebhookConfiguration") return 3;
  if (kind == "ConfigMap") return 100;
  if (kind == "HorizontalPodAutoscaler") return 1001;
  if (kind == "Service") return 10000;
  return 1000;
}

namespace {

int group_of(const json& object) {
  const std::string kind = kind_of(object);
  if (kind == "Namespace") return 0;
  if (kind == "CustomResourceDefinition") return 1;
  return 2;
}

}  // namespace

void sort_for_apply(std::vector<json>& objects) {
  std::stable_sort(objects.begin(), objects.end(), [](const json& a, const json& b) {
    int ga = group_of(a), gb = group_of(b);
    if (ga != gb) return ga < gb;
    return default_object_order(a) < default_object_order(b);
  });
}

}  // namespace kyma::manifest
