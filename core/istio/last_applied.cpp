#include "core/istio/last_applied.hpp"

#include <algorithm>

#include "core/ui/error.hpp"

namespace kyma::istio {

using nlohmann::json;
using nlohmann::ordered_json;

namespace {

bool is_empty(const json& v) {
  return v.is_null() || ((v.is_object() || v.is_array() || v.is_string()) && v.empty()) ||
         (v.is_boolean() && !v.get<bool>());
}

ordered_json ordered(const json& v) {
  return ordered_json::parse(v.dump());
}

// The spec in annotation order, from any spec JSON (the API server's key order is arbitrary).
ordered_json canonical(const json& spec_in, const std::optional<std::string>& tag) {
  json spec = spec_in.is_object() ? spec_in : json::object();
  ordered_json out;
  json config = spec.value("config", json::object());
  if (!config.is_object()) config = json::object();
  ordered_json c;
  for (const char* key : {"numTrustedProxies", "authorizers", "gatewayExternalTrafficPolicy"}) {
    if (config.contains(key) && !config[key].is_null()) c[key] = ordered(config[key]);
  }
  json telemetry = config.value("telemetry", json::object());
  json metrics = telemetry.is_object() ? telemetry.value("metrics", json::object()) : json();
  c["telemetry"]["metrics"] = metrics.is_object() ? ordered(metrics) : ordered_json::object();
  for (const char* key :
       {"forwardClientCertDetails", "trustDomain", "enableDNSProxying", "proxyStatsMatcher"}) {
    if (config.contains(key) && !config[key].is_null()) c[key] = ordered(config[key]);
  }
  for (const auto& [key, value] : config.items()) {
    if (!c.contains(key) && !value.is_null()) c[key] = ordered(value);
  }
  out["config"] = c;
  for (const char* key :
       {"components", "experimental", "compatibilityMode", "networkPoliciesEnabled"}) {
    if (spec.contains(key) && !is_empty(spec[key])) out[key] = ordered(spec[key]);
  }
  if (tag) out["IstioTag"] = *tag;
  return out;
}

}  // namespace

std::optional<json> read_last_applied(const json& cr) {
  const json annotations = cr.value("/metadata/annotations"_json_pointer, json::object());
  if (!annotations.contains(kLastAppliedAnnotation)) return std::nullopt;
  const json& text = annotations[kLastAppliedAnnotation];
  json parsed = json::parse(text.is_string() ? text.get<std::string>() : "", nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    throw Error(std::string("annotation ") + kLastAppliedAnnotation + " is not a JSON object");
  }
  return parsed;
}

std::string last_applied_text(const json& spec, const std::string& istio_tag) {
  return canonical(spec, istio_tag).dump();
}

std::string merge_last_applied(const std::optional<json>& previous, const json& spec,
                               const std::vector<std::string>& fields) {
  json merged = previous.value_or(json::object());
  for (const auto& field : fields) {
    json::json_pointer ptr(field);
    if (spec.contains(ptr) && !spec[ptr].is_null()) {
      merged[ptr] = spec[ptr];
    } else if (merged.contains(ptr)) {
      merged[ptr.parent_pointer()].erase(ptr.back());
    }
  }
  std::optional<std::string> tag;
  if (merged.contains("IstioTag") && merged["IstioTag"].is_string()) tag = merged["IstioTag"];
  return canonical(merged, tag).dump();
}

bool stats_matcher_changed(const json& spec, const std::optional<json>& last_applied) {
  const json::json_pointer matcher("/config/proxyStatsMatcher/inclusionRegexps");
  auto sorted = [](const json& list) {
    std::vector<std::string> out;
    if (list.is_array()) {
      for (const auto& item : list) out.push_back(item.is_string() ? item.get<std::string>() : "");
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  json now = spec.is_object() && spec.contains(matcher) ? spec[matcher] : json();
  json before = last_applied && last_applied->contains(matcher) ? (*last_applied)[matcher] : json();
  return sorted(now) != sorted(before);
}

json last_applied_field(const std::optional<json>& last_applied, const std::string& pointer) {
  if (!last_applied) return nullptr;
  json::json_pointer ptr(pointer);
  return last_applied->contains(ptr) ? (*last_applied)[ptr] : json();
}

}  // namespace kyma::istio
