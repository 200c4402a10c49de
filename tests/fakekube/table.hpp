#pragma once
// Server-side printing (meta.k8s.io/v1 Table), which `kubectl get` asks for: the columns the
// real server prints for the common kinds (pods show READY/STATUS/RESTARTS, deployments
// READY/UP-TO-DATE/AVAILABLE, ...), a CRD's additionalPrinterColumns, otherwise NAME and AGE.
// Rows carry the object's metadata (PartialObjectMetadata), as with includeObject=Metadata.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/fakekube/cluster.hpp"
#include "tests/fakekube/resource_types.hpp"

namespace fakekube {

bool wants_table(const std::string& accept);

nlohmann::json table_for(const ResourceType& type,
                         const std::vector<const nlohmann::json*>& objects,
                         const std::optional<ListPage>& page);

// "5s", "3m12s", "4h", "2d3h" as kubectl prints ages.
std::string human_duration(long long seconds);

}  // namespace fakekube
