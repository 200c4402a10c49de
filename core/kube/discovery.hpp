#pragma once
// API discovery: which groups, versions and resources the server serves, kind -> resource plural
// and scope. Cached in memory and on disk as kubectl does (<cache-dir>/discovery/<host_port>/
// servergroups.json and <group>/<version>/serverresources.json, 6 hours), and fetched again when
// a kind is not found in the cached data (a CRD may have been added since).
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/kube/resource_types.hpp"
#include "core/ui/error.hpp"

namespace kyma::kube {

class HttpTransport;

// The server does not serve a kind in that version (kubectl: "no matches for kind ...").
class NoKindMatchError : public Error {
 public:
  using Error::Error;
  ~NoKindMatchError() override;
};

class Discovery {
 public:
  // cache_dir: the --cache-dir root ("" = no disk cache).
  Discovery(HttpTransport& transport, std::string cache_dir,
            std::chrono::seconds ttl = std::chrono::hours(6));

  // The resource serving `kind` in `api_version` ("apps/v1", "v1"). Throws NoKindMatchError.
  ResourceInfo resource_for(const std::string& api_version, const std::string& kind);
  std::optional<ResourceInfo> find(const std::string& api_version, const std::string& kind);
  // The resources of one group/version (subresources left out); empty when it is not served.
  std::vector<ResourceInfo> resources(const std::string& api_version);
  // The served group versions ("v1", "apps/v1", ...) and each group's preferred version.
  std::vector<std::string> group_versions();
  std::map<std::string, std::string> preferred_versions();  // group -> version
  // Forgets the memory and disk cache.
  void invalidate();

  // <cache_dir>/discovery/<host_port> ("" when there is no disk cache).
  const std::string& cache_folder() const { return folder_; }

 private:
  nlohmann::json fetch(const std::string& path, bool* not_found);
  nlohmann::json server_groups(bool fresh);
  std::vector<ResourceInfo> load_resources(const std::string& api_version, bool fresh,
                                           bool* from_server);
  std::string resources_file(const std::string& api_version) const;

  HttpTransport& transport_;
  std::string folder_;
  std::chrono::seconds ttl_;
  std::mutex mutex_;
  std::optional<nlohmann::json> groups_;
  std::map<std::string, std::vector<ResourceInfo>> resources_;
};

// kubectl's cache folder name for a server URL ("https://10.0.0.1:6443" -> "10.0.0.1_6443").
std::string discovery_cache_folder_name(const std::string& server);

}  // namespace kyma::kube
