#include "core/manifest/renderer.hpp"

#include "core/manifest/components.hpp"
#include "core/manifest/install_metadata.hpp"
#include "core/manifest/k8s_settings.hpp"
#include "core/manifest/kyma_resources.hpp"
#include "core/manifest/object_access.hpp"
#include "core/manifest/object_order.hpp"
#include "core/manifest/overlay_patch.hpp"
#include "core/manifest/tag_webhooks.hpp"
#include "core/manifest/values_changes.hpp"
#include "core/manifest/values_effects.hpp"
#include "core/ui/error.hpp"

namespace kyma::manifest {

std::string product_version() {
  return KYMA_ISTIO_VERSION;
}

using nlohmann::json;
using Files = std::map<std::string, std::vector<json>>;

namespace {

const json& spec_of(const json& iop) {
  if (!iop.is_object() || !iop.contains("spec") || !iop["spec"].is_object()) {
    throw Error("the merged IstioOperator has no spec");
  }
  return iop["spec"];
}

// Components and settings the pre-rendered bundle has no objects for.
void refuse_unrenderable(const json& spec) {
  if (spec.contains("revision") && spec["revision"].is_string() &&
      !spec["revision"].get<std::string>().empty() && spec["revision"] != "default") {
    throw Error("spec.revision: the bundle is rendered for the default revision only");
  }
  if (!spec.contains("components") || !spec["components"].is_object()) return;
  for (const char* name : {"ztunnel", "istiodRemote"}) {
    const json& components = spec["components"];
    if (components.contains(name) && components[name].is_object() &&
        components[name].value("enabled", false)) {
      throw Error(std::string("spec.components.") + name +
                  ".enabled: the pre-rendered bundle has no " + name + " component");
    }
  }
}

std::string rendered_gateway_name(const std::vector<json>& objects) {
  for (const auto& object : objects) {
    if (kind_of(object) == "Deployment") return name_of(object);
  }
  return "";
}

bool autoscales(const json& values, const ComponentInfo& info, const std::string& name) {
  const json* enabled = nullptr;
  if (std::string(info.name) == "Pilot") {
    enabled = value_at(values, {"pilot", "autoscaleEnabled"});
  } else if (info.gateway) {
    enabled = value_at(values, {"gateways", name, "autoscaleEnabled"});
  }
  return enabled && enabled->is_boolean() && enabled->get<bool>();
}

bool flag(const json& values, const std::vector<std::string>& path) {
  const json* value = value_at(values, path);
  return value && value->is_boolean() && value->get<bool>();
}

RenderedInstallation render(const istio::MergedConfig& config, const Bundle& bundle, Files files,
                            const RenderOptions& options) {
  if (config.istio_version != bundle.version) {
    throw Error("the configuration is for Istio " + config.istio_version +
                " but the bundle is Istio " + bundle.version);
  }
  if (config.profile != bundle.profile) {
    throw Error(std::string("the configuration uses the ") + istio::profile_name(config.profile) +
                " profile but the bundle holds the " + istio::profile_name(bundle.profile) +
                " manifests");
  }
  const json& iop = config.iop;
  const json& spec = spec_of(iop);
  refuse_unrenderable(spec);

  const json wanted = helm_values_of(iop);
  const json profile_values = helm_values_of(bundle.profile_iop);
  apply_values_changes(files, bundle.helm_values, wanted, profile_values);
  json values = bundle.helm_values;
  for (const auto& change : values_changes(bundle.helm_values, wanted, profile_values)) {
    set_value_at(values, change.path, change.value);
  }

  RenderedInstallation out;
  out.istio_version = bundle.version;
  InstallLabels labels;
  labels.istio_version = bundle.version;
  labels.owner_name = installed_state_name(iop);
  if (iop.contains("metadata") && iop["metadata"].is_object()) {
    std::string ns = iop["metadata"].value("namespace", std::string());
    if (!ns.empty()) labels.owner_namespace = ns;
  }

  for (const auto& info : istio_components()) {
    auto& objects = files[info.bundle_file];
    auto request = component_request(iop, info, info.gateway ? rendered_gateway_name(objects) : "");
    if (!request.enabled) continue;
    if (request.ns != "istio-system") {
      throw Error(request.field + ".namespace: \"" + request.ns +
                  "\": the pre-rendered bundle installs into istio-system");
    }
    K8sTarget target{info.name, info.workload_kind, request.resource_name, info.container,
                     autoscales(values, info, request.resource_name)};
    apply_k8s_settings(objects, request.k8s, target, request.field + ".k8s");
    if (request.k8s.contains("overlays")) {
      apply_overlays(objects, request.k8s["overlays"], request.ns, request.field + ".k8s.overlays");
    }
    labels.component = info.name;
    for (auto& object : objects) {
      stamp_install_labels(object, labels);
      stamp_module_label(object);
    }
    sort_for_apply(objects);
    out.components.push_back({info.name, request.ns, std::move(objects)});
  }

  // istioctl makes the installation the default revision through tag webhooks when it manages
  // them itself (ProcessDefaultWebhook / DetectIfTagWebhookIsNeeded).
  for (auto& component : out.components) {
    if (component.name != "Pilot" || flag(values, {"global", "operatorManageWebhooks"})) continue;
    json* injector =
        find_object(component.objects, "MutatingWebhookConfiguration", kInjectorWebhookName);
    if (!injector) break;
    std::vector<json> tags = std::move(files["tag-webhooks"]);
    prepare_tag_webhooks(tags, *injector);
    out.active_injector = *injector;
    deactivate_injector_webhook(*injector);
    out.tag_webhooks = std::move(tags);
  }

  out.prerequisites.push_back(kyma_priority_class(bundle.priority_class, options.operator_version));
  out.prerequisites.push_back(istio_namespace());
  out.kyma_resources.push_back(mesh_peer_authentication(options.operator_version));
  if (config.network_policies_enabled) {
    for (auto& policy :
         module_network_policies(options.operator_version, options.api_server_port)) {
      out.kyma_resources.push_back(std::move(policy));
    }
  }
  if (config.proxy_protocol_filter) {
    out.kyma_resources.push_back(proxy_protocol_envoy_filter(options.operator_version));
  }
  return out;
}

}  // namespace

RenderedInstallation render_installation(const istio::MergedConfig& config, const Bundle& bundle,
                                         const RenderOptions& options) {
  return render(config, bundle, bundle.files, options);
}

RenderedInstallation render_installation(const istio::MergedConfig& config, Bundle&& bundle,
                                         const RenderOptions& options) {
  auto files = std::move(bundle.files);
  return render(config, bundle, std::move(files), options);
}

}  // namespace kyma::manifest
