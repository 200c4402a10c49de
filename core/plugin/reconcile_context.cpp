#include "core/plugin/reconcile_context.hpp"

namespace kyma::plugin {

ReconcileContext::ReconcileContext(kube::Client& client, ui::Progress& progress,
                                   ReconcileOptions options, std::string cr_namespace,
                                   std::string cr_name)
    : client_(client),
      progress_(progress),
      options_(std::move(options)),
      cr_namespace_(std::move(cr_namespace)),
      cr_name_(std::move(cr_name)) {}

const nlohmann::json& ReconcileContext::spec() const {
  static const nlohmann::json empty = nlohmann::json::object();
  auto it = cr.find("spec");
  return it != cr.end() && it->is_object() ? *it : empty;
}

bool ReconcileContext::deleting() const {
  auto meta = cr.find("metadata");
  return meta != cr.end() && meta->contains("deletionTimestamp") &&
         !(*meta)["deletionTimestamp"].is_null();
}

void ReconcileContext::set_condition(istio::Reason reason,
                                     const std::optional<std::string>& message) {
  istio::set_condition(conditions, istio::make_condition(reason, message), istio::rfc3339_now());
}

void ReconcileContext::set_error_condition(istio::Reason reason,
                                           const std::optional<std::string>& message) {
  if (!istio::is_ready_type(reason)) set_condition(istio::Reason::kReconcileFailed);
  set_condition(reason, message);
}

void ReconcileContext::fail(istio::DescribedError error, ExitCode exit_code) {
  std::optional<istio::DescribedError> candidate(std::move(error));
  // Restarters all run; the most severe error wins and the first one wins a tie (§6.1).
  if (&istio::more_severe(error_, candidate) == &candidate) {
    error_ = std::move(candidate);
    exit_code_ = exit_code;
  }
  if (!accumulate_) stopped_ = true;
}

}  // namespace kyma::plugin
