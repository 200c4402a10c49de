#pragma once
// The REST verbs on resources: /api/v1/... and /apis/<group>/<version>/..., item and
// collection, namespaced or not, with the status and scale subresources; watches stream
// (watch_stream.cpp). Also SelfSubjectAccessReviews.
#include <string>

#include "tests/fakekube/cluster.hpp"
#include "tests/fakekube/http_exchange.hpp"
#include "tests/fakekube/test_control.hpp"

namespace fakekube {

struct ResourcePath {
  ResourceTypePtr type;
  std::string ns;           // "" for cluster-scoped or all namespaces
  std::string name;         // "" for the collection
  std::string subresource;  // "", "status", "scale"
};

// Parses a path under /api or /apis; nullopt-like (type null) when it names no served
// resource. Throws ApiError 404 for paths of the right shape with an unknown resource.
bool parse_resource_path(const Cluster& cluster, const std::string& path, ResourcePath& out);

void handle_resource(Cluster& cluster, TestControl& control, Exchange& exchange,
                     const ResourcePath& path);

// Streams a watch (chunked newline-delimited JSON events).
void start_watch(Cluster& cluster, Exchange& exchange, const ResourcePath& path);

}  // namespace fakekube
