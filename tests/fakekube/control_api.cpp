#include "tests/fakekube/control_api.hpp"

#include <algorithm>

#include "core/manifest/yaml.hpp"

namespace fakekube {

using nlohmann::json;

namespace {

std::vector<json> objects_in(const std::string& body) {
  json parsed = json::parse(body, nullptr, false);
  std::vector<json> docs;
  if (parsed.is_discarded()) {
    try {
      docs = kyma::manifest::parse_yaml_documents(body, "seed");
    } catch (const std::exception& e) {
      throw bad_request(e.what());
    }
  } else {
    docs.push_back(parsed);
  }
  std::vector<json> out;
  for (const auto& doc : docs) {
    if (doc.is_array()) {
      out.insert(out.end(), doc.begin(), doc.end());
    } else if (doc.is_object() && doc.contains("items") && doc["items"].is_array()) {
      out.insert(out.end(), doc["items"].begin(), doc["items"].end());
    } else {
      out.push_back(doc);
    }
  }
  return out;
}

json body_of(const Exchange& x) {
  json body = json::parse(x.request.body, nullptr, false);
  if (body.is_discarded()) throw bad_request("the body must be JSON");
  return body;
}

}  // namespace

json record_to_json(const RequestRecord& r) {
  return {{"verb", r.verb},
          {"path", r.path},
          {"query", r.query},
          {"contentType", r.content_type},
          {"fieldManager", r.field_manager},
          {"user", r.user},
          {"status", r.status}};
}

void handle_control(Cluster& cluster, TestControl& control, Exchange& x) {
  auto groups = x.user.groups;
  if (std::find(groups.begin(), groups.end(), "system:masters") == groups.end())
    throw forbidden("the fakekube control API is for admin users (group system:masters)");
  std::string what = x.request.path.substr(std::string("/_fakekube/").size());
  const std::string& method = x.request.method;
  if (what == "seed" && method == "POST") {
    json seeded = json::array();
    for (const auto& object : objects_in(x.request.body)) seeded.push_back(cluster.seed(object));
    x.send(200, seeded);
  } else if (what == "requests" && method == "GET") {
    json list = json::array();
    for (const auto& r : control.requests()) list.push_back(record_to_json(r));
    x.send(200, list);
  } else if (what == "requests" && method == "DELETE") {
    control.clear_requests();
    x.send(200, json::object());
  } else if (what == "faults" && method == "POST") {
    json body = body_of(x);
    Fault fault;
    fault.verb = body.value("verb", "");
    fault.path_prefix = body.value("pathPrefix", "");
    fault.count = body.value("count", 1);
    fault.status = body.value("status", 500);
    if (body.contains("retryAfterSeconds"))
      fault.retry_after_seconds = body["retryAfterSeconds"].get<int>();
    fault.delay = std::chrono::milliseconds(body.value("delayMs", 0));
    fault.close_connection = body.value("closeConnection", false);
    control.add_fault(fault);
    x.send(200, json::object());
  } else if (what == "faults" && method == "DELETE") {
    control.clear_faults();
    x.send(200, json::object());
  } else if (what == "expire-continue-tokens" && method == "POST") {
    cluster.expire_continue_tokens();
    x.send(200, json::object());
  } else if (what == "compact-watch-history" && method == "POST") {
    cluster.compact_watch_history();
    x.send(200, json::object());
  } else if (what == "close-watches" && method == "POST") {
    cluster.close_watches();
    x.send(200, json::object());
  } else if (what == "fail-pods" && method == "POST") {
    json body = body_of(x);
    cluster.fail_pods({body.value("namespace", ""), body.value("namePrefix", ""),
                       body.value("reason", "ImagePullBackOff")});
    x.send(200, json::object());
  } else if (what == "access-rules" && method == "PUT") {
    json body = body_of(x);
    std::vector<AccessRule> rules;
    for (const auto& r : body.is_array() ? body : json::array())
      rules.push_back({r.value("verb", "*"), r.value("group", "*"), r.value("resource", "*"),
                       r.value("namespace", "*"), r.value("allowed", false)});
    control.set_access_rules(rules);
    x.send(200, json::object());
  } else {
    throw ApiError(404, "NotFound",
                   "no such fakekube control endpoint: " + method + " " + x.request.path);
  }
}

}  // namespace fakekube
