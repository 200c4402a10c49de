#pragma once
// client-go's retry rules (rest/with_retry.go), as a pure decision: a response is retried only
// if it is 429 or >= 500 and carries Retry-After (waiting that many seconds); a connection reset
// or EOF is retried only for GET (writes are not idempotent); at most kMaxTries tries in all.
#include <chrono>
#include <optional>
#include <string>

namespace kyma::kube {

struct RetryDecision {
  bool retry = false;
  std::chrono::milliseconds wait{0};
};

enum class TransportFailure {
  kNone,             // a response was received
  kConnectionReset,  // reset / EOF / empty reply on an established connection
  kOther,            // DNS, refused, TLS, timeout: not retried
};

inline constexpr int kMaxTries = 10;

// attempt: 1 for the first try. retry_after: the raw Retry-After header value, if any.
RetryDecision decide_retry(const std::string& method, int http_status, TransportFailure failure,
                           const std::optional<std::string>& retry_after, int attempt);

// Retry-After in seconds ("3"); nullopt for a missing or non-integer value (an HTTP date is
// not honoured, as in client-go).
std::optional<int> parse_retry_after(const std::optional<std::string>& value);

}  // namespace kyma::kube
