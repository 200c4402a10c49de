#pragma once
// Discovery documents built from the served resource types: /version, /api, /apis,
// /apis/<group>, /api/v1 and /apis/<group>/<version> (legacy), and the aggregated form
// (apidiscovery.k8s.io/v2 APIGroupDiscoveryList) that kubectl asks for first. A new CRD shows
// up at once because the documents are built on each request.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/fakekube/resource_types.hpp"

namespace fakekube {

extern const char* const kAggregatedDiscoveryType;

nlohmann::json version_info(const std::string& kubernetes_version);
nlohmann::json core_versions(const std::string& server_address);
nlohmann::json api_group_list(const std::vector<ResourceTypePtr>& types);
std::optional<nlohmann::json> api_group(const std::vector<ResourceTypePtr>& types,
                                        const std::string& group);
std::optional<nlohmann::json> api_resource_list(const std::vector<ResourceTypePtr>& types,
                                                const std::string& group,
                                                const std::string& version);
// `core`: the document for /api (the core group) or for /apis (every other group).
nlohmann::json aggregated_discovery(const std::vector<ResourceTypePtr>& types, bool core);

// Versions of a group, preferred first (GA, then beta, then alpha; higher numbers first).
std::vector<std::string> sorted_versions(std::vector<std::string> versions);

}  // namespace fakekube
