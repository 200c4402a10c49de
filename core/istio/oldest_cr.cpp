#include "core/istio/oldest_cr.hpp"

#include <string>

namespace kyma::istio {

std::optional<size_t> oldest_cr_index(const std::vector<nlohmann::json>& crs) {
  if (crs.empty()) return std::nullopt;
  auto created = [&](size_t i) {
    // RFC 3339 in UTC with a fixed width, as the API server writes it: text order is time order.
    return crs[i].value("/metadata/creationTimestamp"_json_pointer, std::string());
  };
  size_t oldest = 0;
  for (size_t i = 1; i < crs.size(); ++i) {
    if (!(created(oldest) < created(i))) oldest = i;
  }
  return oldest;
}

}  // namespace kyma::istio
