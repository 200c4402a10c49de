#include "core/reconcile/operator_writes.hpp"

#include <ostream>

#include "core/kube/client.hpp"
#include "core/manifest/yaml.hpp"
#include "core/reconcile/operator_follow.hpp"
#include "core/reconcile/operator_status.hpp"

namespace kyma::reconcile {

using nlohmann::json;

namespace {

const char* const kCrdName = "istios.operator.kyma-project.io";

std::string label_of(const std::string& ns, const std::string& name) {
  return "Istio CR " + ns + "/" + name;
}

json live_cr(kube::Client& client, const std::string& ns, const std::string& name) {
  return client.try_get(istio::kIstioApiVersion, istio::kIstioKind, ns, name).value_or(json());
}

}  // namespace

void require_operator_crd(kube::Client& client) {
  if (!client.try_get("apiextensions.k8s.io/v1", "CustomResourceDefinition", "", kCrdName)) {
    throw Error(std::string("the Istio CRD ") + kCrdName +
                " is not installed: in operator mode the Kyma Istio operator provides it (is the "
                "Kyma Istio module installed?)");
  }
}

int apply_cr_and_follow(plugin::Invocation& inv, kube::Client& client, const istio::IstioCR& cr,
                        bool dry_run, std::chrono::milliseconds timeout) {
  CrWrite write{cr.namespace_name(), cr.name(), json(), json(), false};
  write.before = live_cr(client, write.ns, write.name);
  kube::ApplyOptions options;
  options.field_manager = "kubectl-kyma-istio";
  options.force = true;
  options.dry_run = dry_run;
  write.after = client.apply(without_server_fields(cr.object()), options);
  if (!dry_run) return follow_operator(inv, client, write, timeout);

  json shown = write.after;
  if (shown.contains("metadata")) shown["metadata"].erase("managedFields");
  *inv.out << manifest::to_yaml(shown);
  inv.out->flush();
  std::string change = write.before.is_null() ? "created"
                       : operator_will_act(write.before, write.after, false)
                           ? "updated"
                           : "left unchanged (nothing for the operator to act on)";
  *inv.err << "Dry run: " << label_of(write.ns, write.name) << " would be " << change
           << "; nothing written\n";
  return 0;
}

int report_cr(plugin::Invocation& inv, kube::Client& client, const CrRef& cr) {
  CrWrite write{cr.ns, cr.name, json(), json(), false};
  write.after = live_cr(client, cr.ns, cr.name);
  write.before = write.after;
  if (write.after.is_null()) throw Error(label_of(cr.ns, cr.name) + " not found");
  return follow_operator(inv, client, write, std::chrono::milliseconds(0));
}

int patch_cr_and_follow(plugin::Invocation& inv, kube::Client& client, const CrRef& cr,
                        const json& patch, std::chrono::milliseconds timeout) {
  CrWrite write{cr.ns, cr.name, json(), json(), false};
  write.before = client.get(istio::kIstioApiVersion, istio::kIstioKind, cr.ns, cr.name);
  write.after = client.patch(istio::kIstioApiVersion, istio::kIstioKind, cr.ns, cr.name,
                             kube::PatchType::kMerge, patch);
  return follow_operator(inv, client, write, timeout);
}

int delete_cr_and_follow(plugin::Invocation& inv, kube::Client& client, const CrRef& cr,
                         bool dry_run, std::chrono::milliseconds timeout) {
  CrWrite write{cr.ns, cr.name, json(), json(), true};
  write.before = client.get(istio::kIstioApiVersion, istio::kIstioKind, cr.ns, cr.name);
  kube::DeleteOptions options;
  options.dry_run = dry_run;
  client.remove(istio::kIstioApiVersion, istio::kIstioKind, cr.ns, cr.name, options);
  if (dry_run) {
    *inv.out << label_of(cr.ns, cr.name)
             << " would be deleted; the Kyma Istio operator would then uninstall Istio\n";
    inv.out->flush();
    *inv.err << "Dry run: nothing deleted\n";
    return 0;
  }
  write.after = live_cr(client, cr.ns, cr.name);
  return follow_operator(inv, client, write, timeout);
}

}  // namespace kyma::reconcile
