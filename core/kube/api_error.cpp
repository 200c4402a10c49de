#include "core/kube/api_error.hpp"

#include <array>
#include <utility>

namespace kyma::kube {

namespace {

constexpr std::array<std::pair<StatusReason, const char*>, 18> kReasons{{
    {StatusReason::kUnauthorized, "Unauthorized"},
    {StatusReason::kForbidden, "Forbidden"},
    {StatusReason::kNotFound, "NotFound"},
    {StatusReason::kAlreadyExists, "AlreadyExists"},
    {StatusReason::kConflict, "Conflict"},
    {StatusReason::kGone, "Gone"},
    {StatusReason::kInvalid, "Invalid"},
    {StatusReason::kServerTimeout, "ServerTimeout"},
    {StatusReason::kTimeout, "Timeout"},
    {StatusReason::kTooManyRequests, "TooManyRequests"},
    {StatusReason::kBadRequest, "BadRequest"},
    {StatusReason::kMethodNotAllowed, "MethodNotAllowed"},
    {StatusReason::kNotAcceptable, "NotAcceptable"},
    {StatusReason::kRequestEntityTooLarge, "RequestEntityTooLarge"},
    {StatusReason::kUnsupportedMediaType, "UnsupportedMediaType"},
    {StatusReason::kInternalError, "InternalError"},
    {StatusReason::kExpired, "Expired"},
    {StatusReason::kServiceUnavailable, "ServiceUnavailable"},
}};

StatusReason reason_from_code(int code) {
  switch (code) {
    case 400:
      return StatusReason::kBadRequest;
    case 401:
      return StatusReason::kUnauthorized;
    case 403:
      return StatusReason::kForbidden;
    case 404:
      return StatusReason::kNotFound;
    case 405:
      return StatusReason::kMethodNotAllowed;
    case 406:
      return StatusReason::kNotAcceptable;
    case 409:
      return StatusReason::kConflict;
    case 410:
      return StatusReason::kGone;
    case 413:
      return StatusReason::kRequestEntityTooLarge;
    case 415:
      return StatusReason::kUnsupportedMediaType;
    case 422:
      return StatusReason::kInvalid;
    case 429:
      return StatusReason::kTooManyRequests;
    case 500:
      return StatusReason::kInternalError;
    case 503:
      return StatusReason::kServiceUnavailable;
    case 504:
      return StatusReason::kServerTimeout;
    default:
      return StatusReason::kUnknown;
  }
}

// kubectl's wording when the server gave no message (apimachinery NewGenericServerResponse).
std::string generic_message(int code, const std::string& what) {
  std::string suffix = what.empty() ? "" : " (" + what + ")";
  switch (code) {
    case 401:
      return "the server has asked for the client to provide credentials" + suffix;
    case 403:
      return "the server does not allow access to the requested resource" + suffix;
    case 404:
      return "the server could not find the requested resource" + suffix;
    case 409:
      return "the server reported a conflict" + suffix;
    case 410:
      return "the server has expired the requested resource" + suffix;
    case 422:
      return "the server rejected our request due to an error in our request" + suffix;
    case 429:
      return "the server has received too many requests and has asked us to try again later" +
             suffix;
    case 500:
      return "an error on the server has prevented the request from succeeding" + suffix;
    case 503:
      return "the server is currently unable to handle the request" + suffix;
    case 504:
      return "the server was unable to return a response in the time allotted" + suffix;
    default:
      return "the server responded with the status code " + std::to_string(code) + suffix;
  }
}

}  // namespace

StatusReason reason_from_string(const std::string& reason) {
  for (const auto& [value, name] : kReasons)
    if (reason == name) return value;
  return StatusReason::kUnknown;
}

std::string to_string(StatusReason reason) {
  for (const auto& [value, name] : kReasons)
    if (reason == value) return name;
  return "Unknown";
}

ApiError::ApiError(int http_status, StatusReason reason, const std::string& message,
                   nlohmann::json status)
    : Error(message),
      http_status_(http_status),
      reason_(reason),
      server_message_(status.is_object() && status.contains("message") &&
                              status["message"].is_string()
                          ? status["message"].get<std::string>()
                          : message),
      status_(std::move(status)) {}

ApiError::~ApiError() = default;
ConnectionError::~ConnectionError() = default;
UnauthorizedError::~UnauthorizedError() = default;
ForbiddenError::~ForbiddenError() = default;
NotFoundError::~NotFoundError() = default;
AlreadyExistsError::~AlreadyExistsError() = default;
ConflictError::~ConflictError() = default;
ExpiredError::~ExpiredError() = default;
InvalidError::~InvalidError() = default;
TooManyRequestsError::~TooManyRequestsError() = default;
ServerTimeoutError::~ServerTimeoutError() = default;
InternalError::~InternalError() = default;
BadRequestError::~BadRequestError() = default;

std::optional<int> ApiError::retry_after_seconds() const {
  if (!status_.is_object()) return std::nullopt;
  auto details = status_.find("details");
  if (details == status_.end() || !details->is_object()) return std::nullopt;
  auto value = details->find("retryAfterSeconds");
  if (value == details->end() || !value->is_number_integer()) return std::nullopt;
  return value->get<int>();
}

ConnectionError::ConnectionError(const std::string& server, const std::string& cause)
    : Error("Unable to connect to the server " + redact_url(server) + ": " + cause),
      cause_(cause) {}

std::string redact_url(const std::string& url) {
  auto scheme = url.find("://");
  std::size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  auto slash = url.find('/', start);
  auto at = url.rfind('@', slash == std::string::npos ? url.size() : slash);
  if (at == std::string::npos || at < start) return url;
  return url.substr(0, start) + url.substr(at + 1);
}

void throw_api_error(int code, const std::string& body, const std::string& what) {
  nlohmann::json status = nlohmann::json::object();
  auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_object() && parsed.value("kind", "") == "Status") status = parsed;
  StatusReason reason = reason_from_code(code);
  if (status.contains("reason") && status["reason"].is_string()) {
    auto named = reason_from_string(status["reason"].get<std::string>());
    if (named != StatusReason::kUnknown) reason = named;
  }
  std::string message;
  if (status.contains("message") && status["message"].is_string())
    message = status["message"].get<std::string>();
  if (message.empty()) message = generic_message(code, what);
  if (status.empty()) status = nlohmann::json::object();

  switch (reason) {
    case StatusReason::kUnauthorized:
      throw UnauthorizedError(code, reason, "You must be logged in to the server (" + message + ")",
                              status);
    case StatusReason::kForbidden:
      throw ForbiddenError(code, reason, message, status);
    case StatusReason::kNotFound:
      throw NotFoundError(code, reason, message, status);
    case StatusReason::kAlreadyExists:
      throw AlreadyExistsError(code, reason, message, status);
    case StatusReason::kConflict:
      throw ConflictError(code, reason, message, status);
    case StatusReason::kGone:
    case StatusReason::kExpired:
      throw ExpiredError(code, reason, message, status);
    case StatusReason::kInvalid:
      throw InvalidError(code, reason, message, status);
    case StatusReason::kTooManyRequests:
      throw TooManyRequestsError(code, reason, message, status);
    case StatusReason::kServerTimeout:
    case StatusReason::kTimeout:
      throw ServerTimeoutError(code, reason, message, status);
    case StatusReason::kInternalError:
      throw InternalError(code, reason, message, status);
    case StatusReason::kBadRequest:
      throw BadRequestError(code, reason, message, status);
    default:
      throw ApiError(code, reason, message, status);
  }
}

bool is_not_found(const std::exception& e) {
  return dynamic_cast<const NotFoundError*>(&e) != nullptr;
}
bool is_conflict(const std::exception& e) {
  return dynamic_cast<const ConflictError*>(&e) != nullptr;
}
bool is_already_exists(const std::exception& e) {
  return dynamic_cast<const AlreadyExistsError*>(&e) != nullptr;
}

}  // namespace kyma::kube
