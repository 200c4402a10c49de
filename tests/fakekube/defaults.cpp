#include "tests/fakekube/defaults.hpp"

#include "tests/fakekube/certificates.hpp"

namespace fakekube {

using nlohmann::json;

namespace {

void set_default(json& object, const char* key, const json& value) {
  if (!object.contains(key) || object[key].is_null()) object[key] = value;
}

void default_container(json& c) {
  if (!c.is_object()) return;
  set_default(c, "terminationMessagePath", "/dev/termination-log");
  set_default(c, "terminationMessagePolicy", "File");
  std::string image = c.value("image", "");
  bool latest = image.find(':') == std::string::npos ||
                (image.size() >= 7 && image.compare(image.size() - 7, 7, ":latest") == 0);
  if (image.find('@') != std::string::npos) latest = false;
  set_default(c, "imagePullPolicy", latest ? "Always" : "IfNotPresent");
  set_default(c, "resources", json::object());
  if (c.contains("ports") && c["ports"].is_array())
    for (auto& p : c["ports"])
      if (p.is_object()) set_default(p, "protocol", "TCP");
}

void default_pod_spec(json& spec) {
  if (!spec.is_object()) return;
  set_default(spec, "restartPolicy", "Always");
  set_default(spec, "terminationGracePeriodSeconds", 30);
  set_default(spec, "dnsPolicy", "ClusterFirst");
  set_default(spec, "securityContext", json::object());
  set_default(spec, "schedulerName", "default-scheduler");
  for (const char* list : {"containers", "initContainers"})
    if (spec.contains(list) && spec[list].is_array())
      for (auto& c : spec[list]) default_container(c);
}

void default_template(json& object) {
  if (!object.contains("spec") || !object["spec"].is_object()) return;
  json& spec = object["spec"];
  if (spec.contains("template") && spec["template"].is_object()) {
    json& tmpl = spec["template"];
    set_default(tmpl, "metadata", json::object());
    if (tmpl.contains("spec")) default_pod_spec(tmpl["spec"]);
  }
}

}  // namespace

void apply_defaults(json& object, const std::string& kind) {
  if (!object.is_object()) return;
  if (kind == "Pod") {
    if (object.contains("spec")) default_pod_spec(object["spec"]);
    return;
  }
  if (kind == "Namespace") {
    set_default(object, "spec", json::object());
    set_default(object["spec"], "finalizers", json::array({"kubernetes"}));
    return;
  }
  if (kind == "Deployment" || kind == "ReplicaSet" || kind == "StatefulSet" ||
      kind == "DaemonSet" || kind == "Job") {
    set_default(object, "spec", json::object());
    json& spec = object["spec"];
    default_template(object);
    if (kind != "DaemonSet" && kind != "Job") set_default(spec, "replicas", 1);
    if (kind == "Deployment") {
      set_default(spec, "strategy", json::object());
      set_default(spec["strategy"], "type", "RollingUpdate");
      if (spec["strategy"]["type"] == "RollingUpdate") {
        set_default(spec["strategy"], "rollingUpdate", json::object());
        set_default(spec["strategy"]["rollingUpdate"], "maxUnavailable", "25%");
        set_default(spec["strategy"]["rollingUpdate"], "maxSurge", "25%");
      }
      set_default(spec, "revisionHistoryLimit", 10);
      set_default(spec, "progressDeadlineSeconds", 600);
    }
    if (kind == "StatefulSet") {
      set_default(spec, "updateStrategy", json::object());
      set_default(spec["updateStrategy"], "type", "RollingUpdate");
      if (spec["updateStrategy"]["type"] == "RollingUpdate") {
        set_default(spec["updateStrategy"], "rollingUpdate", json::object());
        set_default(spec["updateStrategy"]["rollingUpdate"], "partition", 0);
      }
      set_default(spec, "podManagementPolicy", "OrderedReady");
      set_default(spec, "revisionHistoryLimit", 10);
    }
    if (kind == "DaemonSet") {
      set_default(spec, "updateStrategy", json::object());
      set_default(spec["updateStrategy"], "type", "RollingUpdate");
      if (spec["updateStrategy"]["type"] == "RollingUpdate") {
        set_default(spec["updateStrategy"], "rollingUpdate", json::object());
        set_default(spec["updateStrategy"]["rollingUpdate"], "maxUnavailable", 1);
        set_default(spec["updateStrategy"]["rollingUpdate"], "maxSurge", 0);
      }
      set_default(spec, "revisionHistoryLimit", 10);
    }
    if (kind == "Job") {
      set_default(spec, "parallelism", 1);
      set_default(spec, "completions", 1);
      set_default(spec, "backoffLimit", 6);
    }
    return;
  }
  if (kind == "CronJob") {
    if (object.contains("spec") && object["spec"].is_object()) {
      json& spec = object["spec"];
      set_default(spec, "concurrencyPolicy", "Allow");
      set_default(spec, "suspend", false);
      set_default(spec, "successfulJobsHistoryLimit", 3);
      set_default(spec, "failedJobsHistoryLimit", 1);
    }
    return;
  }
  if (kind == "Service") {
    set_default(object, "spec", json::object());
    json& spec = object["spec"];
    set_default(spec, "type", "ClusterIP");
    set_default(spec, "sessionAffinity", "None");
    if (spec.contains("ports") && spec["ports"].is_array())
      for (auto& p : spec["ports"]) {
        if (!p.is_object()) continue;
        set_default(p, "protocol", "TCP");
        if (p.contains("port")) set_default(p, "targetPort", p["port"]);
      }
    return;
  }
  if (kind == "Secret") {
    set_default(object, "type", "Opaque");
    // stringData is write-only: it lands base64-encoded in data.
    if (object.contains("stringData") && object["stringData"].is_object()) {
      set_default(object, "data", json::object());
      for (const auto& [key, value] : object["stringData"].items())
        if (value.is_string()) object["data"][key] = base64_encode(value.get<std::string>());
      object.erase("stringData");
    }
  }
}

std::string service_ip(std::uint64_t sequence) {
  return "10.96." + std::to_string((sequence / 250) % 250) + "." +
         std::to_string(sequence % 250 + 2);
}

}  // namespace fakekube
