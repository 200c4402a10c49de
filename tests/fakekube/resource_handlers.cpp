#include "tests/fakekube/resource_handlers.hpp"

#include <sstream>

#include "tests/fakekube/object_meta.hpp"
#include "tests/fakekube/protobuf_decoder.hpp"
#include "tests/fakekube/table.hpp"

namespace fakekube {

using nlohmann::json;

namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::stringstream in(path);
  std::string part;
  while (std::getline(in, part, '/'))
    if (!part.empty()) out.push_back(part);
  return out;
}

ApiError no_such_resource() {
  return ApiError(404, "NotFound", "the server could not find the requested resource",
                  json::object());
}

WriteContext write_context(const Exchange& x, bool apply) {
  WriteContext ctx;
  ctx.user = x.user.name;
  ctx.manager = x.param("fieldManager");
  if (ctx.manager.empty() && !apply) {
    std::string agent = x.request.get_header_value("User-Agent");
    ctx.manager = agent.substr(0, agent.find('/'));
    if (ctx.manager.empty()) ctx.manager = "unknown";
  }
  ctx.dry_run = x.param("dryRun") == "All";
  ctx.force = x.flag("force");
  return ctx;
}

json parse_body(const Exchange& x) {
  std::string content_type = x.request.get_header_value("Content-Type");
  if (content_type.compare(0, std::string(kProtobufContentType).size(), kProtobufContentType) == 0)
    return decode_protobuf_object(x.request.body);
  json body = json::parse(x.request.body, nullptr, false);
  if (body.is_discarded())
    throw bad_request("the body of the request could not be decoded as JSON");
  return body;
}

std::string list_text(const Cluster& cluster, const ResourceType& type, const ListPage& page) {
  json meta = {{"resourceVersion", std::to_string(page.resource_version)}};
  if (!page.continue_token.empty()) meta["continue"] = page.continue_token;
  if (page.remaining) meta["remainingItemCount"] = *page.remaining;
  std::string out = R"({"kind":")" + type.list_kind() + R"(","apiVersion":")" + type.api_version() +
                    R"(","metadata":)" + meta.dump() + R"(,"items":[)";
  size_t size = out.size() + 2;
  for (const auto& item : page.items) size += item->text.size() + 1;
  out.reserve(size);
  bool first = true;
  for (const auto& item : page.items) {
    if (!first) out += ',';
    first = false;
    out += cluster.text_at(type, item);
  }
  out += "]}";
  return out;
}

json scale_of(const json& object) {
  json meta = {{"name", name_of(object)}};
  if (!namespace_of(object).empty()) meta["namespace"] = namespace_of(object);
  for (const char* key : {"uid", "resourceVersion", "creationTimestamp"})
    if (object["metadata"].contains(key)) meta[key] = object["metadata"][key];
  json status = {{"replicas", field(object, "/status/replicas").is_number()
                                  ? field(object, "/status/replicas")
                                  : json(0)}};
  const json& selector = field(object, "/spec/selector/matchLabels");
  if (selector.is_object()) {
    std::string text;
    for (const auto& [k, v] : selector.items())
      text += (text.empty() ? "" : ",") + k + "=" + v.get<std::string>();
    status["selector"] = text;
  }
  return {{"kind", "Scale"},
          {"apiVersion", "autoscaling/v1"},
          {"metadata", meta},
          {"spec", {{"replicas", field(object, "/spec/replicas")}}},
          {"status", status}};
}

PatchType patch_type_of(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  if (type == "application/json-patch+json") return PatchType::kJson;
  if (type == "application/merge-patch+json") return PatchType::kMerge;
  if (type == "application/strategic-merge-patch+json") return PatchType::kStrategic;
  if (type == "application/apply-patch+yaml" || type == "application/apply-patch+json")
    return PatchType::kApply;
  throw unsupported_media_type(
      "application/json-patch+json, application/merge-patch+json, "
      "application/strategic-merge-patch+json, application/apply-patch+yaml");
}

void review_access(TestControl& control, Exchange& x) {
  json review = parse_body(x);
  json attributes = field(review, "/spec/resourceAttributes");
  bool allowed = true;
  if (attributes.is_object())
    allowed = control.allowed(attributes.value("verb", ""), attributes.value("group", ""),
                              attributes.value("resource", ""), attributes.value("namespace", ""));
  review["apiVersion"] = "authorization.k8s.io/v1";
  review["kind"] = "SelfSubjectAccessReview";
  review["metadata"] = {{"creationTimestamp", nullptr}};
  review["status"] = {{"allowed", allowed}};
  x.send(201, review);
}

DeleteOptions delete_options(const Exchange& x) {
  DeleteOptions options;
  if (!x.request.body.empty()) {
    json body = parse_body(x);
    options.propagation = body.value("propagationPolicy", "");
    if (body.value("orphanDependents", false)) options.propagation = "Orphan";
    const json& pre = field(body, "/preconditions");
    if (pre.is_object()) {
      if (pre.contains("uid") && pre["uid"].is_string()) options.precondition_uid = pre["uid"];
      if (pre.contains("resourceVersion") && pre["resourceVersion"].is_string())
        options.precondition_rv = pre["resourceVersion"];
    }
    const json& dry = field(body, "/dryRun");
    if (dry.is_array())
      for (const auto& d : dry)
        if (d == "All") options.dry_run = true;
  }
  if (!x.param("propagationPolicy").empty()) options.propagation = x.param("propagationPolicy");
  if (x.flag("orphanDependents")) options.propagation = "Orphan";
  if (x.param("dryRun") == "All") options.dry_run = true;
  if (!options.propagation.empty() && options.propagation != "Orphan" &&
      options.propagation != "Background" && options.propagation != "Foreground")
    throw invalid("DeleteOptions", "", "",
                  {{"FieldValueNotSupported", "propagationPolicy",
                    "Unsupported value: \"" + options.propagation +
                        "\": supported values: \"Foreground\", \"Background\", \"Orphan\", "
                        "\"nil\""}});
  return options;
}

void send_object(Exchange& x, int status, const json& object, const ResourceType& type) {
  if (wants_table(x.request.get_header_value("Accept")))
    x.send(status, table_for(type, {&object}, std::nullopt).dump());
  else
    x.send(status, object);
}

}  // namespace

bool parse_resource_path(const Cluster& cluster, const std::string& path, ResourcePath& out) {
  std::vector<std::string> s = split_path(path);
  std::string group, version;
  size_t rest = 0;
  if (s.size() >= 2 && s[0] == "api") {
    version = s[1];
    rest = 2;
  } else if (s.size() >= 3 && s[0] == "apis") {
    group = s[1];
    version = s[2];
    rest = 3;
  } else {
    return false;
  }
  if (s.size() <= rest) return false;
  std::vector<std::string> r(s.begin() + static_cast<long>(rest), s.end());
  if (r[0] == "namespaces" && r.size() >= 3 &&
      !(r.size() == 3 && (r[2] == "status" || r[2] == "finalize"))) {
    out.ns = r[1];
    r.erase(r.begin(), r.begin() + 2);
  }
  if (r.size() > 3) throw no_such_resource();
  out.type = cluster.type_for_resource(group, version, r[0]);
  if (!out.type) throw no_such_resource();
  out.name = r.size() > 1 ? r[1] : "";
  out.subresource = r.size() > 2 ? r[2] : "";
  if (!out.subresource.empty() && !(out.subresource == "status" && out.type->status_subresource) &&
      !(out.subresource == "scale" && out.type->scale_subresource) &&
      !(out.subresource == "finalize" && out.type->kind == "Namespace") &&
      !(out.subresource == "log" && out.type->kind == "Pod" && !out.type->custom))
    throw no_such_resource();
  if (!out.type->namespaced && !out.ns.empty()) throw no_such_resource();
  if (out.type->namespaced && !out.name.empty() && out.ns.empty()) throw no_such_resource();
  return true;
}

void handle_resource(Cluster& cluster, TestControl& control, Exchange& x,
                     const ResourcePath& path) {
  const ResourceType& type = *path.type;
  const std::string& method = x.request.method;
  if (type.kind == "SelfSubjectAccessReview" && !type.custom) {
    if (method != "POST" || !path.name.empty()) throw method_not_allowed();
    review_access(control, x);
    return;
  }
  if (path.name.empty()) {
    if (method == "GET") {
      if (x.flag("watch")) {
        start_watch(cluster, x, path);
        return;
      }
      ListQuery query;
      query.label_selector = x.param("labelSelector");
      query.field_selector = x.param("fieldSelector");
      query.continue_token = x.param("continue");
      if (!x.param("limit").empty()) {
        try {
          query.limit = std::stoll(x.param("limit"));
        } catch (const std::exception&) {
          throw bad_request("invalid limit: " + x.param("limit"));
        }
      }
      ListPage page = cluster.list(type, path.ns, query);
      if (wants_table(x.request.get_header_value("Accept"))) {
        std::vector<json> converted;  // custom resources stored at another version
        converted.reserve(page.items.size());
        std::vector<const json*> items;
        for (const auto& item : page.items) {
          if (item->object.value("apiVersion", "") == type.api_version()) {
            items.push_back(&item->object);
          } else {
            converted.push_back(json::parse(cluster.text_at(type, item)));
            items.push_back(&converted.back());
          }
        }
        x.send(200, table_for(type, items, page).dump());
      } else {
        x.send(200, list_text(cluster, type, page));
      }
      return;
    }
    if (method == "POST") {
      if (type.namespaced && path.ns.empty()) throw method_not_allowed();
      send_object(x, 201, cluster.create(type, path.ns, parse_body(x), write_context(x, false)),
                  type);
      return;
    }
    if (method == "DELETE") {
      ListQuery query;
      query.label_selector = x.param("labelSelector");
      query.field_selector = x.param("fieldSelector");
      ListPage page = cluster.list(type, path.ns, query);
      DeleteOptions options = delete_options(x);
      ListPage deleted;
      deleted.resource_version = page.resource_version;
      for (const auto& item : page.items) {
        try {
          auto result = cluster.remove(type, namespace_of(item->object), name_of(item->object),
                                       options, write_context(x, false));
          deleted.items.push_back(std::make_shared<const StoredObject>(result.object));
        } catch (const ApiError& e) {
          if (e.code() != 404) throw;
        }
      }
      x.send(200, list_text(cluster, type, deleted));
      return;
    }
    throw method_not_allowed();
  }

  if (path.subresource == "scale") {
    json object = cluster.get(type, path.ns, path.name);
    if (method == "GET") {
      x.send(200, scale_of(object));
      return;
    }
    json scale = scale_of(object);
    if (method == "PUT") {
      scale = parse_body(x);
    } else if (method == "PATCH") {
      json patch = parse_body(x);
      if (patch_type_of(x.request.get_header_value("Content-Type")) == PatchType::kJson)
        scale = scale.patch(patch);
      else
        scale.merge_patch(patch);
    } else {
      throw method_not_allowed();
    }
    const json& replicas = field(scale, "/spec/replicas");
    if (!replicas.is_number_integer())
      throw invalid("Scale", "autoscaling", path.name,
                    {{"FieldValueRequired", "spec.replicas", "Required value"}});
    json patch = {{"spec", {{"replicas", replicas}}}};
    x.send(200, scale_of(cluster.patch(type, path.ns, path.name, PatchType::kMerge, patch.dump(),
                                       write_context(x, false), "scale")));
    return;
  }
  if (path.subresource == "log") {
    // There is no container to read from: a pod that exists has an empty log.
    if (method != "GET") throw method_not_allowed();
    cluster.get(type, path.ns, path.name);
    x.send(200, std::string(), "text/plain");
    return;
  }
  std::string subresource = path.subresource == "finalize" ? "" : path.subresource;
  if (method == "GET") {
    send_object(x, 200, cluster.get(type, path.ns, path.name), type);
  } else if (method == "PUT") {
    send_object(x, 200,
                cluster.update(type, path.ns, path.name, parse_body(x), write_context(x, false),
                               subresource),
                type);
  } else if (method == "PATCH") {
    PatchType patch_type = patch_type_of(x.request.get_header_value("Content-Type"));
    bool existed = true;
    if (patch_type == PatchType::kApply) {
      try {
        cluster.get(type, path.ns, path.name);
      } catch (const ApiError&) {
        existed = false;
      }
    }
    json result = cluster.patch(type, path.ns, path.name, patch_type, x.request.body,
                                write_context(x, patch_type == PatchType::kApply), subresource);
    send_object(x, existed ? 200 : 201, result, type);
  } else if (method == "DELETE") {
    if (!subresource.empty()) throw method_not_allowed();
    auto result =
        cluster.remove(type, path.ns, path.name, delete_options(x), write_context(x, false));
    x.send(200, result.object);
  } else {
    throw method_not_allowed();
  }
}

}  // namespace fakekube
