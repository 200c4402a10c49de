#include "core/istio/component_merge.hpp"

#include <string>
#include <vector>

#include "core/istio/object_at.hpp"
#include "core/kube/quantity.hpp"
#include "core/ui/error.hpp"

namespace kyma::istio {

using nlohmann::json;

namespace {

const json* present(const json& parent, const char* key) {
  if (!parent.is_object()) return nullptr;
  auto it = parent.find(key);
  return it == parent.end() || it->is_null() ? nullptr : &*it;
}

// components.<list>[0], created when the profile has none.
json& first_gateway(json& components, const char* list) {
  json& gateways = components[list];
  if (!gateways.is_array()) gateways = json::array();
  if (gateways.empty()) gateways.push_back(json::object());
  if (!gateways[0].is_object()) gateways[0] = json::object();
  return gateways[0];
}

struct ResourceValue {
  const char* group;  // "limits" or "requests"
  const char* key;    // "cpu" or "memory"
  std::string text;
};

// The CR's limits/requests cpu/memory values that are set. The operator parses each as a
// quantity; one that does not parse fails the merge, naming the CR field.
std::vector<ResourceValue> resource_values(const json& resources, const std::string& path) {
  std::vector<ResourceValue> out;
  for (const char* group : {"limits", "requests"}) {
    const json* values = present(resources, group);
    if (!values) continue;
    for (const char* key : {"cpu", "memory"}) {
      const json* value = present(*values, key);
      if (!value || !value->is_string()) continue;
      const std::string& text = value->get_ref<const std::string&>();
      if (!kube::Quantity::parse(text)) {
        throw Error(path + "." + group + "." + key + ": \"" + text +
                    "\" is not a quantity (quantities must match the regular expression "
                    "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$')");
      }
      out.push_back({group, key, text});
    }
  }
  return out;
}

// Each value the CR sets overwrites that one key of parent.resources; the others keep the
// profile's.
void merge_resources(json& parent, const json& resources, const std::string& path) {
  for (const auto& v : resource_values(resources, path)) {
    object_at(object_at(parent, "resources"), v.group)[v.key] = v.text;
  }
}

void merge_k8s(json& target, const json& cr_k8s, const std::string& path) {
  if (const json* resources = present(cr_k8s, "resources")) {
    merge_resources(target, *resources, path + ".resources");
  }
  if (const json* hpa = present(cr_k8s, "hpaSpec")) {
    // Only the bounds: the profile's metrics and scaleTargetRef stay.
    for (const char* key : {"maxReplicas", "minReplicas"}) {
      if (const json* value = present(*hpa, key)) object_at(target, "hpaSpec")[key] = *value;
    }
  }
  if (const json* strategy = present(cr_k8s, "strategy")) {
    if (const json* rolling = present(*strategy, "rollingUpdate")) {
      for (const char* key : {"maxSurge", "maxUnavailable"}) {
        // An integer stays an integer and "25%" stays a string, as intstr keeps its type.
        if (const json* value = present(*rolling, key)) {
          object_at(object_at(target, "strategy"), "rollingUpdate")[key] = *value;
        }
      }
    }
  }
}

// For each of podAffinity, podAntiAffinity and nodeAffinity the CR gives, both its preferred and
// its required terms are replaced by the CR's; a list the CR leaves out ends up empty, so the
// profile's terms are gone. Empty lists are left out, as the operator's encoding leaves them out
// (an empty required node selector would not even be valid).
void replace_cni_affinity(json& cni_k8s, const json& cr_affinity) {
  static const char* kPreferred = "preferredDuringSchedulingIgnoredDuringExecution";
  static const char* kRequired = "requiredDuringSchedulingIgnoredDuringExecution";
  json& affinity = object_at(cni_k8s, "affinity");
  for (const char* kind : {"podAffinity", "podAntiAffinity", "nodeAffinity"}) {
    const json* given = present(cr_affinity, kind);
    if (!given) continue;
    json& target = object_at(affinity, kind);
    target.erase(kPreferred);
    target.erase(kRequired);
    if (const json* preferred = present(*given, kPreferred);
        preferred && preferred->is_array() && !preferred->empty()) {
      target[kPreferred] = *preferred;
    }
    if (const json* required = present(*given, kRequired)) {
      // Pod terms are a list; the node selector is an object holding nodeSelectorTerms.
      const json* terms =
          required->is_object() ? present(*required, "nodeSelectorTerms") : required;
      if (terms && terms->is_array() && !terms->empty()) target[kRequired] = *required;
    }
  }
}

void strip_memory_metrics(json& k8s) {
  if (!k8s.is_object() || !k8s.contains("hpaSpec")) return;
  json& hpa = k8s["hpaSpec"];
  if (!hpa.is_object() || !hpa.contains("metrics") || !hpa["metrics"].is_array()) return;
  json kept = json::array();
  for (const auto& metric : hpa["metrics"]) {
    bool memory = metric.value("type", "") == "Resource" && metric.contains("resource") &&
                  metric["resource"].value("name", "") == "memory";
    if (!memory) kept.push_back(metric);
  }
  hpa["metrics"] = std::move(kept);
}

}  // namespace

void merge_components(json& iop_spec, const IstioCR& cr) {
  const json* components = present(cr.spec(), "components");
  if (!components) return;
  json& target = object_at(iop_spec, "components");
  const std::string base = "spec.components";

  if (const json* ingress = present(*components, "ingressGateway")) {
    if (const json* k8s = present(*ingress, "k8s")) {
      merge_k8s(object_at(first_gateway(target, "ingressGateways"), "k8s"), *k8s,
                base + ".ingressGateway.k8s");
    }
  }
  if (const json* pilot = present(*components, "pilot")) {
    if (const json* k8s = present(*pilot, "k8s")) {
      merge_k8s(object_at(object_at(target, "pilot"), "k8s"), *k8s, base + ".pilot.k8s");
    }
  }
  if (const json* egress = present(*components, "egressGateway")) {
    if (const json* enabled = present(*egress, "enabled")) {
      first_gateway(target, "egressGateways")["enabled"] = *enabled;
    }
    if (const json* k8s = present(*egress, "k8s")) {
      merge_k8s(object_at(first_gateway(target, "egressGateways"), "k8s"), *k8s,
                base + ".egressGateway.k8s");
    }
  }
  if (const json* proxy = present(*components, "proxy")) {
    const json* k8s = present(*proxy, "k8s");
    if (const json* resources = k8s ? present(*k8s, "resources") : nullptr) {
      json& global = object_at(object_at(iop_spec, "values"), "global");
      merge_resources(object_at(global, "proxy"), *resources, base + ".proxy.k8s.resources");
    }
  }
  if (const json* cni = present(*components, "cni")) {
    if (const json* k8s = present(*cni, "k8s")) {
      json& cni_k8s = object_at(object_at(target, "cni"), "k8s");
      if (const json* affinity = present(*k8s, "affinity"))
        replace_cni_affinity(cni_k8s, *affinity);
      if (const json* resources = present(*k8s, "resources")) {
        merge_resources(cni_k8s, *resources, base + ".cni.k8s.resources");
      }
    }
  }
}

void apply_istio_features(json& iop_spec, const IstioFeatures& features) {
  json& components = object_at(iop_spec, "components");
  object_at(components, "cni")["enabled"] = !features.disable_cni;
  if (!features.enable_control_plane_vpa) return;
  if (components.contains("pilot") && components["pilot"].is_object()) {
    json& pilot = components["pilot"];
    if (pilot.contains("k8s")) strip_memory_metrics(pilot["k8s"]);
  }
  for (const char* list : {"ingressGateways", "egressGateways"}) {
    if (!components.contains(list) || !components[list].is_array()) continue;
    for (auto& gateway : components[list]) {
      if (gateway.is_object() && gateway.contains("k8s")) strip_memory_metrics(gateway["k8s"]);
    }
  }
}

}  // namespace kyma::istio
