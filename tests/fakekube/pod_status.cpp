#include "tests/fakekube/pod_status.hpp"

#include "tests/fakekube/object_meta.hpp"

namespace fakekube {

using nlohmann::json;

namespace {

json condition(const std::string& type, bool ok, const std::string& now,
               const std::string& reason = "", const std::string& message = "") {
  json c = {{"type", type},
            {"status", ok ? "True" : "False"},
            {"lastProbeTime", nullptr},
            {"lastTransitionTime", now}};
  if (!reason.empty()) c["reason"] = reason;
  if (!message.empty()) c["message"] = message;
  return c;
}

std::string image_id(const std::string& image) {
  std::string base = image.substr(0, image.find('@'));
  auto colon = base.rfind(':');
  if (colon != std::string::npos && base.find('/', colon) == std::string::npos)
    base = base.substr(0, colon);
  return base + "@sha256:" + std::string(64 - 10, '0') + safe_hash(image).substr(0, 10);
}

std::string qos_class(const json& pod) {
  bool any = false;
  for (const auto& c : field(pod, "/spec/containers"))
    if (c.is_object() && c.contains("resources") && !c["resources"].empty()) any = true;
  return any ? "Burstable" : "BestEffort";
}

json base_status(const json& pod, const std::string& phase) {
  json status = pod.value("status", json::object());
  if (!status.is_object()) status = json::object();
  status["phase"] = phase;
  status["qosClass"] = qos_class(pod);
  if (!status.contains("startTime")) status["startTime"] = now_rfc3339();
  return status;
}

std::vector<std::string> container_names(const json& pod, const char* list) {
  std::vector<std::string> names;
  for (const auto& c : field(pod, (std::string("/spec/") + list).c_str()))
    if (c.is_object()) names.push_back(c.value("name", ""));
  return names;
}

}  // namespace

json pending_pod_status(const json& pod, const std::string& host_ip) {
  std::string now = now_rfc3339();
  json status = base_status(pod, "Pending");
  json conditions = json::array();
  if (!host_ip.empty()) {
    status["hostIP"] = host_ip;
    status["hostIPs"] = json::array({{{"ip", host_ip}}});
    conditions.push_back(condition("PodScheduled", true, now));
  } else {
    conditions.push_back(
        condition("PodScheduled", false, now, "Unschedulable",
                  "0/0 nodes are available: no nodes available to schedule pods."));
  }
  status["conditions"] = conditions;
  json statuses = json::array();
  for (const auto& c : field(pod, "/spec/containers")) {
    if (!c.is_object()) continue;
    statuses.push_back({{"name", c.value("name", "")},
                        {"image", c.value("image", "")},
                        {"imageID", ""},
                        {"ready", false},
                        {"started", false},
                        {"restartCount", 0},
                        {"state", {{"waiting", {{"reason", "ContainerCreating"}}}}},
                        {"lastState", json::object()}});
  }
  status["containerStatuses"] = statuses;
  return status;
}

json running_pod_status(const json& pod, std::uint64_t ip_sequence) {
  std::string now = now_rfc3339();
  json status = base_status(pod, "Running");
  std::string ip = "10.244." + std::to_string((ip_sequence / 250) % 250) + "." +
                   std::to_string(ip_sequence % 250 + 2);
  status["podIP"] = ip;
  status["podIPs"] = json::array({{{"ip", ip}}});
  status["conditions"] =
      json::array({condition("PodReadyToStartContainers", true, now),
                   condition("Initialized", true, now), condition("Ready", true, now),
                   condition("ContainersReady", true, now), condition("PodScheduled", true, now)});
  json statuses = json::array();
  for (const auto& c : field(pod, "/spec/containers")) {
    if (!c.is_object()) continue;
    std::string image = c.value("image", "");
    statuses.push_back(
        {{"name", c.value("name", "")},
         {"image", image},
         {"imageID", image_id(image)},
         {"containerID", "containerd://" + safe_hash(uid_of(pod) + c.value("name", ""))},
         {"ready", true},
         {"started", true},
         {"restartCount", 0},
         {"state", {{"running", {{"startedAt", now}}}}},
         {"lastState", json::object()}});
  }
  status["containerStatuses"] = statuses;
  json init_statuses = json::array();
  for (const auto& c : field(pod, "/spec/initContainers")) {
    if (!c.is_object()) continue;
    std::string image = c.value("image", "");
    init_statuses.push_back(
        {{"name", c.value("name", "")},
         {"image", image},
         {"imageID", image_id(image)},
         {"ready", true},
         {"restartCount", 0},
         {"state",
          {{"terminated",
            {{"exitCode", 0}, {"reason", "Completed"}, {"startedAt", now}, {"finishedAt", now}}}}},
         {"lastState", json::object()}});
  }
  if (!init_statuses.empty()) status["initContainerStatuses"] = init_statuses;
  return status;
}

json failing_pod_status(const json& pod, const std::string& reason) {
  std::string now = now_rfc3339();
  json status = base_status(pod, "Pending");
  std::vector<std::string> names = container_names(pod, "containers");
  std::string unready;
  for (const auto& n : names) unready += (unready.empty() ? "" : " ") + n;
  std::string message = "containers with unready status: [" + unready + "]";
  status["conditions"] = json::array(
      {condition("PodReadyToStartContainers", true, now), condition("Initialized", true, now),
       condition("Ready", false, now, "ContainersNotReady", message),
       condition("ContainersReady", false, now, "ContainersNotReady", message),
       condition("PodScheduled", true, now)});
  json statuses = json::array();
  for (const auto& c : field(pod, "/spec/containers")) {
    if (!c.is_object()) continue;
    std::string image = c.value("image", "");
    statuses.push_back(
        {{"name", c.value("name", "")},
         {"image", image},
         {"imageID", ""},
         {"ready", false},
         {"started", false},
         {"restartCount", 0},
         {"state",
          {{"waiting",
            {{"reason", reason}, {"message", "Back-off pulling image \"" + image + "\""}}}}},
         {"lastState", json::object()}});
  }
  status["containerStatuses"] = statuses;
  return status;
}

bool pod_ready(const json& pod) {
  for (const auto& c : field(pod, "/status/conditions"))
    if (c.is_object() && c.value("type", "") == "Ready") return c.value("status", "") == "True";
  return false;
}

bool pod_running(const json& pod) {
  return string_at(pod, "/status/phase") == "Running";
}

}  // namespace fakekube
