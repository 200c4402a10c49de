#include "core/manifest/values_effects.hpp"

#include <functional>
#include <set>
#include <sstream>

#include "core/manifest/object_access.hpp"
#include "core/manifest/values_changes.hpp"
#include "core/manifest/yaml.hpp"
#include "core/ui/error.hpp"

namespace kyma::manifest {

using nlohmann::json;
using Files = std::map<std::string, std::vector<json>>;

namespace {

constexpr const char* kGatewayFiles[] = {"ingressgateway", "egressgateway"};
constexpr const char* kDefaultCniBinDir = "/opt/cni/bin";  // the chart's default off GKE
constexpr const char* kDefaultCniConfDir = "/etc/cni/net.d";
constexpr long long kDefaultQuotaPods = 5000;  // istio-cni values.yaml

// The rendered objects and the values around one application of the table.
class Context {
 public:
  Context(Files& files, const json& rendered_with, const std::vector<ValuesChange>& changes)
      : files_(files), rendered_with_(rendered_with), effective_(rendered_with) {
    for (const auto& change : changes) set_value_at(effective_, change.path, change.value);
  }

  const json& rendered_with() const { return rendered_with_; }
  const json& effective() const { return effective_; }
  Files& files() { return files_; }

  json* object(const std::string& kind, const std::string& name) {
    for (auto& [stem, objects] : files_) {
      if (json* found = find_object(objects, kind, name)) return found;
    }
    return nullptr;
  }

  std::vector<json*> gateway_deployments() {
    std::vector<json*> out;
    for (const char* stem : kGatewayFiles) {
      for (auto& object : files_[stem]) {
        if (kind_of(object) == "Deployment") out.push_back(&object);
      }
    }
    return out;
  }

  // The mesh config inside ConfigMap istio (parsed once, written back by finish()).
  json& mesh() { return embedded(mesh_, "istio", "mesh", false); }
  // The values JSON inside ConfigMap istio-sidecar-injector.
  json& injector_values() { return embedded(injector_, "istio-sidecar-injector", "values", true); }

  void finish() {
    write_back(mesh_, "istio", "mesh", false);
    write_back(injector_, "istio-sidecar-injector", "values", true);
  }

 private:
  struct Embedded {
    bool loaded = false;
    json value;
  };

  json& embedded(Embedded& slot, const char* configmap, const char* key, bool is_json) {
    if (slot.loaded) return slot.value;
    json* map = object("ConfigMap", configmap);
    if (!map || !map->contains("data") || !(*map)["data"].contains(key) ||
        !(*map)["data"][key].is_string()) {
      throw Error(std::string("the bundle has no ConfigMap ") + configmap + " with data." + key);
    }
    const std::string& text = (*map)["data"][key].get_ref<const std::string&>();
    const std::string source = std::string("ConfigMap ") + configmap + " data." + key;
    if (is_json) {
      slot.value = json::parse(text, nullptr, false);
      if (slot.value.is_discarded()) throw Error(source + ": not valid JSON");
    } else {
      slot.value = parse_yaml(text, source);
      if (slot.value.is_null()) slot.value = json::object();
    }
    slot.loaded = true;
    return slot.value;
  }

  void write_back(Embedded& slot, const char* configmap, const char* key, bool is_json) {
    if (!slot.loaded) return;
    json* map = object("ConfigMap", configmap);
    // Helm wrote these as block scalars without a final newline (`|-`).
    std::string text = is_json ? slot.value.dump(2) : to_yaml(slot.value);
    while (!text.empty() && text.back() == '\n') text.pop_back();
    (*map)["data"][key] = text;
  }

  Files& files_;
  const json& rendered_with_;
  json effective_;
  Embedded mesh_;
  Embedded injector_;
};

using Path = std::vector<std::string>;

Path split_path(const char* dotted) {
  Path out;
  std::stringstream in(dotted);
  for (std::string part; std::getline(in, part, '.');) out.push_back(part);
  return out;
}

const json& at_or_empty(const json& root, const Path& path) {
  static const json empty = json::object();
  const json* value = value_at(root, path);
  return value ? *value : empty;
}

std::string env_text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  return value.dump();
}

// Replaces the env entries a Helm `range` over `old_block` rendered with `new_block`'s, sorted by
// name as the range renders them, at the same place (or before `fallback_before` when the old
// block was empty). Names already set elsewhere in the list are updated in place.
void replace_env_block(json& env, const json& old_block, const json& new_block,
                       const std::vector<std::string>& fallback_before) {
  if (!env.is_array()) env = json::array();
  size_t at = env.size();
  bool found_block = false;
  json kept = json::array();
  for (auto& entry : env) {
    std::string name = entry.is_object() ? entry.value("name", std::string()) : "";
    if (old_block.is_object() && old_block.contains(name)) {
      if (!found_block) at = kept.size();
      found_block = true;
      continue;
    }
    kept.push_back(entry);
  }
  if (!found_block) {
    at = kept.size();
    for (const auto& name : fallback_before) {
      for (size_t i = 0; i < kept.size(); ++i) {
        if (kept[i].is_object() && kept[i].value("name", std::string()) == name) {
          at = i;
          break;
        }
      }
      if (at != kept.size()) break;
    }
  }
  json block = json::array();
  if (new_block.is_object()) {
    for (const auto& [name, value] : new_block.items()) {  // sorted by key, like Helm's range
      if (json* existing = find_item(kept, "name", name)) {
        *existing = {{"name", name}, {"value", env_text(value)}};
        continue;
      }
      block.push_back({{"name", name}, {"value", env_text(value)}});
    }
  }
  kept.insert(kept.begin() + static_cast<long>(at), block.begin(), block.end());
  env = std::move(kept);
}

void set_env(json& container, const std::string& name, const std::optional<std::string>& value) {
  json& env = container["env"];
  if (!env.is_array()) env = json::array();
  for (size_t i = 0; i < env.size(); ++i) {
    if (env[i].is_object() && env[i].value("name", std::string()) == name) {
      if (value) {
        env[i] = {{"name", name}, {"value", *value}};
      } else {
        env.erase(i);
      }
      return;
    }
  }
  if (value) env.push_back({{"name", name}, {"value", *value}});
}

// Annotations rendered from a values map: drop what the bundle's map set, add the wanted map.
void replace_annotations(json& annotations, const json& old_map, const json& new_map) {
  if (old_map.is_object()) {
    for (const auto& [key, value] : old_map.items()) annotations.erase(key);
  }
  if (new_map.is_object()) {
    for (const auto& [key, value] : new_map.items()) {
      annotations[key] = value.is_string() ? value : json(env_text(value));
    }
  }
  if (annotations.empty()) annotations = json::object();
}

// The pod template: an object whose metadata holds the pods' labels and annotations.
json& pod_template(json& workload) {
  return workload["spec"]["template"];
}

json* hostpath_volume(json& daemonset, const std::string& volume) {
  json& volumes = daemonset["spec"]["template"]["spec"]["volumes"];
  json* item = find_item(volumes, "name", volume);
  return item && item->contains("hostPath") ? &(*item)["hostPath"] : nullptr;
}

// A change lands below the mesh root or the injector values root at the same path.
void merge_at(json& root, const Path& path, const std::optional<json>& value) {
  if (value && value->is_object()) {
    const json* existing = value_at(root, path);
    if (existing && existing->is_object()) {
      json merged = *existing;
      merged.merge_patch(*value);
      set_value_at(root, path, merged);
      return;
    }
  }
  set_value_at(root, path, value);
}

// ---- the effects ----

void mesh_key(Context& ctx, const ValuesChange& change) {
  Path below(change.path.begin() + 1, change.path.end());
  if (below.empty()) {  // the whole meshConfig
    if (change.value && change.value->is_object()) ctx.mesh().merge_patch(*change.value);
    return;
  }
  merge_at(ctx.mesh(), below, change.value);
}

void injector_value(Context& ctx, const ValuesChange& change) {
  merge_at(ctx.injector_values(), change.path, change.value);
}

void gateway_proxy_metadata(Context& ctx) {
  const Path path = split_path("meshConfig.defaultConfig.proxyMetadata");
  for (json* deployment : ctx.gateway_deployments()) {
    json* proxy = find_container(*deployment, "istio-proxy");
    if (!proxy) continue;
    replace_env_block((*proxy)["env"], at_or_empty(ctx.rendered_with(), path),
                      at_or_empty(ctx.effective(), path),
                      {"ISTIO_META_NETWORK", "ISTIO_META_CLUSTER_ID"});
  }
}

void gateway_trust_domain(Context& ctx) {
  const json* domain = value_at(ctx.effective(), {"meshConfig", "trustDomain"});
  const json* mesh_id = value_at(ctx.effective(), {"global", "meshID"});
  std::optional<std::string> trust_domain;
  if (domain && !env_text(*domain).empty()) trust_domain = env_text(*domain);
  for (json* deployment : ctx.gateway_deployments()) {
    json* proxy = find_container(*deployment, "istio-proxy");
    if (!proxy) continue;
    set_env(*proxy, "TRUST_DOMAIN", trust_domain);
    if (!mesh_id || env_text(*mesh_id).empty()) set_env(*proxy, "ISTIO_META_MESH_ID", trust_domain);
  }
}

void gateway_prometheus_merge(Context& ctx) {
  const json* merge = value_at(ctx.effective(), {"meshConfig", "enablePrometheusMerge"});
  const bool on = merge && merge->is_boolean() && merge->get<bool>();
  for (json* deployment : ctx.gateway_deployments()) {
    json& annotations = annotations_of(pod_template(*deployment));
    if (on) {
      annotations["prometheus.io/port"] = "15020";
      annotations["prometheus.io/scrape"] = "true";
      annotations["prometheus.io/path"] = "/stats/prometheus";
    } else {
      for (const char* key : {"prometheus.io/port", "prometheus.io/scrape", "prometheus.io/path"}) {
        annotations.erase(key);
      }
    }
  }
}

json* cni_daemonset(Context& ctx) {
  json* daemonset = ctx.object("DaemonSet", "istio-cni-node");
  if (!daemonset) throw Error("the bundle has no DaemonSet istio-cni-node");
  return daemonset;
}

void cni_bin_dir(Context& ctx) {
  const json* wanted = value_at(ctx.effective(), {"cni", "cniBinDir"});
  std::string dir = wanted ? env_text(*wanted) : "";
  if (dir.empty()) dir = kDefaultCniBinDir;
  json* host_path = hostpath_volume(*cni_daemonset(ctx), "cni-bin-dir");
  if (!host_path) throw Error("DaemonSet istio-cni-node has no hostPath volume cni-bin-dir");
  const std::string old_dir = host_path->value("path", std::string());
  (*host_path)["path"] = dir;
  // Istio 1.22's chart also writes the folder into the CNI network config template.
  json* config = ctx.object("ConfigMap", "istio-cni-config");
  if (config && config->contains("data") && (*config)["data"].contains("cni_network_config")) {
    std::string text = (*config)["data"]["cni_network_config"].get<std::string>();
    const std::string from = "\"cni_bin_dir\": " + json(old_dir).dump();
    if (auto at = text.find(from); at != std::string::npos) {
      text.replace(at, from.size(), "\"cni_bin_dir\": " + json(dir).dump());
      (*config)["data"]["cni_network_config"] = text;
    }
  }
}

void cni_conf_dir(Context& ctx) {
  const json* wanted = value_at(ctx.effective(), {"cni", "cniConfDir"});
  std::string dir = wanted ? env_text(*wanted) : "";
  if (dir.empty()) dir = kDefaultCniConfDir;
  json* daemonset = cni_daemonset(ctx);
  json* host_path = hostpath_volume(*daemonset, "cni-net-dir");
  if (!host_path) throw Error("DaemonSet istio-cni-node has no hostPath volume cni-net-dir");
  (*host_path)["path"] = dir;
  if (json* install = find_container(*daemonset, "install-cni")) {
    if (find_item((*install)["env"], "name", "CNI_NET_DIR")) set_env(*install, "CNI_NET_DIR", dir);
  }
  json* config = ctx.object("ConfigMap", "istio-cni-config");
  if (config && config->contains("data") && (*config)["data"].contains("CNI_NET_DIR")) {
    (*config)["data"]["CNI_NET_DIR"] = dir;
  }
}

void cni_resource_quota(Context& ctx) {
  const json& quotas = at_or_empty(ctx.effective(), {"cni", "resourceQuotas"});
  const bool enabled = quotas.value("enabled", false);
  auto& objects = ctx.files()["cni"];
  const std::string name = "istio-cni-resource-quota";
  for (size_t i = 0; i < objects.size(); ++i) {
    if (kind_of(objects[i]) == "ResourceQuota" && name_of(objects[i]) == name) {
      objects.erase(objects.begin() + static_cast<long>(i));
      break;
    }
  }
  if (!enabled) return;
  json* daemonset = cni_daemonset(ctx);
  json pods = quotas.contains("pods") ? quotas["pods"] : json(kDefaultQuotaPods);
  objects.push_back({{"apiVersion", "v1"},
                     {"kind", "ResourceQuota"},
                     {"metadata", {{"name", name}, {"namespace", namespace_of(*daemonset)}}},
                     {"spec",
                      {{"hard", {{"pods", env_text(pods)}}},
                       {"scopeSelector",
                        {{"matchExpressions",
                          json::array({{{"operator", "In"},
                                        {"scopeName", "PriorityClass"},
                                        {"values", json::array({"system-node-critical"})}}})}}}}}});
}

void pilot_env(Context& ctx) {
  json* istiod = ctx.object("Deployment", "istiod");
  if (!istiod) return;
  json* discovery = find_container(*istiod, "discovery");
  if (!discovery) throw Error("Deployment istiod has no container discovery");
  replace_env_block((*discovery)["env"], at_or_empty(ctx.rendered_with(), {"pilot", "env"}),
                    at_or_empty(ctx.effective(), {"pilot", "env"}), {"PILOT_TRACE_SAMPLING"});
}

void set_ip_family_policy(json* service, const json* policy) {
  if (!service) return;
  if (policy && !env_text(*policy).empty()) {
    (*service)["spec"]["ipFamilyPolicy"] = env_text(*policy);
  } else if ((*service)["spec"].is_object()) {
    (*service)["spec"].erase("ipFamilyPolicy");
  }
}

void pilot_ip_family(Context& ctx) {
  set_ip_family_policy(ctx.object("Service", "istiod"),
                       value_at(ctx.effective(), {"pilot", "ipFamilyPolicy"}));
}

// The gateway a change below gateways.<name> is about.
std::string gateway_of(const ValuesChange& change) {
  return change.path.size() > 1 ? change.path[1] : "";
}

void gateway_service_annotations(Context& ctx, const ValuesChange& change) {
  const std::string gateway = gateway_of(change);
  json* service = ctx.object("Service", gateway);
  if (!service) return;
  replace_annotations(annotations_of(*service),
                      at_or_empty(ctx.rendered_with(), {"gateways", gateway, "serviceAnnotations"}),
                      at_or_empty(ctx.effective(), {"gateways", gateway, "serviceAnnotations"}));
}

void gateway_pod_annotations(Context& ctx, const ValuesChange& change) {
  const std::string gateway = gateway_of(change);
  json* deployment = ctx.object("Deployment", gateway);
  if (!deployment) return;
  replace_annotations(annotations_of(pod_template(*deployment)),
                      at_or_empty(ctx.rendered_with(), {"gateways", gateway, "podAnnotations"}),
                      at_or_empty(ctx.effective(), {"gateways", gateway, "podAnnotations"}));
}

void gateway_ip_family(Context& ctx, const ValuesChange& change) {
  const std::string gateway = gateway_of(change);
  set_ip_family_policy(ctx.object("Service", gateway),
                       value_at(ctx.effective(), {"gateways", gateway, "ipFamilyPolicy"}));
}

// ---- the table ----

struct Effect {
  const char* values_path;
  const char* changes;
  // Covering effects render every change below their path; the others only react to changes
  // that touch their path (another row covers those changes).
  bool covers;
  // Per-change effects run for each change; the others once, from the final values.
  std::function<void(Context&, const ValuesChange&)> per_change;
  std::function<void(Context&)> once;
};

const std::vector<Effect>& effects() {
  static const std::vector<Effect> table = {
      {"meshConfig", "ConfigMap istio data.mesh (YAML in a string)", true, mesh_key, nullptr},
      {"meshConfig.defaultConfig.proxyMetadata",
       "gateway Deployments: istio-proxy env, one variable a key", false, nullptr,
       gateway_proxy_metadata},
      {"meshConfig.trustDomain",
       "gateway Deployments: istio-proxy env TRUST_DOMAIN, "
       "ISTIO_META_MESH_ID",
       false, nullptr, gateway_trust_domain},
      {"meshConfig.enablePrometheusMerge",
       "gateway Deployments: pod annotations prometheus.io/{port,scrape,path}", false, nullptr,
       gateway_prometheus_merge},
      {"global.proxy.resources", "ConfigMap istio-sidecar-injector data.values (JSON in a string)",
       true, injector_value, nullptr},
      {"global.proxy_init.resources",
       "ConfigMap istio-sidecar-injector data.values (JSON in a string)", true, injector_value,
       nullptr},
      {"istio_cni", "ConfigMap istio-sidecar-injector data.values (JSON in a string)", true,
       injector_value, nullptr},
      {"cni.cniBinDir",
       "DaemonSet istio-cni-node hostPath cni-bin-dir; ConfigMap istio-cni-config "
       "cni_network_config (Istio 1.22)",
       true, nullptr, cni_bin_dir},
      {"cni.cniConfDir",
       "DaemonSet istio-cni-node hostPath cni-net-dir and env CNI_NET_DIR; ConfigMap "
       "istio-cni-config CNI_NET_DIR",
       true, nullptr, cni_conf_dir},
      {"cni.resourceQuotas", "ResourceQuota istio-cni-resource-quota (only when enabled)", true,
       nullptr, cni_resource_quota},
      {"pilot.env", "Deployment istiod: discovery env, one variable a key", true, nullptr,
       pilot_env},
      {"pilot.ipFamilyPolicy", "Service istiod spec.ipFamilyPolicy", true, nullptr,
       pilot_ip_family},
      {"gateways.*.serviceAnnotations", "the gateway's Service metadata.annotations", true,
       gateway_service_annotations, nullptr},
      {"gateways.*.podAnnotations", "the gateway's Deployment pod template annotations", true,
       gateway_pod_annotations, nullptr},
      {"gateways.*.ipFamilyPolicy", "the gateway's Service spec.ipFamilyPolicy", true,
       gateway_ip_family, nullptr},
  };
  return table;
}

// Whether `pattern` and `path` agree on their common length ("*" matches any key).
bool overlaps(const Path& pattern, const Path& path) {
  for (size_t i = 0; i < pattern.size() && i < path.size(); ++i) {
    if (pattern[i] != "*" && pattern[i] != path[i]) return false;
  }
  return true;
}

std::string shown(const json* value) {
  if (!value) return "unset";
  std::string text = value->dump();
  return text.size() > 80 ? text.substr(0, 77) + "..." : text;
}

}  // namespace

std::vector<ValuesEffect> values_effect_table() {
  std::vector<ValuesEffect> out;
  for (const auto& e : effects()) out.push_back({e.values_path, e.changes});
  return out;
}

void apply_values_changes(Files& files, const json& rendered_with, const json& wanted,
                          const json& profile) {
  auto changes = values_changes(rendered_with, wanted, profile);
  if (changes.empty()) return;
  Context ctx(files, rendered_with, changes);
  std::set<const Effect*> run_once;
  for (const auto& change : changes) {
    bool covered = false;
    for (const auto& effect : effects()) {
      Path pattern = split_path(effect.values_path);
      if (!overlaps(pattern, change.path)) continue;
      if (effect.covers && pattern.size() <= change.path.size()) covered = true;
      if (effect.per_change) effect.per_change(ctx, change);
      if (effect.once) run_once.insert(&effect);
    }
    if (!covered) {
      throw Error("values." + change.dotted() + ": the merged configuration sets it to " +
                  shown(change.value ? &*change.value : nullptr) +
                  ", but the pre-rendered bundle was rendered with " +
                  shown(value_at(rendered_with, change.path)) +
                  " and cannot be changed there without re-rendering the charts");
    }
  }
  for (const auto& effect : effects()) {
    if (run_once.count(&effect)) effect.once(ctx);
  }
  ctx.finish();
}

}  // namespace kyma::manifest
