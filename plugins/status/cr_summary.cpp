#include "plugins/status/cr_summary.hpp"

#include "core/istio/last_applied.hpp"
#include "core/istio/oldest_cr.hpp"
#include "core/ui/error.hpp"

namespace kyma::status {

using nlohmann::json;

namespace {

std::string text_at(const json& object, const json::json_pointer& pointer) {
  if (!object.contains(pointer)) return "";
  const json& value = object[pointer];
  return value.is_string() ? value.get<std::string>() : "";
}

std::string ref(const json& cr) {
  return text_at(cr, json::json_pointer("/metadata/namespace")) + "/" +
         text_at(cr, json::json_pointer("/metadata/name"));
}

}  // namespace

bool spec_changed_since(const json& cr, const json& last_applied) {
  const json spec = cr.value("spec", json::object());
  const bool has_tag = last_applied.contains("IstioTag");
  const std::string tag = text_at(last_applied, json::json_pointer("/IstioTag"));
  // The annotation is written in the operator's canonical form; the spec is put in the same form
  // and the two compared as JSON values (key order does not matter).
  json now = json::parse(istio::last_applied_text(spec, tag));
  if (!has_tag) now.erase("IstioTag");
  return now != last_applied;
}

CrSummary summarize_cr(const std::vector<json>& crs, bool crd_installed) {
  CrSummary summary;
  summary.crd_installed = crd_installed;
  auto oldest = istio::oldest_cr_index(crs);
  if (!oldest) return summary;
  const json& cr = crs[*oldest];
  summary.found = true;
  summary.ns = text_at(cr, json::json_pointer("/metadata/namespace"));
  summary.name = text_at(cr, json::json_pointer("/metadata/name"));
  for (size_t i = 0; i < crs.size(); ++i) {
    if (i != *oldest) summary.ignored.push_back(ref(crs[i]));
  }
  const json status = cr.value("status", json::object());
  if (status.is_object() && status.contains("state") && status["state"].is_string()) {
    summary.state = status["state"].get<std::string>();
  }
  if (status.is_object()) {
    summary.description = text_at(status, json::json_pointer("/description"));
    for (const auto& c : status.value("conditions", json::array())) {
      if (c.is_object()) summary.conditions.push_back(istio::Condition::from_json(c));
    }
  }
  try {
    if (auto applied = istio::read_last_applied(cr)) {
      LastApplied last;
      last.istio_tag = text_at(*applied, json::json_pointer("/IstioTag"));
      last.spec_changed = spec_changed_since(cr, *applied);
      summary.last_applied = last;
    }
  } catch (const Error& e) {
    summary.last_applied_error = e.what();
  }
  return summary;
}

}  // namespace kyma::status
