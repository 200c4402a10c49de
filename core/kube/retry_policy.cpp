#include "core/kube/retry_policy.hpp"

#include <cctype>

namespace kyma::kube {

std::optional<int> parse_retry_after(const std::optional<std::string>& value) {
  if (!value) return std::nullopt;
  std::string text = *value;
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.erase(0, 1);
  if (text.empty() || text.size() > 9) return std::nullopt;
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  return std::stoi(text);
}

RetryDecision decide_retry(const std::string& method, int http_status, TransportFailure failure,
                           const std::optional<std::string>& retry_after, int attempt) {
  RetryDecision no;
  if (attempt >= kMaxTries) return no;
  if (failure == TransportFailure::kConnectionReset) {
    // client-go waits 1s between these; GET only.
    if (method == "GET") return {true, std::chrono::seconds(1)};
    return no;
  }
  if (failure != TransportFailure::kNone) return no;
  if (http_status != 429 && http_status < 500) return no;
  auto seconds = parse_retry_after(retry_after);
  if (!seconds) return no;
  return {true, std::chrono::seconds(*seconds)};
}

}  // namespace kyma::kube
