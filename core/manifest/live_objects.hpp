#pragma once
// The cluster's copies of an installation's objects, read in one LIST per kind rather than one
// GET per object: what a converged re-run compares against, and what pruning looks through.
//
// Objects are matched by identity (API group, kind, namespace, name). The lists select on the
// installation's owner labels; a desired object that does not carry them (Kyma's PriorityClass,
// the Namespace) is read with a GET.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kyma::kube {
class Client;
}

namespace kyma::manifest {

// "group/Kind/namespace/name" ("/Namespace//istio-system" for a core cluster-scoped object).
std::string object_identity(const nlohmann::json& object);

struct KindRef {
  std::string api_version;
  std::string kind;
};

class LiveObjects {
 public:
  // Lists every kind of `desired` and of `extra_kinds` across all namespaces with
  // `owner_selector`; GETs the desired objects whose labels do not match it. Kinds the server
  // does not serve (e.g. EnvoyFilter before Istio's CRDs exist) are skipped.
  static LiveObjects read(kube::Client& client, const std::vector<nlohmann::json>& desired,
                          const std::vector<KindRef>& extra_kinds,
                          const std::map<std::string, std::string>& owner_selector);

  // The live copy of `desired`, or null when it does not exist.
  const nlohmann::json* find(const nlohmann::json& desired) const;
  // Every listed object (those carrying the owner labels).
  const std::vector<nlohmann::json>& owned() const { return owned_; }
  // How many requests the read took (for the progress line and benchmarks).
  int requests() const { return requests_; }

 private:
  std::map<std::string, nlohmann::json> by_identity_;
  std::vector<nlohmann::json> owned_;
  int requests_ = 0;
};

// "k1=v1,k2=v2" for a LIST's labelSelector.
std::string label_selector(const std::map<std::string, std::string>& labels);
// True when `object` carries every label of `labels`.
bool has_labels(const nlohmann::json& object, const std::map<std::string, std::string>& labels);

}  // namespace kyma::manifest
