#pragma once
// What `status` reads from the cluster: five collections, each one paged list (and, with
// --watch, one watch). Pods are kept as slim copies and only when they matter.
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/kube/resource_types.hpp"

namespace kyma::kube {
class Client;
}

namespace kyma::status {

enum class Source { kIstioCrs, kDeployments, kDaemonSets, kPods, kInjector };

struct Collection {
  Source source;
  std::string api_version;
  std::string kind;
  std::string ns;  // "" = all namespaces
  std::string field_selector;
  // The copy to keep of an object, or null to drop it; unset keeps objects as they are.
  std::function<nlohmann::json(const nlohmann::json&)> keep;

  nlohmann::json kept(const nlohmann::json& object) const { return keep ? keep(object) : object; }
};

// The five collections, in the order of Source.
const std::vector<Collection>& status_collections();

struct Listed {
  std::vector<nlohmann::json> items;  // kept copies
  std::string resource_version;       // of the list, to watch from
};

inline constexpr int kPageSize = 500;

// Every page of the collection (a list that has to start over, after its continue token
// expired, starts with no items). Throws what the client throws; NoKindMatchError when the
// kind is not served (the Istio CRD is not installed).
Listed list_collection(kube::Client& client, const Collection& collection,
                       int page_size = kPageSize);

// "namespace/name" of an object.
std::string object_key(const nlohmann::json& object);

}  // namespace kyma::status
