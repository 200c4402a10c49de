#include "core/manifest/live_comparison.hpp"

#include <cstdint>
#include <cstdio>

#include "core/kube/quantity.hpp"

namespace kyma::manifest {

using nlohmann::json;

namespace {

bool is_quantity_parent(const std::string& key) {
  return key == "requests" || key == "limits" || key == "capacity" || key == "allocatable";
}

bool values_equal(const json& desired, const json& live, bool quantity_context) {
  if (desired == live) return true;
  if (quantity_context) {
    auto text = [](const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
    if ((desired.is_string() || desired.is_number()) && (live.is_string() || live.is_number())) {
      auto a = kube::Quantity::parse(text(desired));
      auto b = kube::Quantity::parse(text(live));
      return a && b && *a == *b;
    }
  }
  return false;
}

bool subset(const json& desired, const json& live, bool quantity_context) {
  if (desired.is_object()) {
    if (!live.is_object()) return false;
    for (const auto& [key, value] : desired.items()) {
      auto it = live.find(key);
      if (it == live.end()) {
        if (value.is_null()) continue;  // asking for "absent"
        return false;
      }
      if (!subset(value, *it, quantity_context || is_quantity_parent(key))) return false;
    }
    return true;
  }
  if (desired.is_array()) {
    if (!live.is_array() || live.size() != desired.size()) return false;
    for (size_t i = 0; i < desired.size(); ++i) {
      if (!subset(desired[i], live[i], false)) return false;
    }
    return true;
  }
  // Inside requests/limits every value is a quantity.
  return values_equal(desired, live, quantity_context);
}

}  // namespace

std::string applied_digest(const json& desired) {
  json copy = desired;
  if (copy.contains("/metadata/annotations"_json_pointer)) {
    auto& annotations = copy["metadata"]["annotations"];
    // Charts may render `annotations:` with nothing under it, which reads as null.
    if (annotations.is_object()) annotations.erase(kAppliedDigestAnnotation);
    if (annotations.empty()) copy["metadata"].erase("annotations");
    if (copy["metadata"].empty()) copy.erase("metadata");
  }
  // nlohmann::json keeps object keys sorted, so dump() is canonical.
  const std::string text = copy.dump();
  std::uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash));
  return buf;
}

json with_applied_digest(json desired) {
  std::string digest = applied_digest(desired);
  desired["metadata"]["annotations"][kAppliedDigestAnnotation] = digest;
  return desired;
}

bool live_contains(const json& desired, const json& live) {
  return subset(desired, live, false);
}

bool apply_would_change_nothing(const json& desired, const json& live) {
  auto digest_of = [](const json& object) {
    return object.value("/metadata/annotations"_json_pointer, json::object())
        .value(kAppliedDigestAnnotation, std::string());
  };
  std::string want = digest_of(desired);
  if (want.empty()) want = applied_digest(desired);
  if (digest_of(live) != want) return false;
  return live_contains(desired, live);
}

}  // namespace kyma::manifest
