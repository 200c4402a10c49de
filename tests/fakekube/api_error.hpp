#pragma once
// Errors the API answers with, shaped exactly like the real server's `Status` bodies
// (kind: Status, apiVersion: v1, status: Failure, message, reason, details, code): kubectl
// prints their messages, so the texts follow the real server's.
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace fakekube {

struct ResourceType;

class ApiError : public std::runtime_error {
 public:
  ApiError(int code, std::string reason, const std::string& message,
           nlohmann::json details = nullptr);
  int code() const { return code_; }
  const std::string& reason() const { return reason_; }
  nlohmann::json status() const;  // the Status body

 private:
  int code_;
  std::string reason_;
  nlohmann::json details_;
};

// "pods" or "deployments.apps": how the real server names a resource in messages.
std::string qualified_resource(const ResourceType& type);

ApiError not_found(const ResourceType& type, const std::string& name);
ApiError already_exists(const ResourceType& type, const std::string& name);
ApiError conflict(const ResourceType& type, const std::string& name, const std::string& why);
// The stale-resourceVersion conflict.
ApiError modified_conflict(const ResourceType& type, const std::string& name);
ApiError namespace_not_found(const std::string& ns);
ApiError namespace_terminating(const ResourceType& type, const std::string& name,
                               const std::string& ns);

// One field problem of a 422 Invalid answer.
struct FieldCause {
  std::string type;    // "FieldValueRequired", "FieldValueInvalid", "FieldValueNotSupported", ...
  std::string field;   // "metadata.name"
  std::string detail;  // "Required value: name or generateName is required"
};
ApiError invalid(const std::string& kind, const std::string& group, const std::string& name,
                 const std::vector<FieldCause>& causes);

ApiError bad_request(const std::string& message);
ApiError method_not_allowed();
ApiError unsupported_media_type(const std::string& accepted);
ApiError unauthorized();
ApiError forbidden(const std::string& message);
ApiError expired(const std::string& message);
// A Status body for an arbitrary code (used by injected faults).
ApiError from_code(int code);

}  // namespace fakekube
