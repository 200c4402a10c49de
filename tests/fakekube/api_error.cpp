#include "tests/fakekube/api_error.hpp"

#include "tests/fakekube/resource_types.hpp"

namespace fakekube {

using nlohmann::json;

ApiError::ApiError(int code, std::string reason, const std::string& message, json details)
    : std::runtime_error(message),
      code_(code),
      reason_(std::move(reason)),
      details_(std::move(details)) {}

json ApiError::status() const {
  json body = {{"kind", "Status"},
               {"apiVersion", "v1"},
               {"metadata", json::object()},
               {"status", "Failure"},
               {"message", what()}};
  if (!reason_.empty()) body["reason"] = reason_;
  if (details_.is_object() && !details_.empty()) body["details"] = details_;
  body["code"] = code_;
  return body;
}

std::string qualified_resource(const ResourceType& type) {
  return type.group.empty() ? type.plural : type.plural + "." + type.group;
}

namespace {

json details_for(const ResourceType& type, const std::string& name) {
  json details = {{"name", name}};
  if (!type.group.empty()) details["group"] = type.group;
  details["kind"] = type.plural;
  return details;
}

}  // namespace

ApiError not_found(const ResourceType& type, const std::string& name) {
  return ApiError(404, "NotFound", qualified_resource(type) + " \"" + name + "\" not found",
                  details_for(type, name));
}

ApiError already_exists(const ResourceType& type, const std::string& name) {
  return ApiError(409, "AlreadyExists",
                  qualified_resource(type) + " \"" + name + "\" already exists",
                  details_for(type, name));
}

ApiError conflict(const ResourceType& type, const std::string& name, const std::string& why) {
  return ApiError(
      409, "Conflict",
      "Operation cannot be fulfilled on " + qualified_resource(type) + " \"" + name + "\": " + why,
      details_for(type, name));
}

ApiError modified_conflict(const ResourceType& type, const std::string& name) {
  return conflict(type, name,
                  "the object has been modified; please apply your changes to the latest "
                  "version and try again");
}

ApiError namespace_not_found(const std::string& ns) {
  return ApiError(404, "NotFound", "namespaces \"" + ns + "\" not found",
                  {{"name", ns}, {"kind", "namespaces"}});
}

ApiError namespace_terminating(const ResourceType& type, const std::string& name,
                               const std::string& ns) {
  json details = details_for(type, name);
  details["causes"] = json::array({{{"reason", "NamespaceTerminating"},
                                    {"message", "namespace " + ns + " is being terminated"},
                                    {"field", "metadata.namespace"}}});
  return ApiError(403, "Forbidden",
                  qualified_resource(type) + " \"" + name +
                      "\" is forbidden: unable to create new content in namespace " + ns +
                      " because it is being terminated",
                  details);
}

ApiError invalid(const std::string& kind, const std::string& group, const std::string& name,
                 const std::vector<FieldCause>& causes) {
  std::string joined;
  json list = json::array();
  for (const auto& cause : causes) {
    if (!joined.empty()) joined += ", ";
    joined += cause.field + ": " + cause.detail;
    list.push_back({{"reason", cause.type}, {"message", cause.detail}, {"field", cause.field}});
  }
  if (causes.size() > 1) joined = "[" + joined + "]";
  json details = {{"name", name}};
  if (!group.empty()) details["group"] = group;
  details["kind"] = kind;
  details["causes"] = list;
  return ApiError(
      422, "Invalid",
      kind + (group.empty() ? "" : "." + group) + " \"" + name + "\" is invalid: " + joined,
      details);
}

ApiError bad_request(const std::string& message) {
  return ApiError(400, "BadRequest", message);
}

ApiError method_not_allowed() {
  return ApiError(405, "MethodNotAllowed",
                  "the server does not allow this method on the requested resource");
}

ApiError unsupported_media_type(const std::string& accepted) {
  return ApiError(415, "UnsupportedMediaType",
                  "the body of the request was in an unknown format - accepted media types "
                  "include: " +
                      accepted);
}

ApiError unauthorized() {
  return ApiError(401, "Unauthorized", "Unauthorized");
}

ApiError forbidden(const std::string& message) {
  return ApiError(403, "Forbidden", message);
}

ApiError expired(const std::string& message) {
  return ApiError(410, "Expired", message);
}

ApiError from_code(int code) {
  switch (code) {
    case 400:
      return bad_request("the server rejected our request for an unknown reason");
    case 401:
      return unauthorized();
    case 403:
      return forbidden("forbidden");
    case 404:
      return ApiError(404, "NotFound", "the server could not find the requested resource");
    case 409:
      return ApiError(409, "Conflict", "the server reported a conflict");
    case 410:
      return expired("the resource is gone");
    case 429:
      return ApiError(429, "TooManyRequests", "Too many requests, please try again later.");
    case 500:
      return ApiError(500, "InternalError", "Internal error occurred: injected fault");
    case 503:
      return ApiError(503, "ServiceUnavailable",
                      "the server is currently unable to handle the request");
    case 504:
      return ApiError(504, "Timeout",
                      "the server was unable to return a response in the time allotted");
    default:
      return ApiError(code, "", "injected fault (" + std::to_string(code) + ")");
  }
}

}  // namespace fakekube
