#pragma once
// Which Istio CR a command reconciles, and making sure it can exist: the Istio CRD (the newest,
// full v1alpha2 field set, from the bundle) served and Established, and the CR itself from a
// file, the one already in kyma-system, or the module's default kyma-system/default.
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/istio/istio_cr.hpp"

namespace kyma::kube {
class Client;
}

namespace kyma::reconcile {

struct CrRef {
  std::string ns;
  std::string name;
  bool exists = false;  // false only in a dry run that would create it
  // In a dry run: the CR as it would be after the apply.
  std::optional<nlohmann::json> pending;
};

// Server-side applies CRD istios.operator.kyma-project.io from <bundle_root>/crd/ and waits for
// it to be Established. In a dry run nothing is written; returns whether the CRD exists.
bool ensure_istio_crd(kube::Client& client, const std::filesystem::path& bundle_root, bool dry_run,
                      std::chrono::milliseconds timeout);

// The CR the module state lives in: the oldest Istio CR in kyma-system, or nullopt when there is
// none (or the CRD is not installed).
std::optional<CrRef> find_module_cr(kube::Client& client);

// The object without what the server owns (status, resourceVersion, uid, managedFields, ...), as
// it can be applied.
nlohmann::json without_server_fields(nlohmann::json object);

// Applies `cr` (server-side, field manager kubectl-kyma-istio), creating its namespace when
// missing. In a dry run nothing is written: the result's `pending` is the CR as the server would
// store it (a server-side dry run when the CRD and namespace exist, else the object itself).
CrRef apply_cr(kube::Client& client, const istio::IstioCR& cr, bool dry_run);

}  // namespace kyma::reconcile
