#pragma once
// The simulated controllers, run from the Cluster's work queue with its lock held. Work items
// are "<controller>|<key>": deployment|ns/name, replicaset|ns/name, daemonset|ns/name,
// statefulset|ns/name, namespace|name, gc|uid, orphan|uid, foreground|uid, crd-status|name,
// crd-cleanup|group/plural.
#include <string>

#include <nlohmann/json.hpp>

namespace fakekube {

class Cluster;

void run_controller(Cluster& cluster, const std::string& controller, const std::string& key);

// The waiting reason a pod is kept failing with (Server::fail_pods), or "".
std::string failing_reason(const Cluster& cluster, const nlohmann::json& pod);

// Workload controllers (one file each).
void reconcile_deployment(Cluster& cluster, const std::string& ns, const std::string& name);
void reconcile_replicaset(Cluster& cluster, const std::string& ns, const std::string& name);
void reconcile_daemonset(Cluster& cluster, const std::string& ns, const std::string& name);
void reconcile_statefulset(Cluster& cluster, const std::string& ns, const std::string& name);

// Lifecycle controllers (lifecycle.cpp).
void collect_garbage(Cluster& cluster, const std::string& owner_uid);
void orphan_dependents(Cluster& cluster, const std::string& owner_uid);
void delete_foreground(Cluster& cluster, const std::string& owner_uid);
void finish_namespace(Cluster& cluster, const std::string& name);
void establish_crd(Cluster& cluster, const std::string& name);
void remove_custom_objects(Cluster& cluster, const std::string& storage_key);

}  // namespace fakekube
