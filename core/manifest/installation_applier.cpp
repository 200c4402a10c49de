#include "core/manifest/installation_applier.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "core/kube/api_error.hpp"
#include "core/kube/client.hpp"
#include "core/kube/discovery.hpp"
#include "core/kube/wait.hpp"
#include "core/manifest/install_metadata.hpp"
#include "core/manifest/istiod_runtime_fields.hpp"
#include "core/manifest/live_comparison.hpp"
#include "core/manifest/live_objects.hpp"
#include "core/manifest/tag_webhooks.hpp"
#include "core/ui/progress.hpp"

namespace kyma::manifest {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

const char* const kOwningResourceLabel = "install.operator.istio.io/owning-resource";
const char* const kManagedLabel = "operator.istio.io/managed";
const char* const kComponentLabel = "operator.istio.io/component";

// The kinds istioctl prunes (PrunedResourcesSchemas): never CRDs, which would take the users'
// Istio configuration with them.
const std::vector<KindRef>& pruned_kinds() {
  static const std::vector<KindRef> kinds = {
      {"apps/v1", "Deployment"},
      {"apps/v1", "DaemonSet"},
      {"v1", "Service"},
      {"v1", "ConfigMap"},
      {"v1", "Secret"},
      {"v1", "ServiceAccount"},
      {"rbac.authorization.k8s.io/v1", "RoleBinding"},
      {"rbac.authorization.k8s.io/v1", "Role"},
      {"policy/v1", "PodDisruptionBudget"},
      {"autoscaling/v2", "HorizontalPodAutoscaler"},
      {"networking.istio.io/v1alpha3", "EnvoyFilter"},
      {"admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration"},
      {"admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration"},
      {"rbac.authorization.k8s.io/v1", "ClusterRole"},
      {"rbac.authorization.k8s.io/v1", "ClusterRoleBinding"},
  };
  return kinds;
}

// istioctl's progress names for its components.
std::string display_name(const std::string& component) {
  if (component == "Base") return "Istio core";
  if (component == "Pilot") return "Istiod";
  if (component == "Cni") return "CNI";
  if (component == "IngressGateways") return "Ingress gateways";
  if (component == "EgressGateways") return "Egress gateways";
  return component;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string str(const json& object, const json::json_pointer& pointer) {
  return object.value(pointer, std::string());
}

// The owner labels every object of the installation carries; they select it for reads and
// prune. Taken from the first component object, so they follow whatever the renderer stamps.
std::map<std::string, std::string> owner_selector(const RenderedInstallation& installation) {
  for (const auto& component : installation.components) {
    for (const auto& object : component.objects) {
      const json labels = object.value("/metadata/labels"_json_pointer, json::object());
      if (labels.contains(kOwningResourceLabel) && labels.contains(kManagedLabel)) {
        return {{kOwningResourceLabel, labels[kOwningResourceLabel]},
                {kManagedLabel, labels[kManagedLabel]}};
      }
    }
  }
  return {};
}

bool is_workload(const std::string& kind) {
  return kind == "Deployment" || kind == "DaemonSet" || kind == "StatefulSet";
}

bool live_ready(const std::string& kind, const json& live) {
  if (kind == "CustomResourceDefinition") return kube::crd_established(live).ready;
  if (kind == "Deployment") return kube::deployment_rolled_out(live).ready;
  if (kind == "DaemonSet") return kube::daemonset_rolled_out(live).ready;
  if (kind == "StatefulSet") return kube::statefulset_rolled_out(live).ready;
  return true;
}

kube::WaitTarget wait_target(const json& object) {
  return {object.value("apiVersion", ""), object.value("kind", ""),
          str(object, "/metadata/namespace"_json_pointer),
          str(object, "/metadata/name"_json_pointer)};
}

}  // namespace

int ApplyReport::count(ObjectChange change) const {
  return static_cast<int>(std::count_if(objects.begin(), objects.end(),
                                        [&](const auto& o) { return o.change == change; }));
}

bool ApplyReport::changed() const {
  return std::any_of(objects.begin(), objects.end(),
                     [](const auto& o) { return o.change != ObjectChange::kUnchanged; });
}

std::string kubectl_name(const json& object) {
  std::string api_version = object.value("apiVersion", "");
  auto slash = api_version.find('/');
  std::string kind = lower(object.value("kind", ""));
  if (slash != std::string::npos) kind += "." + api_version.substr(0, slash);
  return kind + "/" + str(object, "/metadata/name"_json_pointer);
}

struct InstallationApplier::Impl {
  kube::Client& client;
  ui::Progress& progress;
  const ApplierOptions& options;
  Clock::time_point deadline;
  ApplyReport report;
  std::set<std::string> missing_namespaces;

  std::chrono::milliseconds remaining() const {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    return std::max(left, std::chrono::milliseconds(0));
  }

  bool namespace_missing(const std::string& ns) {
    if (ns.empty() || !options.dry_run) return false;
    if (missing_namespaces.count(ns)) return true;
    if (!client.try_get("v1", "Namespace", "", ns)) {
      missing_namespaces.insert(ns);
      return true;
    }
    return false;
  }

  // One rendered object: stamped with its digest, then the fields istiod sets at run time left
  // to istiod (after the digest, so that they do not count as a change of the rendered object).
  bool apply_object(const json& object, const json* live, const std::string& field_manager) {
    json desired = with_applied_digest(object);
    if (live) leave_istiod_fields(desired, *live);
    return apply_stamped(desired, live, field_manager);
  }

  // One object that carries its digest: skipped when the live copy already holds it, else
  // server-side applied. Returns whether it was (or, in a dry run, would be) written.
  bool apply_stamped(const json& desired, const json* live, const std::string& field_manager) {
    AppliedObject entry{kubectl_name(desired), str(desired, "/metadata/namespace"_json_pointer),
                        live ? ObjectChange::kConfigured : ObjectChange::kCreated};
    if (live && apply_would_change_nothing(desired, *live)) {
      entry.change = ObjectChange::kUnchanged;
    } else if (options.dry_run && namespace_missing(entry.ns)) {
      // The server cannot dry-run into a namespace that does not exist yet (istioctl's TODO).
    } else {
      kube::ApplyOptions apply;
      apply.field_manager = field_manager;
      apply.force = true;
      apply.dry_run = options.dry_run;
      client.apply(desired, apply);
    }
    bool changed = entry.change != ObjectChange::kUnchanged;
    report.objects.push_back(std::move(entry));
    return changed;
  }

  void wait_ready(const std::vector<kube::WaitTarget>& targets, const std::string& component) {
    if (options.dry_run || targets.empty()) return;
    kube::WaitOptions wait;
    wait.timeout = remaining();
    wait.interval = options.poll_interval;
    wait.on_progress = [&](const std::string& message) {
      progress.update("Processing resources for " + display_name(component) + ". " + message);
    };
    kube::wait_for(client, targets, wait);
  }

  // Applies the object and says whether it must be waited for: it was written, or its live copy
  // (already read, so no request) is not ready. istioctl waits only after a change; looking at
  // the live copy too lets a re-run after an interrupted install wait for what is still rolling.
  bool apply_and_judge(const json& object, const json* live) {
    bool changed = apply_object(object, live, options.istio_field_manager);
    const std::string kind = object.value("kind", "");
    if (kind != "CustomResourceDefinition" && !is_workload(kind)) return false;
    return changed || !live || !live_ready(kind, *live);
  }

  // On a fresh install (no tag webhook yet) the injector webhook goes in as the chart renders
  // it, and is deactivated only after the tag webhooks exist (istioctl's order).
  bool injector_pending_deactivation = false;
  // Whether the injector webhook was written in this run (so its live copy is newer than the read).
  bool injector_written = false;

  bool is_injector(const json& object) const {
    return object.value("kind", "") == "MutatingWebhookConfiguration" &&
           str(object, "/metadata/name"_json_pointer) == kInjectorWebhookName;
  }

  bool tag_webhook_live(const RenderedInstallation& installation, const LiveObjects& live) const {
    for (const auto& w : installation.tag_webhooks) {
      if (w.value("kind", "") == "MutatingWebhookConfiguration" && live.find(w)) return true;
    }
    return false;
  }

  void apply_component(const RenderedInstallation& installation, const RenderedComponent& component,
                       const LiveObjects& live) {
    progress.update("Processing resources for " + display_name(component.name) + ".");
    std::vector<kube::WaitTarget> crds, workloads;
    // CRDs first, Established before the objects that may be of their kinds.
    for (const auto& object : component.objects) {
      if (object.value("kind", "") != "CustomResourceDefinition") continue;
      if (apply_and_judge(object, live.find(object))) crds.push_back(wait_target(object));
    }
    wait_ready(crds, component.name);
    for (const auto& object : component.objects) {
      if (object.value("kind", "") == "CustomResourceDefinition") continue;
      if (is_injector(object) && !installation.active_injector.is_null() &&
          !tag_webhook_live(installation, live)) {
        injector_written = apply_object(installation.active_injector, live.find(object),
                                        options.istio_field_manager);
        injector_pending_deactivation = true;
        continue;
      }
      if (is_injector(object)) {
        injector_written = apply_object(object, live.find(object), options.istio_field_manager);
        continue;
      }
      if (apply_and_judge(object, live.find(object))) workloads.push_back(wait_target(object));
    }
    wait_ready(workloads, component.name);
    progress.succeed(display_name(component.name) + " installed");
  }

  void apply_tag_webhooks(const RenderedInstallation& installation, const LiveObjects& live) {
    if (installation.tag_webhooks.empty()) return;
    // Stamped as rendered; what is taken from the live objects below is not part of the digest.
    std::vector<json> webhooks;
    for (const auto& w : installation.tag_webhooks) webhooks.push_back(with_applied_digest(w));
    // The injector's caBundle, which istiod keeps: read again only when this run wrote it.
    std::optional<json> live_injector;
    if (injector_written) {
      live_injector = client.try_get("admissionregistration.k8s.io/v1",
                                     "MutatingWebhookConfiguration", "", kInjectorWebhookName);
    } else {
      for (const auto& component : installation.components) {
        for (const auto& object : component.objects) {
          if (is_injector(object) && live.find(object)) live_injector = *live.find(object);
        }
      }
    }
    const json* validator = nullptr;
    for (const auto& w : webhooks) {
      if (w.value("kind", "") == "ValidatingWebhookConfiguration") validator = live.find(w);
    }
    json validator_copy = validator ? *validator : json();
    apply_live_webhook_state(webhooks, live_injector ? &*live_injector : nullptr,
                             validator ? &validator_copy : nullptr);
    for (const auto& w : webhooks) apply_stamped(w, live.find(w), options.istio_field_manager);
    if (!injector_pending_deactivation) return;
    for (const auto& component : installation.components) {
      for (const auto& object : component.objects) {
        if (!is_injector(object)) continue;
        kube::ApplyOptions apply;
        apply.field_manager = options.istio_field_manager;
        apply.force = true;
        apply.dry_run = options.dry_run;
        client.apply(with_applied_digest(object), apply);
        progress.note(std::string(options.dry_run ? "Would deactivate" : "Deactivated") + " the " +
                      kInjectorWebhookName + " webhook: injection goes through the default tag");
      }
    }
  }

  void prune(const RenderedInstallation& installation, const LiveObjects& live) {
    std::set<std::string> rendered;
    for (const auto& object : installation.all_objects()) rendered.insert(object_identity(object));
    std::vector<const json*> stale;
    for (const auto& object : live.owned()) {
      const json labels = object.value("/metadata/labels"_json_pointer, json::object());
      if (!labels.contains(kComponentLabel)) continue;
      if (labels.value(kNotPrunedLabel, "") == "true") continue;
      if (object.value("kind", "") == "CustomResourceDefinition") continue;
      if (rendered.count(object_identity(object))) continue;
      stale.push_back(&object);
    }
    if (stale.empty()) return;
    progress.update("Pruning removed resources");
    for (const json* object : stale) {
      kube::DeleteOptions del;
      del.propagation_policy = "Background";
      del.dry_run = options.dry_run;
      client.remove(object->value("apiVersion", ""), object->value("kind", ""),
                    str(*object, "/metadata/namespace"_json_pointer),
                    str(*object, "/metadata/name"_json_pointer), del);
      report.objects.push_back({kubectl_name(*object),
                                str(*object, "/metadata/namespace"_json_pointer),
                                ObjectChange::kPruned});
    }
    progress.succeed("Pruned " + std::to_string(stale.size()) + " removed resource(s)");
  }
};

InstallationApplier::InstallationApplier(kube::Client& client, ui::Progress& progress,
                                         ApplierOptions options)
    : client_(client), progress_(progress), options_(std::move(options)) {}

ApplyReport InstallationApplier::apply(const RenderedInstallation& installation) {
  Impl impl{client_, progress_, options_, Clock::now() + options_.timeout, {}, {}};
  // Kyma's resources are reconciled (and read) later, by apply_kyma_resources.
  std::vector<json> desired = installation.all_objects();
  desired.resize(desired.size() - installation.kyma_resources.size());
  LiveObjects live =
      LiveObjects::read(client_, desired, pruned_kinds(), owner_selector(installation));
  impl.report.reads = live.requests();

  for (const auto& object : installation.prerequisites) {
    impl.apply_object(object, live.find(object), options_.kyma_field_manager);
  }
  for (const auto& component : installation.components) {
    impl.apply_component(installation, component, live);
  }
  impl.apply_tag_webhooks(installation, live);
  impl.prune(installation, live);
  progress_.succeed(options_.dry_run ? "Installation checked (dry run)" : "Installation complete");
  return std::move(impl.report);
}

ApplyReport InstallationApplier::apply_kyma_resources(const std::vector<json>& present,
                                                      const std::vector<json>& absent) {
  Impl impl{client_, progress_, options_, Clock::now() + options_.timeout, {}, {}};
  auto operator_name = [](const json& object) {
    return object.value("kind", std::string()) + "/" + str(object, "/metadata/name"_json_pointer);
  };
  std::vector<json> all = present;
  all.insert(all.end(), absent.begin(), absent.end());
  if (all.empty()) return std::move(impl.report);
  // Without owner labels: a namespace's objects of one kind in one LIST, the others by GET.
  std::optional<LiveObjects> live;
  try {
    live = LiveObjects::read(client_, all, {}, {});
  } catch (const Error& e) {
    throw KymaResourceError(operator_name(all.front()), e);
  }
  impl.report.reads = live->requests();
  for (const auto& object : present) {
    try {
      impl.apply_object(object, live->find(object), options_.kyma_field_manager);
    } catch (const Error& e) {
      throw KymaResourceError(operator_name(object), e);
    }
  }
  for (const auto& object : absent) {
    if (!live->find(object)) continue;
    kube::DeleteOptions del;
    del.dry_run = options_.dry_run;
    try {
      client_.remove(object.value("apiVersion", ""), object.value("kind", ""),
                     str(object, "/metadata/namespace"_json_pointer),
                     str(object, "/metadata/name"_json_pointer), del);
    } catch (const Error& e) {
      throw KymaResourceError(operator_name(object), e);
    }
    impl.report.objects.push_back({kubectl_name(object),
                                   str(object, "/metadata/namespace"_json_pointer),
                                   ObjectChange::kPruned});
  }
  return std::move(impl.report);
}

}  // namespace kyma::manifest
