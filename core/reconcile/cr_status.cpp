#include "core/reconcile/cr_status.hpp"

#include "core/istio/istio_cr.hpp"
#include "core/istio/last_applied.hpp"
#include "core/kube/client.hpp"

namespace kyma::reconcile {

using nlohmann::json;

std::vector<istio::Condition> conditions_of(const json& cr) {
  std::vector<istio::Condition> out;
  const json list = cr.value("/status/conditions"_json_pointer, json::array());
  if (!list.is_array()) return out;
  for (const auto& item : list) {
    if (item.is_object()) out.push_back(istio::Condition::from_json(item));
  }
  return out;
}

void write_status(plugin::ReconcileContext& context, const std::string& state,
                  const std::string& description) {
  if (context.dry_run()) return;
  json conditions = json::array();
  for (const auto& c : context.conditions) conditions.push_back(c.to_json());
  context.cr = context.client().update_status(
      istio::kIstioApiVersion, istio::kIstioKind, context.cr_namespace(), context.cr_name(),
      [&](json& cr) {
        json status = {{"state", state}, {"description", description}, {"conditions", conditions}};
        if (cr.value("status", json()) == status) return false;
        cr["status"] = std::move(status);
        return true;
      });
}

void write_last_applied(plugin::ReconcileContext& context, const std::string& text) {
  if (context.dry_run()) return;
  const json current = context.cr.value("/metadata/annotations"_json_pointer, json::object());
  if (current.value(istio::kLastAppliedAnnotation, "") == text) return;
  json patch = {{"metadata", {{"annotations", {{istio::kLastAppliedAnnotation, text}}}}}};
  context.cr =
      context.client().patch(istio::kIstioApiVersion, istio::kIstioKind, context.cr_namespace(),
                             context.cr_name(), kube::PatchType::kMerge, patch);
}

}  // namespace kyma::reconcile
