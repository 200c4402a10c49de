#include "core/kube/client.hpp"
#include "core/kube/text.hpp"

#include <thread>

#include "core/kube/api_error.hpp"
#include "core/kube/kubeconfig_loader.hpp"

namespace kyma::kube {

namespace {

std::string meta(const nlohmann::json& object, const char* field) {
  if (!object.is_object() || !object.contains("metadata")) return "";
  const auto& m = object["metadata"];
  auto it = m.find(field);
  return it != m.end() && it->is_string() ? it->get<std::string>() : "";
}

std::string str(const nlohmann::json& object, const char* field) {
  auto it = object.find(field);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

void add_query(std::string& path, const std::string& key, const std::string& value) {
  path += path.find('?') == std::string::npos ? '?' : '&';
  path += key + "=" + url_escape(value);
}

nlohmann::json empty_list(const std::string& api_version, const std::string& kind) {
  return {{"apiVersion", api_version},
          {"kind", kind + "List"},
          {"metadata", nlohmann::json::object()},
          {"items", nlohmann::json::array()}};
}

// Adds a page's items to `result`. List items lack apiVersion/kind; they are filled in so that
// each item stands alone.
void append_page(nlohmann::json& result, const nlohmann::json& page, const std::string& api_version,
                 const std::string& kind) {
  for (const auto& item : page.value("items", nlohmann::json::array())) {
    nlohmann::json copy = item;
    if (!copy.contains("apiVersion")) copy["apiVersion"] = api_version;
    if (!copy.contains("kind")) copy["kind"] = kind;
    result["items"].push_back(std::move(copy));
  }
  if (page.contains("metadata") && page["metadata"].contains("resourceVersion"))
    result["metadata"]["resourceVersion"] = page["metadata"]["resourceVersion"];
}

std::string content_type(PatchType type) {
  switch (type) {
    case PatchType::kMerge:
      return "application/merge-patch+json";
    case PatchType::kJson:
      return "application/json-patch+json";
    case PatchType::kStrategicMerge:
      return "application/strategic-merge-patch+json";
    case PatchType::kApply:
      return "application/apply-patch+yaml";
  }
  return "application/merge-patch+json";
}

void add_write_options(std::string& path, const WriteOptions& options) {
  if (!options.field_manager.empty()) add_query(path, "fieldManager", options.field_manager);
  if (options.dry_run) add_query(path, "dryRun", "All");
}

}  // namespace

Client::Client(RestConfig config)
    : transport_(std::make_unique<HttpTransport>(std::move(config))),
      discovery_(std::make_unique<Discovery>(*transport_, transport_->config().cache_dir)) {}

Client Client::from_flags(const ConnectionFlags& flags) {
  return Client(load_rest_config(flags));
}

ResourceInfo Client::resource(const std::string& api_version, const std::string& kind) {
  return discovery_->resource_for(api_version, kind);
}

std::string Client::namespace_for(const ResourceInfo& info, const std::string& ns) const {
  if (!info.namespaced) return "";
  return ns.empty() ? namespace_() : ns;
}

std::string Client::path_for(const ResourceInfo& info, const std::string& ns,
                             const std::string& name, const std::string& subresource) const {
  std::string path =
      info.group.empty() ? "/api/" + info.version : "/apis/" + info.group + "/" + info.version;
  if (info.namespaced && !ns.empty()) path += "/namespaces/" + url_escape(ns);
  path += "/" + info.resource;
  if (!name.empty()) path += "/" + url_escape(name);
  if (!subresource.empty()) path += "/" + subresource;
  return path;
}

nlohmann::json Client::request_json(const HttpRequest& request, const std::string& what) {
  HttpResponse response = transport_->send(request);
  if (response.status < 200 || response.status >= 300)
    throw_api_error(response.status, response.body, what);
  if (response.body.empty()) return nlohmann::json::object();
  auto doc = nlohmann::json::parse(response.body, nullptr, false);
  if (doc.is_discarded()) throw Error("the server returned invalid JSON for " + what);
  return doc;
}

nlohmann::json Client::get_path(const std::string& path) {
  return request_json(HttpRequest::get(path), "get " + path);
}

nlohmann::json Client::get(const std::string& api_version, const std::string& kind,
                           const std::string& ns, const std::string& name) {
  auto info = resource(api_version, kind);
  return request_json(HttpRequest::get(path_for(info, namespace_for(info, ns), name)),
                      "get " + info.group_resource() + " " + name);
}

std::optional<nlohmann::json> Client::try_get(const std::string& api_version,
                                              const std::string& kind, const std::string& ns,
                                              const std::string& name) {
  try {
    return get(api_version, kind, ns, name);
  } catch (const NotFoundError&) {
    return std::nullopt;
  }
}

std::string Client::list_path(const ResourceInfo& info, const std::string& ns,
                              const ListOptions& options) const {
  std::string path = path_for(info, info.namespaced ? ns : "", "");
  if (!options.label_selector.empty()) add_query(path, "labelSelector", options.label_selector);
  if (!options.field_selector.empty()) add_query(path, "fieldSelector", options.field_selector);
  if (options.limit > 0) add_query(path, "limit", std::to_string(options.limit));
  return path;
}

void Client::list_pages(const std::string& api_version, const std::string& kind,
                        const std::string& ns, const ListOptions& options,
                        const std::function<bool(const nlohmann::json&)>& on_page,
                        const std::function<void()>& on_restart) {
  ResourceInfo info;
  std::string base;
  auto resolve = [&] {
    info = resource(api_version, kind);
    base = list_path(info, ns, options);
  };
  resolve();
  bool rediscovered = false;
  int restarts = 0;
  std::string continue_token;
  for (;;) {
    std::string path = base;
    if (!continue_token.empty()) {
      add_query(path, "continue", continue_token);
    } else if (!options.resource_version.empty()) {
      add_query(path, "resourceVersion", options.resource_version);
    }
    nlohmann::json page;
    try {
      page = request_json(HttpRequest::get(path), "list " + info.group_resource());
    } catch (const ExpiredError&) {
      // The continue token expired (about 5 minutes): start the list over, cleanly.
      if (continue_token.empty() || !on_restart || ++restarts > 3) throw;
      on_restart();
      continue_token.clear();
      continue;
    } catch (const NotFoundError&) {
      // The collection itself is gone: the kind's CRD was deleted since discovery was cached.
      // Discover again; a kind no longer served is NoKindMatchError, as for any unknown kind.
      if (!continue_token.empty() || rediscovered) throw;
      rediscovered = true;
      discovery_->invalidate();
      resolve();
      continue;
    }
    if (!on_page(page)) return;
    continue_token = page.contains("metadata") ? str(page["metadata"], "continue") : "";
    if (continue_token.empty()) return;
  }
}

nlohmann::json Client::list(const std::string& api_version, const std::string& kind,
                            const std::string& ns, const ListOptions& options) {
  nlohmann::json result = empty_list(api_version, kind);
  list_pages(
      api_version, kind, ns, options,
      [&](const nlohmann::json& page) {
        append_page(result, page, api_version, kind);
        return true;
      },
      [&] { result["items"] = nlohmann::json::array(); });
  return result;
}

std::vector<std::optional<nlohmann::json>> Client::list_all(
    const std::vector<ListRequest>& requests) {
  std::vector<std::optional<nlohmann::json>> results(requests.size());
  std::vector<HttpRequest> first_pages;
  std::vector<size_t> sent;  // index into `requests` of each first page
  for (size_t i = 0; i < requests.size(); ++i) {
    const auto& r = requests[i];
    try {
      first_pages.push_back(
          HttpRequest::get(list_path(resource(r.api_version, r.kind), r.ns, r.options)));
      sent.push_back(i);
    } catch (const NoKindMatchError&) {
      // Not served: stays nullopt.
    }
  }
  std::vector<HttpResponse> responses = transport_->send_all(first_pages);
  for (size_t k = 0; k < sent.size(); ++k) {
    const ListRequest& r = requests[sent[k]];
    const HttpResponse& response = responses[k];
    if (response.status == 404) {
      // The collection is gone (its CRD deleted since discovery): list() discovers again.
      try {
        results[sent[k]] = list(r.api_version, r.kind, r.ns, r.options);
      } catch (const NoKindMatchError&) {
      }
      continue;
    }
    if (response.status < 200 || response.status >= 300) {
      // Retried already as send() would have: this answer is the error.
      throw_api_error(response.status, response.body,
                      "list " + resource(r.api_version, r.kind).group_resource());
    }
    const auto page = nlohmann::json::parse(response.body, nullptr, false);
    if (!page.is_object() ||
        !str(page.value("metadata", nlohmann::json::object()), "continue").empty()) {
      results[sent[k]] = list(r.api_version, r.kind, r.ns, r.options);  // more pages
      continue;
    }
    nlohmann::json result = empty_list(r.api_version, r.kind);
    append_page(result, page, r.api_version, r.kind);
    results[sent[k]] = std::move(result);
  }
  return results;
}

nlohmann::json Client::create(const nlohmann::json& object, const WriteOptions& options) {
  auto info = resource(str(object, "apiVersion"), str(object, "kind"));
  std::string path = path_for(info, namespace_for(info, meta(object, "namespace")), "");
  add_write_options(path, options);
  return request_json(HttpRequest{"POST", path, object.dump(), "application/json"},
                      "create " + info.group_resource() + " " + meta(object, "name"));
}

nlohmann::json Client::update(const nlohmann::json& object, const WriteOptions& options) {
  auto info = resource(str(object, "apiVersion"), str(object, "kind"));
  std::string name = meta(object, "name");
  std::string path = path_for(info, namespace_for(info, meta(object, "namespace")), name);
  add_write_options(path, options);
  return request_json(HttpRequest{"PUT", path, object.dump(), "application/json"},
                      "update " + info.group_resource() + " " + name);
}

nlohmann::json Client::replace_status(const nlohmann::json& object, const WriteOptions& options) {
  auto info = resource(str(object, "apiVersion"), str(object, "kind"));
  std::string name = meta(object, "name");
  std::string path = path_for(info, namespace_for(info, meta(object, "namespace")), name, "status");
  add_write_options(path, options);
  return request_json(HttpRequest{"PUT", path, object.dump(), "application/json"},
                      "update " + info.group_resource() + " " + name + " status");
}

nlohmann::json Client::apply(const nlohmann::json& object, const ApplyOptions& options) {
  if (options.field_manager.empty()) throw Error("server-side apply needs a field manager");
  auto info = resource(str(object, "apiVersion"), str(object, "kind"));
  std::string name = meta(object, "name");
  std::string path = path_for(info, namespace_for(info, meta(object, "namespace")), name);
  add_query(path, "fieldManager", options.field_manager);
  if (options.force) add_query(path, "force", "true");
  if (options.dry_run) add_query(path, "dryRun", "All");
  // JSON is YAML: the body is sent as JSON with the apply content type, as client-go does.
  return request_json(HttpRequest{"PATCH", path, object.dump(), "application/apply-patch+yaml"},
                      "apply " + info.group_resource() + " " + name);
}

nlohmann::json Client::patch(const std::string& api_version, const std::string& kind,
                             const std::string& ns, const std::string& name, PatchType type,
                             const nlohmann::json& patch, const WriteOptions& options,
                             const std::string& subresource) {
  auto info = resource(api_version, kind);
  std::string path = path_for(info, namespace_for(info, ns), name, subresource);
  add_write_options(path, options);
  return request_json(HttpRequest{"PATCH", path, patch.dump(), content_type(type)},
                      "patch " + info.group_resource() + " " + name);
}

bool Client::remove(const std::string& api_version, const std::string& kind, const std::string& ns,
                    const std::string& name, const DeleteOptions& options) {
  auto info = resource(api_version, kind);
  std::string path = path_for(info, namespace_for(info, ns), name);
  nlohmann::json body = {{"kind", "DeleteOptions"}, {"apiVersion", "v1"}};
  if (!options.propagation_policy.empty()) body["propagationPolicy"] = options.propagation_policy;
  if (options.precondition_uid) body["preconditions"]["uid"] = *options.precondition_uid;
  if (options.precondition_resource_version)
    body["preconditions"]["resourceVersion"] = *options.precondition_resource_version;
  if (options.grace_period_seconds) body["gracePeriodSeconds"] = *options.grace_period_seconds;
  if (options.dry_run) body["dryRun"] = nlohmann::json::array({"All"});
  if (options.dry_run) add_query(path, "dryRun", "All");
  try {
    request_json(HttpRequest{"DELETE", path, body.dump(), "application/json"},
                 "delete " + info.group_resource() + " " + name);
  } catch (const NotFoundError&) {
    return false;
  }
  return true;
}

nlohmann::json Client::update_status(const std::string& api_version, const std::string& kind,
                                     const std::string& ns, const std::string& name,
                                     const std::function<bool(nlohmann::json&)>& mutate,
                                     int max_tries) {
  for (int attempt = 1;; ++attempt) {
    nlohmann::json object = get(api_version, kind, ns, name);
    if (!mutate(object)) return object;
    try {
      return replace_status(object);
    } catch (const ConflictError&) {
      if (attempt >= max_tries) throw;
      // client-go's DefaultRetry: 10ms, growing; a conflict means someone else wrote first.
      std::this_thread::sleep_for(std::chrono::milliseconds(10 * attempt));
    }
  }
}

}  // namespace kyma::kube
