#include "core/reconcile/operator_status.hpp"

#include "core/istio/last_applied.hpp"

namespace kyma::reconcile {

using nlohmann::json;

namespace {

std::string text_at(const json& object, const json::json_pointer& pointer) {
  const json value = object.value(pointer, json());
  return value.is_string() ? value.get<std::string>() : std::string();
}

json status_of(const json& cr) {
  json status = cr.value("status", json::object());
  return status.is_object() ? status : json::object();
}

bool is_busy(const std::string& state) {
  return state == istio::state::kProcessing || state == istio::state::kDeleting;
}

// The spec as the operator would record it in lastAppliedConfiguration, without the tag: the
// same canonical form for the written spec and the annotation, so key order and empty fields
// do not matter.
json applied_form(const json& spec) {
  json form = json::parse(istio::last_applied_text(spec, ""));
  form.erase("IstioTag");
  return form;
}

}  // namespace

OperatorStatus OperatorStatus::of(const json& cr) {
  OperatorStatus s;
  json status = status_of(cr);
  s.state = text_at(status, "/state"_json_pointer);
  s.description = text_at(status, "/description"_json_pointer);
  json conditions = status.value("conditions", json::array());
  if (conditions.is_array()) {
    for (const auto& c : conditions) {
      if (c.is_object()) s.conditions.push_back(istio::Condition::from_json(c));
    }
  }
  return s;
}

bool OperatorStatus::settled() const {
  return state == istio::state::kReady || state == istio::state::kWarning ||
         state == istio::state::kError;
}

bool OperatorStatus::busy() const {
  return is_busy(state);
}

const istio::Condition* OperatorStatus::ready() const {
  return istio::find_condition(conditions, istio::condition_type::kReady);
}

std::string OperatorStatus::summary() const {
  std::string text = state.empty() ? "no status yet" : state;
  if (const auto* r = ready()) {
    text += " (Ready=" + r->status + (r->reason.empty() ? "" : ": " + r->reason) + ")";
  }
  return text;
}

ExitCode exit_code_for(const OperatorStatus& status) {
  if (status.state == istio::state::kError) return ExitCode::kFailure;
  if (status.state != istio::state::kWarning) return ExitCode::kOk;
  const istio::Condition* ready = status.ready();
  std::string reason = ready ? ready->reason : "";
  for (istio::Reason refusal :
       {istio::Reason::kIstioVersionUpdateNotAllowed, istio::Reason::kIstioCustomResourcesDangling,
        istio::Reason::kOlderCRExists}) {
    if (reason == istio::reason_info(refusal).name) return ExitCode::kRefused;
  }
  return ExitCode::kActionRequired;
}

bool operator_will_act(const json& before, const json& after, bool deletion) {
  if (before.is_null()) return true;
  if (deletion) {
    return !before.contains("/metadata/deletionTimestamp"_json_pointer) &&
           (after.is_null() || after.contains("/metadata/deletionTimestamp"_json_pointer));
  }
  json generation_before = before.value("/metadata/generation"_json_pointer, json());
  json generation_after = after.value("/metadata/generation"_json_pointer, json());
  if (!generation_before.is_null() || !generation_after.is_null()) {
    return generation_before != generation_after;
  }
  return text_at(before, "/metadata/resourceVersion"_json_pointer) !=
         text_at(after, "/metadata/resourceVersion"_json_pointer);
}

OperatorPickup::OperatorPickup(const json& at_write, bool deletion)
    : written_spec_(at_write.value("spec", json::object())),
      status_before_(status_of(at_write)),
      busy_before_(OperatorStatus::of(at_write).busy()),
      deletion_(deletion) {}

bool OperatorPickup::applied_spec_is_written(const json& cr) const {
  std::optional<json> applied;
  try {
    applied = istio::read_last_applied(cr);
  } catch (const Error&) {
    return false;
  }
  return applied && applied_form(*applied) == applied_form(written_spec_);
}

bool OperatorPickup::observe(const json& cr) {
  OperatorStatus now = OperatorStatus::of(cr);
  json status = status_of(cr);
  if (!picked_up_) {
    if (now.busy()) {
      picked_up_ = true;
    } else if (status != status_before_) {
      if (!busy_before_) {
        picked_up_ = true;
      } else if (!deletion_ && now.state == istio::state::kReady && applied_spec_is_written(cr)) {
        picked_up_ = true;
      } else {
        // The reconcile that was running at the write has finished; ours comes next.
        status_before_ = status;
        busy_before_ = false;
      }
    }
  }
  if (!picked_up_ || !now.settled()) return false;
  return !(deletion_ && now.state == istio::state::kReady);
}

}  // namespace kyma::reconcile
