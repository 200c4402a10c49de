#include "tests/fakekube/injection.hpp"

#include "core/manifest/yaml.hpp"
#include "tests/fakekube/object_meta.hpp"

namespace fakekube {

using nlohmann::json;

namespace {

std::string text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  return value.dump();
}

std::string opt_out_value(const json& pod) {
  const json& label = field(pod, "/metadata/labels/sidecar.istio.io~1inject");
  if (!label.is_null()) return text(label);
  return text(field(pod, "/metadata/annotations/sidecar.istio.io~1inject"));
}

json parse_values(const json& config_map) {
  std::string values = text(field(config_map, "/data/values"));
  json parsed = json::parse(values, nullptr, false);
  return parsed.is_discarded() || !parsed.is_object() ? json::object() : parsed;
}

json parse_mesh(const json* config_map) {
  if (!config_map) return json::object();
  try {
    json mesh = kyma::manifest::parse_yaml(text(field(*config_map, "/data/mesh")), "mesh");
    return mesh.is_object() ? mesh : json::object();
  } catch (const std::exception&) {
    return json::object();
  }
}

std::string proxy_image(const json& values, const json& annotations) {
  if (annotations.contains("sidecar.istio.io/proxyImage"))
    return text(annotations["sidecar.istio.io/proxyImage"]);
  std::string image = text(field(values, "/global/proxy/image"));
  if (image.empty()) image = "proxyv2";
  if (image.find('/') != std::string::npos) return image;
  return text(field(values, "/global/hub")) + "/" + image + ":" +
         text(field(values, "/global/tag"));
}

json proxy_resources(const json& values, const json& annotations) {
  const char* cpu = "sidecar.istio.io/proxyCPU";
  const char* memory = "sidecar.istio.io/proxyMemory";
  const char* cpu_limit = "sidecar.istio.io/proxyCPULimit";
  const char* memory_limit = "sidecar.istio.io/proxyMemoryLimit";
  bool any = annotations.contains(cpu) || annotations.contains(memory) ||
             annotations.contains(cpu_limit) || annotations.contains(memory_limit);
  if (!any) {
    json resources = field(values, "/global/proxy/resources");
    return resources.is_object() ? resources : json::object();
  }
  json resources = json::object();
  auto put = [&](const char* section, const char* key, const char* annotation) {
    if (annotations.contains(annotation)) resources[section][key] = text(annotations[annotation]);
  };
  put("requests", "cpu", cpu);
  put("requests", "memory", memory);
  put("limits", "cpu", cpu_limit);
  put("limits", "memory", memory_limit);
  // A limit alone also sets the request, as Istio's injection template does.
  for (const char* key : {"cpu", "memory"})
    if (resources.contains("limits") && resources["limits"].contains(key) &&
        !(resources.contains("requests") && resources["requests"].contains(key)))
      resources["requests"][key] = resources["limits"][key];
  return resources;
}

json proxy_container(const std::string& image, const json& resources) {
  return {
      {"name", "istio-proxy"},
      {"image", image},
      {"args", json::array({"proxy", "sidecar", "--domain", "$(POD_NAMESPACE).svc.cluster.local",
                            "--proxyLogLevel=warning", "--proxyComponentLogLevel=misc:error",
                            "--log_output_level=default:info"})},
      {"env",
       json::array(
           {{{"name", "PILOT_CERT_PROVIDER"}, {"value", "istiod"}},
            {{"name", "CA_ADDR"}, {"value", "istiod.istio-system.svc:15012"}},
            {{"name", "POD_NAME"}, {"valueFrom", {{"fieldRef", {{"fieldPath", "metadata.name"}}}}}},
            {{"name", "POD_NAMESPACE"},
             {"valueFrom", {{"fieldRef", {{"fieldPath", "metadata.namespace"}}}}}}})},
      {"ports",
       json::array({{{"containerPort", 15090}, {"name", "http-envoy-prom"}, {"protocol", "TCP"}}})},
      {"readinessProbe",
       {{"httpGet", {{"path", "/healthz/ready"}, {"port", 15021}}},
        {"periodSeconds", 15},
        {"failureThreshold", 4}}},
      {"resources", resources},
      {"securityContext",
       {{"allowPrivilegeEscalation", false},
        {"privileged", false},
        {"readOnlyRootFilesystem", true},
        {"runAsGroup", 1337},
        {"runAsNonRoot", true},
        {"runAsUser", 1337}}},
      {"volumeMounts",
       json::array(
           {{{"mountPath", "/var/run/secrets/workload-spiffe-uds"}, {"name", "workload-socket"}},
            {{"mountPath", "/var/run/secrets/credential-uds"}, {"name", "credential-socket"}},
            {{"mountPath", "/var/run/secrets/workload-spiffe-credentials"},
             {"name", "workload-certs"}},
            {{"mountPath", "/var/run/secrets/istio"}, {"name", "istiod-ca-cert"}},
            {{"mountPath", "/var/lib/istio/data"}, {"name", "istio-data"}},
            {{"mountPath", "/etc/istio/proxy"}, {"name", "istio-envoy"}},
            {{"mountPath", "/var/run/secrets/tokens"}, {"name", "istio-token"}},
            {{"mountPath", "/etc/istio/pod"}, {"name", "istio-podinfo"}}})},
      {"terminationMessagePath", "/dev/termination-log"},
      {"terminationMessagePolicy", "File"},
      {"imagePullPolicy", "IfNotPresent"}};
}

json init_container(const std::string& name, const std::string& image, const json& resources) {
  json args = name == "istio-validation"
                  ? json::array({"istio-iptables", "--run-validation", "--skip-rule-apply"})
                  : json::array({"istio-iptables", "-p", "15001", "-z", "15006", "-u", "1337"});
  return {{"name", name},
          {"image", image},
          {"args", args},
          {"resources", resources},
          {"terminationMessagePath", "/dev/termination-log"},
          {"terminationMessagePolicy", "File"},
          {"imagePullPolicy", "IfNotPresent"}};
}

json volumes() {
  return json::array(
      {{{"name", "workload-socket"}, {"emptyDir", json::object()}},
       {{"name", "credential-socket"}, {"emptyDir", json::object()}},
       {{"name", "workload-certs"}, {"emptyDir", json::object()}},
       {{"name", "istio-envoy"}, {"emptyDir", {{"medium", "Memory"}}}},
       {{"name", "istio-data"}, {"emptyDir", json::object()}},
       {{"name", "istio-podinfo"},
        {"downwardAPI",
         {{"items",
           json::array({{{"path", "labels"}, {"fieldRef", {{"fieldPath", "metadata.labels"}}}},
                        {{"path", "annotations"},
                         {"fieldRef", {{"fieldPath", "metadata.annotations"}}}}})}}}},
       {{"name", "istio-token"},
        {"projected",
         {{"sources", json::array({{{"serviceAccountToken",
                                     {{"audience", "istio-ca"},
                                      {"expirationSeconds", 43200},
                                      {"path", "istio-token"}}}}})}}}},
       {{"name", "istiod-ca-cert"}, {"configMap", {{"name", "istio-ca-root-cert"}}}}});
}

}  // namespace

bool inject_sidecar(json& pod, const InjectionContext& ctx) {
  if (!ctx.injector_config_map) return false;
  if (text(ctx.namespace_labels.value("istio-injection", json())) != "enabled") return false;
  if (opt_out_value(pod) == "false") return false;
  if (!field(pod, "/metadata/annotations/sidecar.istio.io~1status").is_null()) return false;
  if (field(pod, "/spec/hostNetwork") == true) return false;
  json& spec = pod["spec"];
  if (!spec.is_object() || !spec.contains("containers") || !spec["containers"].is_array())
    return false;
  for (const auto& c : spec["containers"])
    if (c.value("name", "") == "istio-proxy") return false;

  json values = parse_values(*ctx.injector_config_map);
  json mesh = parse_mesh(ctx.mesh_config_map);
  if (!pod["metadata"].contains("annotations") || !pod["metadata"]["annotations"].is_object())
    pod["metadata"]["annotations"] = json::object();
  if (!pod["metadata"].contains("labels") || !pod["metadata"]["labels"].is_object())
    pod["metadata"]["labels"] = json::object();
  json& annotations = pod["metadata"]["annotations"];
  json& labels = pod["metadata"]["labels"];

  std::string image = proxy_image(values, annotations);
  json resources = proxy_resources(values, annotations);
  int status_port = field(values, "/global/proxy/statusPort").is_number()
                        ? field(values, "/global/proxy/statusPort").get<int>()
                        : 15020;
  std::string app_container = spec["containers"][0].value("name", "");
  bool hold = field(mesh, "/defaultConfig/holdApplicationUntilProxyStarts") == true;
  json proxy = proxy_container(image, resources);
  if (hold)
    spec["containers"].insert(spec["containers"].begin(), proxy);
  else
    spec["containers"].push_back(proxy);

  bool cni = field(values, "/istio_cni/enabled") == true;
  std::string init_name = cni ? "istio-validation" : "istio-init";
  if (!spec.contains("initContainers") || !spec["initContainers"].is_array())
    spec["initContainers"] = json::array();
  spec["initContainers"].push_back(init_container(init_name, image, resources));
  if (!spec.contains("volumes") || !spec["volumes"].is_array()) spec["volumes"] = json::array();
  json added = volumes();
  json volume_names = json::array();
  for (const auto& v : added) {
    spec["volumes"].push_back(v);
    volume_names.push_back(v["name"]);
  }

  std::string revision = text(values.value("revision", json()));
  if (revision.empty()) revision = "default";
  json pull_secrets = field(values, "/global/imagePullSecrets");
  json status = {{"initContainers", json::array({init_name})},
                 {"containers", json::array({"istio-proxy"})},
                 {"volumes", volume_names},
                 {"imagePullSecrets",
                  pull_secrets.is_array() && !pull_secrets.empty() ? pull_secrets : json(nullptr)},
                 {"revision", revision}};
  annotations["sidecar.istio.io/status"] = status.dump();
  annotations["istio.io/rev"] = revision;
  annotations["kubectl.kubernetes.io/default-container"] = app_container;
  annotations["kubectl.kubernetes.io/default-logs-container"] = app_container;
  json merge = mesh.value("enablePrometheusMerge", json(true));
  if (merge != false) {
    annotations["prometheus.io/path"] = "/stats/prometheus";
    annotations["prometheus.io/port"] = std::to_string(status_port);
    annotations["prometheus.io/scrape"] = "true";
  }
  labels["security.istio.io/tlsMode"] = "istio";
  std::string canonical = text(labels.value("app.kubernetes.io/name", json()));
  if (canonical.empty()) canonical = text(labels.value("app", json()));
  if (canonical.empty()) canonical = name_of(pod);
  labels["service.istio.io/canonical-name"] = canonical;
  std::string canonical_revision = text(labels.value("app.kubernetes.io/version", json()));
  if (canonical_revision.empty()) canonical_revision = text(labels.value("version", json()));
  labels["service.istio.io/canonical-revision"] =
      canonical_revision.empty() ? "latest" : canonical_revision;
  return true;
}

}  // namespace fakekube
