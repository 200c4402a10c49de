#pragma once
// `status -o json|yaml`: the whole status as one document. Keys are lowerCamelCase and always
// present (null when unknown), in a fixed order, so that scripts can rely on them:
//   healthy, problems, istio {crdInstalled, cr, ignoredCrs}, controlPlane {versions,
//   mixedVersions, components}, dataPlane {pods, versions, customProxyImagePods},
//   outdated {injectorImage, injectorVersion, detail, pods, workloads}.
// No ages: the document only changes when the cluster does. -o yaml writes the same document
// with its keys sorted, as kubectl's YAML is.
#include <nlohmann/json.hpp>

#include "plugins/status/mesh_status.hpp"

namespace kyma::status {

nlohmann::ordered_json status_document(const MeshStatus& status);

}  // namespace kyma::status
