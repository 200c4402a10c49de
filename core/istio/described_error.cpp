#include "core/istio/described_error.hpp"

namespace kyma::istio {

std::string DescribedError::command_line_text() const {
  return field.empty() ? full_description() : field + ": " + full_description();
}

std::string DescribedError::full_description() const {
  return wrap ? description + ": " + error : description;
}

const char* DescribedError::state() const {
  return level == Level::kError ? state::kError : state::kWarning;
}

const std::optional<DescribedError>& more_severe(const std::optional<DescribedError>& a,
                                                 const std::optional<DescribedError>& b) {
  if (!a) return b;
  if (!b) return a;
  return static_cast<int>(b->level) < static_cast<int>(a->level) ? b : a;
}

}  // namespace kyma::istio
