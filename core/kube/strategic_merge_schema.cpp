// The list-merge rules of the built-in kinds: the `patchStrategy:"merge"` / `patchMergeKey`
// struct tags of k8s.io/api, for the fields the product and the test server touch. A field not
// listed here is replaced as a whole, as the API server does for lists without a strategy.
#include <map>
#include <string>

#include "core/kube/strategic_merge.hpp"

namespace kyma::kube {

struct FieldRule {
  const MergeType* type = nullptr;  // schema below this field (maps and list items)
  ListStrategy strategy = ListStrategy::kReplace;
  std::string key;
};

struct MergeType {
  std::map<std::string, FieldRule> fields;
};

namespace {

FieldRule nested(const MergeType* type) {
  return FieldRule{type, ListStrategy::kReplace, ""};
}
FieldRule keyed(const std::string& key, const MergeType* item = nullptr) {
  return FieldRule{item, ListStrategy::kMergeByKey, key};
}
FieldRule set_of_values() {
  return FieldRule{nullptr, ListStrategy::kMergeSet, ""};
}

struct BuiltinSchemas {
  MergeType object_meta, pod_template, pod_spec, container, pod_status, workload_spec,
      with_conditions, job_template, cronjob_spec, service_spec, node_status;
  std::map<std::string, MergeType> kinds;

  BuiltinSchemas() {
    object_meta.fields["finalizers"] = set_of_values();
    object_meta.fields["ownerReferences"] = keyed("uid");

    container.fields["ports"] = keyed("containerPort");
    container.fields["env"] = keyed("name");
    container.fields["volumeMounts"] = keyed("mountPath");
    container.fields["volumeDevices"] = keyed("devicePath");

    for (const char* list : {"containers", "initContainers", "ephemeralContainers"}) {
      pod_spec.fields[list] = keyed("name", &container);
    }
    pod_spec.fields["volumes"] = keyed("name");
    pod_spec.fields["imagePullSecrets"] = keyed("name");
    pod_spec.fields["hostAliases"] = keyed("ip");
    pod_spec.fields["topologySpreadConstraints"] = keyed("topologyKey");
    pod_spec.fields["resourceClaims"] = keyed("name");
    pod_spec.fields["schedulingGates"] = keyed("name");

    pod_template.fields["metadata"] = nested(&object_meta);
    pod_template.fields["spec"] = nested(&pod_spec);

    pod_status.fields["conditions"] = keyed("type");
    pod_status.fields["podIPs"] = keyed("ip");
    pod_status.fields["hostIPs"] = keyed("ip");

    workload_spec.fields["template"] = nested(&pod_template);
    with_conditions.fields["conditions"] = keyed("type");

    job_template.fields["metadata"] = nested(&object_meta);
    job_template.fields["spec"] = nested(&workload_spec);
    cronjob_spec.fields["jobTemplate"] = nested(&job_template);

    service_spec.fields["ports"] = keyed("port");

    node_status.fields["conditions"] = keyed("type");
    node_status.fields["addresses"] = keyed("type");

    kind("Pod", &pod_spec, &pod_status);
    kind("PodTemplate").fields["template"] = nested(&pod_template);
    for (const char* k :
         {"Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job", "ReplicationController"}) {
      kind(k, &workload_spec, &with_conditions);
    }
    kind("CronJob", &cronjob_spec);
    kind("Service", &service_spec);
    kind("Node", nullptr, &node_status);
    kind("Namespace", nullptr, &with_conditions);
    kind("PodDisruptionBudget", nullptr, &with_conditions);
    kind("HorizontalPodAutoscaler", nullptr, &with_conditions);
    kind("ServiceAccount").fields["secrets"] = keyed("name");
    for (const char* k : {"MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"}) {
      kind(k).fields["webhooks"] = keyed("name");
    }
    for (const char* k : {"ConfigMap",
                          "Secret",
                          "Endpoints",
                          "Event",
                          "LimitRange",
                          "ResourceQuota",
                          "PersistentVolumeClaim",
                          "PersistentVolume",
                          "Role",
                          "RoleBinding",
                          "ClusterRole",
                          "ClusterRoleBinding",
                          "NetworkPolicy",
                          "PriorityClass",
                          "CustomResourceDefinition",
                          "Lease",
                          "SelfSubjectAccessReview",
                          "StorageClass",
                          "IngressClass",
                          "Ingress"}) {
      kind(k);
    }
  }

  MergeType& kind(const std::string& name, const MergeType* spec = nullptr,
                  const MergeType* status = nullptr) {
    MergeType& root = kinds[name];
    root.fields["metadata"] = nested(&object_meta);
    if (spec) root.fields["spec"] = nested(spec);
    if (status) root.fields["status"] = nested(status);
    return root;
  }
};

const BuiltinSchemas& builtin() {
  static const BuiltinSchemas schemas;
  return schemas;
}

// Custom resources: metadata still merges (finalizers, ownerReferences), all else is replaced.
const MergeType& custom_resource_root() {
  static const MergeType root = [] {
    MergeType t;
    t.fields["metadata"] = nested(&builtin().object_meta);
    return t;
  }();
  return root;
}

const FieldRule* rule(const MergeType* type, const std::string& name) {
  if (!type) return nullptr;
  auto it = type->fields.find(name);
  return it == type->fields.end() ? nullptr : &it->second;
}

}  // namespace

MergeSchema MergeSchema::for_kind(const std::string& kind) {
  const auto& kinds = builtin().kinds;
  auto it = kinds.find(kind);
  return MergeSchema(it == kinds.end() ? &custom_resource_root() : &it->second);
}

bool MergeSchema::supports(const std::string& kind) {
  return builtin().kinds.count(kind) > 0;
}

MergeSchema MergeSchema::field(const std::string& name) const {
  const FieldRule* r = rule(type_, name);
  return MergeSchema(r ? r->type : nullptr);
}

ListStrategy MergeSchema::list_strategy(const std::string& name) const {
  const FieldRule* r = rule(type_, name);
  return r ? r->strategy : ListStrategy::kReplace;
}

std::string MergeSchema::merge_key(const std::string& name) const {
  const FieldRule* r = rule(type_, name);
  return r ? r->key : std::string();
}

}  // namespace kyma::kube
