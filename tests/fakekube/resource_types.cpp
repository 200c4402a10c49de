#include "tests/fakekube/resource_types.hpp"

#include <algorithm>

namespace fakekube {

namespace {

const std::vector<std::string> kAllVerbs = {"create", "delete", "deletecollection", "get",
                                            "list",   "patch",  "update",           "watch"};

struct Builtin {
  const char* group;
  const char* version;
  const char* kind;
  const char* plural;
  bool namespaced;
  std::vector<std::string> short_names;
  bool status;
  bool scale = false;
  bool in_category_all = false;
};

// The kinds of issue 4, with the names and flags the real server announces for them.
const std::vector<Builtin>& builtins() {
  static const std::vector<Builtin> kinds = {
      {"", "v1", "Namespace", "namespaces", false, {"ns"}, true},
      {"", "v1", "Pod", "pods", true, {"po"}, true, false, true},
      {"", "v1", "Service", "services", true, {"svc"}, true, false, true},
      {"", "v1", "ConfigMap", "configmaps", true, {"cm"}, false},
      {"", "v1", "Secret", "secrets", true, {}, false},
      {"", "v1", "ServiceAccount", "serviceaccounts", true, {"sa"}, false},
      {"", "v1", "Node", "nodes", false, {"no"}, true},
      {"", "v1", "Event", "events", true, {"ev"}, false},
      {"", "v1", "Endpoints", "endpoints", true, {"ep"}, false},
      {"", "v1", "ResourceQuota", "resourcequotas", true, {"quota"}, true},
      {"", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, {"pvc"}, true},
      {"apps", "v1", "Deployment", "deployments", true, {"deploy"}, true, true, true},
      {"apps", "v1", "ReplicaSet", "replicasets", true, {"rs"}, true, true, true},
      {"apps", "v1", "DaemonSet", "daemonsets", true, {"ds"}, true, false, true},
      {"apps", "v1", "StatefulSet", "statefulsets", true, {"sts"}, true, true, true},
      {"apps", "v1", "ControllerRevision", "controllerrevisions", true, {}, false},
      {"batch", "v1", "Job", "jobs", true, {}, true, false, true},
      {"batch", "v1", "CronJob", "cronjobs", true, {"cj"}, true, false, true},
      {"rbac.authorization.k8s.io", "v1", "Role", "roles", true, {}, false},
      {"rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true, {}, false},
      {"rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false, {}, false},
      {"rbac.authorization.k8s.io",
       "v1",
       "ClusterRoleBinding",
       "clusterrolebindings",
       false,
       {},
       false},
      {"admissionregistration.k8s.io",
       "v1",
       "MutatingWebhookConfiguration",
       "mutatingwebhookconfigurations",
       false,
       {},
       false},
      {"admissionregistration.k8s.io",
       "v1",
       "ValidatingWebhookConfiguration",
       "validatingwebhookconfigurations",
       false,
       {},
       false},
      {"apiextensions.k8s.io",
       "v1",
       "CustomResourceDefinition",
       "customresourcedefinitions",
       false,
       {"crd", "crds"},
       true},
      {"policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, {"pdb"}, true},
      {"autoscaling",
       "v2",
       "HorizontalPodAutoscaler",
       "horizontalpodautoscalers",
       true,
       {"hpa"},
       true,
       false,
       true},
      {"scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", false, {"pc"}, false},
      {"networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, {"netpol"}, false},
      {"authorization.k8s.io",
       "v1",
       "SelfSubjectAccessReview",
       "selfsubjectaccessreviews",
       false,
       {},
       false},
  };
  return kinds;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

bool ResourceType::has_verb(const std::string& verb) const {
  return std::find(verbs.begin(), verbs.end(), verb) != verbs.end();
}

std::pair<std::string, std::string> split_api_version(const std::string& api_version) {
  auto slash = api_version.find('/');
  if (slash == std::string::npos) return {"", api_version};
  return {api_version.substr(0, slash), api_version.substr(slash + 1)};
}

ResourceTypes::ResourceTypes() {
  for (const auto& b : builtins()) {
    ResourceType t;
    t.group = b.group;
    t.version = b.version;
    t.kind = b.kind;
    t.plural = b.plural;
    t.singular = lower(b.kind);
    t.namespaced = b.namespaced;
    t.short_names = b.short_names;
    t.status_subresource = b.status;
    t.scale_subresource = b.scale;
    t.storage_version = b.version;
    if (b.in_category_all) t.categories = {"all"};
    if (t.kind == "SelfSubjectAccessReview") {
      t.verbs = {"create"};
    } else if (t.kind == "Namespace") {
      t.verbs = {"create", "delete", "get", "list", "patch", "update", "watch"};
    } else {
      t.verbs = kAllVerbs;
    }
    types_.push_back(std::make_shared<const ResourceType>(std::move(t)));
  }
}

ResourceTypePtr ResourceTypes::by_resource(const std::string& group, const std::string& version,
                                           const std::string& plural) const {
  for (const auto& t : types_)
    if (t->plural == plural && t->group == group && t->version == version) return t;
  return nullptr;
}

ResourceTypePtr ResourceTypes::by_kind(const std::string& api_version,
                                       const std::string& kind) const {
  auto [group, version] = split_api_version(api_version);
  for (const auto& t : types_)
    if (t->kind == kind && t->group == group && t->version == version) return t;
  return nullptr;
}

ResourceTypePtr ResourceTypes::by_storage_key(const std::string& storage_key) const {
  ResourceTypePtr any;
  for (const auto& t : types_) {
    if (t->storage_key() != storage_key) continue;
    if (t->version == t->storage_version) return t;
    if (!any) any = t;
  }
  return any;
}

std::vector<std::pair<std::string, std::string>> ResourceTypes::group_versions() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& t : types_) {
    std::pair<std::string, std::string> gv{t->group, t->version};
    if (std::find(out.begin(), out.end(), gv) == out.end()) out.push_back(gv);
  }
  return out;
}

void ResourceTypes::set_custom(const std::string& storage_key,
                               const std::vector<ResourceType>& versions) {
  remove_custom(storage_key);
  for (const auto& v : versions) types_.push_back(std::make_shared<const ResourceType>(v));
}

void ResourceTypes::remove_custom(const std::string& storage_key) {
  types_.erase(std::remove_if(types_.begin(), types_.end(),
                              [&](const ResourceTypePtr& t) {
                                return t->custom && t->storage_key() == storage_key;
                              }),
               types_.end());
}

}  // namespace fakekube
