#include "plugins/status/version_count.hpp"

#include <algorithm>
#include <map>

#include "core/istio/semver.hpp"

namespace kyma::status {

std::vector<VersionCount> count_versions(const std::vector<std::string>& versions) {
  std::map<std::string, int> counts;
  for (const auto& v : versions) ++counts[v];
  std::vector<VersionCount> out;
  for (const auto& [version, pods] : counts) out.push_back({version, pods});
  std::stable_sort(out.begin(), out.end(), [](const VersionCount& a, const VersionCount& b) {
    auto va = istio::Semver::try_parse(a.version);
    auto vb = istio::Semver::try_parse(b.version);
    if (va && vb) return *vb < *va;  // newest first
    return va.has_value() && !vb.has_value();
  });
  return out;
}

std::string describe_counts(const std::vector<VersionCount>& counts) {
  std::string out;
  for (const auto& c : counts) {
    if (!out.empty()) out += ", ";
    out += c.version + ": " + std::to_string(c.pods) + (c.pods == 1 ? " pod" : " pods");
  }
  return out;
}

}  // namespace kyma::status
