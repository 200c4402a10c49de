#pragma once
// Applies a rendered installation the way istioctl 1.23 does (istio-install.md §3.1-3.2):
// Kyma's prerequisites first, then component by component in dependency order, each object by
// server-side apply (field manager istio-operator, force), CRDs first and Established before the
// rest, the component's workloads ready before the next component starts; then the default-tag
// webhooks with what they take from the live injector webhook; then prune of objects an earlier
// install created that are no longer rendered (never CRDs).
//
// Objects that already match what would be applied are not written, so a converged re-run
// issues reads only (live_comparison.hpp). A dry run writes nothing: it asks the server for a
// server-side dry run where the object's namespace exists, and reports what would change.
#include <chrono>
#include <string>
#include <vector>

#include "core/manifest/installation.hpp"
#include "core/ui/error.hpp"

namespace kyma::kube {
class Client;
}
namespace kyma::ui {
class Progress;
}

namespace kyma::manifest {

struct ApplierOptions {
  bool dry_run = false;
  // Deadline for all readiness waits together (install --timeout).
  std::chrono::milliseconds timeout{std::chrono::minutes(5)};
  std::chrono::milliseconds poll_interval{std::chrono::milliseconds(500)};
  std::string istio_field_manager = "istio-operator";
  std::string kyma_field_manager = "kubectl-kyma-istio";
};

enum class ObjectChange { kCreated, kConfigured, kUnchanged, kPruned };

struct AppliedObject {
  std::string identity;  // kubectl's "deployment.apps/istiod" form
  std::string ns;
  ObjectChange change = ObjectChange::kUnchanged;
};

struct ApplyReport {
  std::vector<AppliedObject> objects;
  int reads = 0;  // requests spent reading the live state
  int count(ObjectChange change) const;
  bool changed() const;
};

// A Kyma resource that could not be reconciled: the cause, and the resource as the operator names
// it ("PeerAuthentication/default").
class KymaResourceError : public Error {
 public:
  KymaResourceError(std::string resource, const Error& cause)
      : Error(cause.what(), cause.code()), resource_(std::move(resource)) {}
  const std::string& resource() const { return resource_; }

 private:
  std::string resource_;
};

class InstallationApplier {
 public:
  InstallationApplier(kube::Client& client, ui::Progress& progress, ApplierOptions options);

  // Throws TimeoutError naming every object that is not ready and why; kube::ApiError or
  // kyma::Error when a write fails (the objects applied so far stay: a re-run converges).
  ApplyReport apply(const RenderedInstallation& installation);

  // Server-side applies Kyma's resources (§3.9) with the Kyma field manager, skipping those that
  // already match, and deletes the `absent` ones that exist. Throws KymaResourceError naming the
  // resource at fault (a failed read names the first resource, the one the operator reads first).
  ApplyReport apply_kyma_resources(const std::vector<nlohmann::json>& present,
                                   const std::vector<nlohmann::json>& absent);

 private:
  struct Impl;
  kube::Client& client_;
  ui::Progress& progress_;
  ApplierOptions options_;
};

// kubectl's name for an object in messages: "deployment.apps/istiod", "configmap/istio".
std::string kubectl_name(const nlohmann::json& object);

}  // namespace kyma::manifest
