#include "tests/fakekube/table.hpp"

#include <chrono>
#include <ctime>
#include <functional>

#include "tests/fakekube/object_meta.hpp"
#include "tests/fakekube/pod_status.hpp"

namespace fakekube {

using nlohmann::json;

namespace {

struct Column {
  std::string name;
  std::string type = "string";
  int priority = 0;
  std::function<json(const json&)> cell;
};

long long age_seconds(const std::string& timestamp) {
  std::tm tm{};
  if (!strptime(timestamp.c_str(), "%Y-%m-%dT%H:%M:%S", &tm)) return 0;
  std::time_t then = timegm(&tm);
  return static_cast<long long>(std::time(nullptr) - then);
}

json age(const json& o) {
  std::string created = string_at(o, "/metadata/creationTimestamp");
  return created.empty() ? "<unknown>" : human_duration(age_seconds(created));
}

std::string count(const json& o, const char* pointer) {
  const json& v = field(o, pointer);
  return std::to_string(v.is_number_integer() ? v.get<long long>() : 0);
}

json pod_status_cell(const json& pod) {
  if (is_deleting(pod)) return "Terminating";
  std::string reason = string_at(pod, "/status/reason");
  for (const auto& c : field(pod, "/status/containerStatuses")) {
    std::string waiting = c.is_object() ? string_at(c, "/state/waiting/reason") : "";
    if (!waiting.empty()) reason = waiting;
  }
  if (!reason.empty()) return reason;
  std::string phase = string_at(pod, "/status/phase");
  return phase.empty() ? "Pending" : phase;
}

json pod_ready_cell(const json& pod) {
  int total = 0, ready = 0;
  for (const auto& c : field(pod, "/spec/containers"))
    if (c.is_object()) ++total;
  for (const auto& c : field(pod, "/status/containerStatuses"))
    if (c.is_object() && c.value("ready", false)) ++ready;
  return std::to_string(ready) + "/" + std::to_string(total);
}

json node_status_cell(const json& node) {
  std::string status = "Unknown";
  for (const auto& c : field(node, "/status/conditions"))
    if (c.is_object() && c.value("type", "") == "Ready")
      status = c.value("status", "") == "True" ? "Ready" : "NotReady";
  if (field(node, "/spec/unschedulable") == true) status += ",SchedulingDisabled";
  return status;
}

json service_ports_cell(const json& service) {
  std::string out;
  for (const auto& p : field(service, "/spec/ports")) {
    if (!p.is_object()) continue;
    if (!out.empty()) out += ",";
    out += std::to_string(p.value("port", 0));
    if (p.contains("nodePort")) out += ":" + std::to_string(p.value("nodePort", 0));
    out += "/" + p.value("protocol", std::string("TCP"));
  }
  return out.empty() ? "<none>" : out;
}

json external_ip_cell(const json& service) {
  std::string out;
  for (const auto& i : field(service, "/status/loadBalancer/ingress"))
    if (i.is_object()) out += (out.empty() ? "" : ",") + i.value("ip", i.value("hostname", ""));
  if (!out.empty()) return out;
  return string_at(service, "/spec/type") == "LoadBalancer" ? "<pending>" : "<none>";
}

// A CRD printer column's jsonPath: ".a.b", ".a[0].b", or "<none>".
json json_path(const json& o, const std::string& path) {
  const json* node = &o;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '.') {
      size_t end = path.find_first_of(".[", i + 1);
      std::string key = path.substr(i + 1, end == std::string::npos ? end : end - i - 1);
      if (!node->is_object() || !node->contains(key)) return nullptr;
      node = &(*node)[key];
      i = end == std::string::npos ? path.size() : end;
    } else if (path[i] == '[') {
      size_t end = path.find(']', i);
      if (end == std::string::npos) return nullptr;
      try {
        size_t index = std::stoul(path.substr(i + 1, end - i - 1));
        if (!node->is_array() || index >= node->size()) return nullptr;
        node = &(*node)[index];
      } catch (const std::exception&) {
        return nullptr;
      }
      i = end + 1;
    } else {
      return nullptr;
    }
  }
  return *node;
}

std::vector<Column> columns_for(const ResourceType& type) {
  Column name{"Name", "string", 0, [](const json& o) { return json(name_of(o)); }};
  Column age_column{"Age", "string", 0, age};
  auto text = [](const char* pointer) {
    return [pointer](const json& o) { return json(string_at(o, pointer)); };
  };
  if (type.custom) {
    std::vector<Column> out{name};
    bool has_age = false;
    if (type.printer_columns.is_array()) {
      for (const auto& c : type.printer_columns) {
        std::string path = c.value("jsonPath", "");
        std::string column_type = c.value("type", "string");
        if (path == ".metadata.creationTimestamp") has_age = true;
        out.push_back({c.value("name", ""), column_type, c.value("priority", 0),
                       [path](const json& o) { return json_path(o, path); }});
      }
    }
    if (!has_age) out.push_back(age_column);
    return out;
  }
  const std::string& kind = type.kind;
  if (kind == "Pod")
    return {name,
            {"Ready", "string", 0, pod_ready_cell},
            {"Status", "string", 0, pod_status_cell},
            {"Restarts", "string", 0, [](const json&) { return json("0"); }},
            age_column,
            {"IP", "string", 1,
             [](const json& o) {
               std::string ip = string_at(o, "/status/podIP");
               return json(ip.empty() ? "<none>" : ip);
             }},
            {"Node", "string", 1, [](const json& o) {
               std::string node = string_at(o, "/spec/nodeName");
               return json(node.empty() ? "<none>" : node);
             }}};
  if (kind == "Deployment")
    return {name,
            {"Ready", "string", 0,
             [](const json& o) {
               return json(count(o, "/status/readyReplicas") + "/" + count(o, "/spec/replicas"));
             }},
            {"Up-to-date", "integer", 0,
             [](const json& o) { return json(std::stoll(count(o, "/status/updatedReplicas"))); }},
            {"Available", "integer", 0,
             [](const json& o) { return json(std::stoll(count(o, "/status/availableReplicas"))); }},
            age_column};
  if (kind == "ReplicaSet")
    return {name,
            {"Desired", "integer", 0,
             [](const json& o) { return json(std::stoll(count(o, "/spec/replicas"))); }},
            {"Current", "integer", 0,
             [](const json& o) { return json(std::stoll(count(o, "/status/replicas"))); }},
            {"Ready", "integer", 0,
             [](const json& o) { return json(std::stoll(count(o, "/status/readyReplicas"))); }},
            age_column};
  if (kind == "DaemonSet") {
    auto n = [](const char* pointer) {
      return [pointer](const json& o) { return json(std::stoll(count(o, pointer))); };
    };
    return {name,
            {"Desired", "integer", 0, n("/status/desiredNumberScheduled")},
            {"Current", "integer", 0, n("/status/currentNumberScheduled")},
            {"Ready", "integer", 0, n("/status/numberReady")},
            {"Up-to-date", "integer", 0, n("/status/updatedNumberScheduled")},
            {"Available", "integer", 0, n("/status/numberAvailable")},
            age_column};
  }
  if (kind == "StatefulSet")
    return {name,
            {"Ready", "string", 0,
             [](const json& o) {
               return json(count(o, "/status/readyReplicas") + "/" + count(o, "/spec/replicas"));
             }},
            age_column};
  if (kind == "Namespace")
    return {name, {"Status", "string", 0, text("/status/phase")}, age_column};
  if (kind == "Node")
    return {name,
            {"Status", "string", 0, node_status_cell},
            {"Roles", "string", 0, [](const json&) { return json("<none>"); }},
            age_column,
            {"Version", "string", 0, text("/status/nodeInfo/kubeletVersion")}};
  if (kind == "Service")
    return {name,
            {"Type", "string", 0, text("/spec/type")},
            {"Cluster-IP", "string", 0, text("/spec/clusterIP")},
            {"External-IP", "string", 0, external_ip_cell},
            {"Port(s)", "string", 0, service_ports_cell},
            age_column};
  if (kind == "ConfigMap" || kind == "Secret") {
    std::vector<Column> out{name};
    if (kind == "Secret") out.push_back({"Type", "string", 0, text("/type")});
    out.push_back({"Data", "integer", 0, [](const json& o) {
                     size_t n = 0;
                     for (const char* key : {"/data", "/binaryData"})
                       if (field(o, key).is_object()) n += field(o, key).size();
                     return json(n);
                   }});
    out.push_back(age_column);
    return out;
  }
  if (kind == "CustomResourceDefinition")
    return {name, {"Created At", "date", 0, text("/metadata/creationTimestamp")}};
  return {name, age_column};
}

}  // namespace

bool wants_table(const std::string& accept) {
  return accept.find("as=Table") != std::string::npos;
}

std::string human_duration(long long s) {
  if (s < -1) return "<invalid>";
  if (s < 0) return "0s";
  if (s < 120) return std::to_string(s) + "s";
  long long m = s / 60;
  if (m < 10)
    return s % 60 == 0 ? std::to_string(m) + "m"
                       : std::to_string(m) + "m" + std::to_string(s % 60) + "s";
  if (m < 180) return std::to_string(m) + "m";
  long long h = s / 3600;
  if (h < 8)
    return m % 60 == 0 ? std::to_string(h) + "h"
                       : std::to_string(h) + "h" + std::to_string(m % 60) + "m";
  if (h < 48) return std::to_string(h) + "h";
  if (h < 24 * 8)
    return h % 24 == 0 ? std::to_string(h / 24) + "d"
                       : std::to_string(h / 24) + "d" + std::to_string(h % 24) + "h";
  if (h < 24 * 365 * 2) return std::to_string(h / 24) + "d";
  if (h < 24 * 365 * 8)
    return std::to_string(h / 24 / 365) + "y" + std::to_string((h / 24) % 365) + "d";
  return std::to_string(h / 24 / 365) + "y";
}

json table_for(const ResourceType& type, const std::vector<const json*>& objects,
               const std::optional<ListPage>& page) {
  std::vector<Column> columns = columns_for(type);
  json definitions = json::array();
  for (const auto& c : columns)
    definitions.push_back({{"name", c.name},
                           {"type", c.type},
                           {"format", c.name == "Name" ? "name" : ""},
                           {"description", ""},
                           {"priority", c.priority}});
  json rows = json::array();
  for (const json* object : objects) {
    const json& o = *object;
    json cells = json::array();
    for (const auto& c : columns) cells.push_back(c.cell(o));
    json meta = o.value("metadata", json::object());
    rows.push_back({{"cells", cells},
                    {"object",
                     {{"kind", "PartialObjectMetadata"},
                      {"apiVersion", "meta.k8s.io/v1"},
                      {"metadata", meta}}}});
  }
  json meta = json::object();
  if (page) {
    meta["resourceVersion"] = std::to_string(page->resource_version);
    if (!page->continue_token.empty()) meta["continue"] = page->continue_token;
    if (page->remaining) meta["remainingItemCount"] = *page->remaining;
  }
  return {{"kind", "Table"},
          {"apiVersion", "meta.k8s.io/v1"},
          {"metadata", meta},
          {"columnDefinitions", definitions},
          {"rows", rows}};
}

}  // namespace fakekube
