#pragma once
// Errors from the Kubernetes API. A `kind: Status` body becomes a typed error that keeps the
// server's message; a transport failure becomes a ConnectionError naming the server and the cause.
// No message ever contains a token, key, password or Authorization header.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/ui/error.hpp"

namespace kyma::kube {

// metav1.StatusReason values (plus kUnknown for anything else).
enum class StatusReason {
  kUnknown,
  kUnauthorized,
  kForbidden,
  kNotFound,
  kAlreadyExists,
  kConflict,
  kGone,
  kInvalid,
  kServerTimeout,
  kTimeout,
  kTooManyRequests,
  kBadRequest,
  kMethodNotAllowed,
  kNotAcceptable,
  kRequestEntityTooLarge,
  kUnsupportedMediaType,
  kInternalError,
  kExpired,
  kServiceUnavailable,
};

StatusReason reason_from_string(const std::string& reason);
std::string to_string(StatusReason reason);

class ApiError : public Error {
 public:
  ApiError(int http_status, StatusReason reason, const std::string& message,
           nlohmann::json status = nlohmann::json::object());
  ~ApiError() override;
  int http_status() const { return http_status_; }
  StatusReason reason() const { return reason_; }
  // The server's own message (Status.message), without any prefix.
  const std::string& server_message() const { return server_message_; }
  // The whole Status object, or an empty object when the body was not a Status.
  const nlohmann::json& status() const { return status_; }
  std::optional<int> retry_after_seconds() const;

 private:
  int http_status_;
  StatusReason reason_;
  std::string server_message_;
  nlohmann::json status_;
};

// Each error has an out-of-line destructor so that its type information lives in the core
// library and `catch (const NotFoundError&)` works in plugins too.
#define KYMA_KUBE_API_ERROR(Name) \
  class Name : public ApiError {  \
   public:                        \
    using ApiError::ApiError;     \
    ~Name() override;             \
  };
KYMA_KUBE_API_ERROR(UnauthorizedError)     // 401
KYMA_KUBE_API_ERROR(ForbiddenError)        // 403
KYMA_KUBE_API_ERROR(NotFoundError)         // 404
KYMA_KUBE_API_ERROR(AlreadyExistsError)    // 409 AlreadyExists
KYMA_KUBE_API_ERROR(ConflictError)         // 409 Conflict (also SSA field conflicts)
KYMA_KUBE_API_ERROR(ExpiredError)          // 410 Expired/Gone (continue token, watch RV)
KYMA_KUBE_API_ERROR(InvalidError)          // 422
KYMA_KUBE_API_ERROR(TooManyRequestsError)  // 429
KYMA_KUBE_API_ERROR(ServerTimeoutError)    // 504 / ServerTimeout / Timeout
KYMA_KUBE_API_ERROR(InternalError)         // 500
KYMA_KUBE_API_ERROR(BadRequestError)       // 400
#undef KYMA_KUBE_API_ERROR

// The server could not be reached or the connection failed (TLS, DNS, refused, reset, timeout).
class ConnectionError : public Error {
 public:
  ConnectionError(const std::string& server, const std::string& cause);
  ~ConnectionError() override;
  const std::string& cause() const { return cause_; }

 private:
  std::string cause_;
};

// Throws the typed error for a non-2xx response. `body` may be a Status object or anything else.
// `what` describes the request for the fallback message ("get deployments.apps x").
[[noreturn]] void throw_api_error(int http_status, const std::string& body,
                                  const std::string& what = "");

// Removes credentials from a URL ("https://user:pass@host" -> "https://host") for messages.
std::string redact_url(const std::string& url);

bool is_not_found(const std::exception& e);
bool is_conflict(const std::exception& e);
bool is_already_exists(const std::exception& e);

}  // namespace kyma::kube
