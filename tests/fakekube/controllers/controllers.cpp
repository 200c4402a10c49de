#include "tests/fakekube/controllers/controllers.hpp"

#include "tests/fakekube/cluster.hpp"
#include "tests/fakekube/object_meta.hpp"

namespace fakekube {

void run_controller(Cluster& cluster, const std::string& controller, const std::string& key) {
  auto slash = key.find('/');
  std::string ns = slash == std::string::npos ? "" : key.substr(0, slash);
  std::string name = slash == std::string::npos ? key : key.substr(slash + 1);
  if (controller == "deployment")
    reconcile_deployment(cluster, ns, name);
  else if (controller == "replicaset")
    reconcile_replicaset(cluster, ns, name);
  else if (controller == "daemonset")
    reconcile_daemonset(cluster, ns, name);
  else if (controller == "statefulset")
    reconcile_statefulset(cluster, ns, name);
  else if (controller == "gc")
    collect_garbage(cluster, key);
  else if (controller == "orphan")
    orphan_dependents(cluster, key);
  else if (controller == "foreground")
    delete_foreground(cluster, key);
  else if (controller == "namespace")
    finish_namespace(cluster, key);
  else if (controller == "crd-status")
    establish_crd(cluster, key);
  else if (controller == "crd-cleanup")
    remove_custom_objects(cluster, key);
}

std::string failing_reason(const Cluster& cluster, const nlohmann::json& pod) {
  std::string ns = namespace_of(pod), name = name_of(pod);
  if (name.empty()) name = string_at(pod, "/metadata/generateName");
  for (const auto& rule : cluster.fail_rules())
    if ((rule.ns.empty() || rule.ns == ns) &&
        name.compare(0, rule.name_prefix.size(), rule.name_prefix) == 0)
      return rule.reason;
  return "";
}

}  // namespace fakekube
