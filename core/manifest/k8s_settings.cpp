#include "core/manifest/k8s_settings.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "core/kube/strategic_merge.hpp"
#include "core/manifest/object_access.hpp"
#include "core/ui/error.hpp"

namespace kyma::manifest {

using nlohmann::json;

const std::vector<K8sSettingMapping>& k8s_setting_mappings() {
  static const std::vector<K8sSettingMapping> mappings = {
      {"affinity", "workload", "spec.template.spec.affinity"},
      {"env", "workload", "spec.template.spec.containers.[container].env"},
      {"hpaSpec", "HorizontalPodAutoscaler", "spec"},
      {"imagePullPolicy", "workload", "spec.template.spec.containers.[container].imagePullPolicy"},
      {"nodeSelector", "workload", "spec.template.spec.nodeSelector"},
      {"podDisruptionBudget", "PodDisruptionBudget", "spec"},
      {"podAnnotations", "workload", "spec.template.metadata.annotations"},
      {"priorityClassName", "workload", "spec.template.spec.priorityClassName"},
      {"readinessProbe", "workload", "spec.template.spec.containers.[container].readinessProbe"},
      {"replicaCount", "workload", "spec.replicas"},
      {"resources", "workload", "spec.template.spec.containers.[container].resources"},
      {"strategy", "workload", "spec.strategy"},
      {"tolerations", "workload", "spec.template.spec.tolerations"},
      {"serviceAnnotations", "Service", "metadata.annotations"},
      {"service", "Service", "spec"},
      {"securityContext", "workload", "spec.template.spec.securityContext"},
  };
  return mappings;
}

namespace {

// Empty strings and zero numbers are proto3 defaults: istioctl treats them as unset.
bool is_unset(const json& value) {
  if (value.is_null()) return true;
  if (value.is_string() && value.get_ref<const std::string&>().empty()) return true;
  if (value.is_number_integer() || value.is_number_unsigned()) return value.get<long long>() == 0;
  return false;
}

// Integer fields of the Kubernetes types behind the settings. The IOP may hold them as strings
// (Kyma's profile quotes runAsUser; protojson writes int64 as strings); istioctl reads the
// settings into typed structs, so they reach the objects as numbers.
const std::map<std::string, std::set<std::string>>& integer_fields() {
  static const std::map<std::string, std::set<std::string>> fields = {
      {"securityContext", {"runAsUser", "runAsGroup", "fsGroup"}},
      {"hpaSpec", {"minReplicas", "maxReplicas", "averageUtilization"}},
      {"readinessProbe",
       {"initialDelaySeconds", "periodSeconds", "timeoutSeconds", "successThreshold",
        "failureThreshold", "terminationGracePeriodSeconds", "port"}},
      {"tolerations", {"tolerationSeconds"}},
      {"service", {"port", "nodePort", "healthCheckNodePort"}},
      {"replicaCount", {}},
  };
  return fields;
}

bool is_integer_text(const std::string& text) {
  size_t start = (!text.empty() && text[0] == '-') ? 1 : 0;
  return text.size() > start && text.size() - start <= 18 &&
         text.find_first_not_of("0123456789", start) == std::string::npos;
}

void coerce_integers(json& value, const std::set<std::string>& names, bool whole) {
  if (whole && value.is_string() && is_integer_text(value.get<std::string>())) {
    value = std::stoll(value.get<std::string>());
    return;
  }
  if (value.is_object()) {
    for (auto& [key, item] : value.items()) coerce_integers(item, names, names.count(key) > 0);
  } else if (value.is_array()) {
    for (auto& item : value) coerce_integers(item, names, false);
  }
}

json typed_setting(const std::string& setting, const json& value) {
  json out = value;
  auto it = integer_fields().find(setting);
  if (it != integer_fields().end()) coerce_integers(out, it->second, setting == "replicaCount");
  return out;
}

// The patch object that puts `value` at `path` (a container stands for a one-item list).
json patch_at(const std::string& path, const std::string& container, const json& value) {
  std::vector<std::string> parts;
  std::stringstream in(path);
  for (std::string part; std::getline(in, part, '.');) parts.push_back(part);
  json result = value;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    if (*it == "[container]") {
      json item = result.is_object() ? result : json::object();
      item["name"] = container;
      result = json::array({item});
      continue;
    }
    result = json{{*it, result}};
  }
  return result;
}

std::string port_protocol(const json& port) {
  std::string protocol = port.value("protocol", std::string());
  std::transform(protocol.begin(), protocol.end(), protocol.begin(), ::toupper);
  return protocol == "UDP" ? "UDP" : protocol == "SCTP" ? "SCTP" : "TCP";
}

// istioctl replaces strategic merge's port-number key by (port, protocol) for Service ports: the
// rendered ports keep their order, a port the setting names again is replaced by the setting's,
// new ports follow.
json merge_service_ports(const json& rendered, const json& wanted) {
  json merged = json::array();
  std::map<std::pair<long long, std::string>, size_t> position;
  auto add = [&](json port) {
    if (!port.is_object()) return;
    port["protocol"] = port_protocol(port);
    auto key = std::make_pair(port.value("port", 0LL), port["protocol"].get<std::string>());
    if (auto it = position.find(key); it != position.end()) {
      merged[it->second] = std::move(port);
    } else {
      position[key] = merged.size();
      merged.push_back(std::move(port));
    }
  };
  if (rendered.is_array()) {
    for (const auto& port : rendered) add(port);
  }
  for (const auto& port : wanted) {
    json clean = json::object();
    for (const char* key : {"name", "port", "nodePort", "targetPort"}) {
      if (port.contains(key) && !is_unset(port[key])) clean[key] = port[key];
    }
    clean["protocol"] = port.value("protocol", std::string());
    add(clean);
  }
  return merged;
}

}  // namespace

void apply_k8s_settings(std::vector<json>& objects, const json& k8s, const K8sTarget& target,
                        const std::string& field) {
  if (!k8s.is_object()) return;
  for (const auto& [key, value] : k8s.items()) {
    if (key == "overlays") continue;
    const auto& mappings = k8s_setting_mappings();
    auto mapping = std::find_if(mappings.begin(), mappings.end(),
                                [&](const K8sSettingMapping& m) { return key == m.setting; });
    if (mapping == mappings.end()) {
      throw Error(field + "." + key + ": not a Kubernetes setting istioctl applies");
    }
  }
  for (const auto& mapping : k8s_setting_mappings()) {
    const std::string setting = mapping.setting;
    auto it = k8s.find(setting);
    if (it == k8s.end() || is_unset(*it)) continue;
    if (target.workload_kind.empty()) {
      throw Error(field + "." + setting + ": the " + target.component +
                  " component accepts only k8s.overlays");
    }
    if (setting == "replicaCount" && target.autoscale_enabled) continue;

    const std::string kind =
        std::string(mapping.target) == "workload" ? target.workload_kind : mapping.target;
    json* object = find_object(objects, kind, target.resource_name);
    if (!object) continue;  // istioctl skips settings whose object was not rendered

    const json value = typed_setting(setting, *it);
    json patch = patch_at(mapping.path, target.container, value);
    try {
      json merged = kube::strategic_merge(*object, patch, kind);
      if (setting == "service" && value.is_object() && value.contains("ports") &&
          value["ports"].is_array()) {
        const json& rendered_ports = object->contains("spec") && (*object)["spec"].is_object() &&
                                             (*object)["spec"].contains("ports")
                                         ? (*object)["spec"]["ports"]
                                         : json::array();
        merged["spec"]["ports"] = merge_service_ports(rendered_ports, value["ports"]);
      }
      *object = std::move(merged);
    } catch (const Error& e) {
      throw Error(field + "." + setting + ": cannot be applied to " + describe(*object) + ": " +
                  e.what());
    }
  }
}

}  // namespace kyma::manifest
