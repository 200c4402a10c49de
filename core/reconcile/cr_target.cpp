#include "core/reconcile/cr_target.hpp"

#include <fstream>
#include <sstream>

#include "core/istio/conditions.hpp"
#include "core/istio/cr_schema.hpp"
#include "core/istio/oldest_cr.hpp"
#include "core/kube/api_error.hpp"
#include "core/kube/client.hpp"
#include "core/kube/discovery.hpp"
#include "core/kube/rollout_judgement.hpp"
#include "core/kube/wait.hpp"
#include "core/manifest/live_comparison.hpp"
#include "core/manifest/yaml.hpp"

namespace kyma::reconcile {

using nlohmann::json;

namespace {

const char* const kCrdName = "istios.operator.kyma-project.io";
const char* const kFieldManager = "kubectl-kyma-istio";

json read_crd(const std::filesystem::path& bundle_root) {
  std::filesystem::path file = bundle_root / "crd" / istio::kIstioCrdFile;
  std::ifstream in(file);
  if (!in) throw Error(file.string() + ": cannot read the Istio CRD");
  std::stringstream text;
  text << in.rdbuf();
  json crd = manifest::parse_yaml(text.str(), file.string());
  if (!crd.is_object() || crd.value("kind", "") != "CustomResourceDefinition") {
    throw Error(file.string() + ": not a CustomResourceDefinition");
  }
  return crd;
}

}  // namespace

json without_server_fields(json object) {
  object.erase("status");
  if (object.contains("metadata") && object["metadata"].is_object()) {
    for (const char* field : {"resourceVersion", "uid", "creationTimestamp", "generation",
                              "managedFields", "deletionTimestamp", "selfLink"}) {
      object["metadata"].erase(field);
    }
  }
  return object;
}

bool ensure_istio_crd(kube::Client& client, const std::filesystem::path& bundle_root, bool dry_run,
                      std::chrono::milliseconds timeout) {
  json crd = manifest::with_applied_digest(read_crd(bundle_root));
  auto live = client.try_get("apiextensions.k8s.io/v1", "CustomResourceDefinition", "", kCrdName);
  if (dry_run) return live.has_value();
  const bool unchanged = live && manifest::apply_would_change_nothing(crd, *live);
  if (unchanged && kube::crd_established(*live).ready) return true;  // nothing to wait for
  if (!unchanged) {
    kube::ApplyOptions options;
    options.field_manager = kFieldManager;
    options.force = true;
    client.apply(crd, options);
  }
  kube::WaitOptions wait;
  wait.timeout = timeout;
  wait.interval = std::chrono::milliseconds(200);
  kube::wait_for_crd_established(client, kCrdName, wait);
  return true;
}

std::optional<CrRef> find_module_cr(kube::Client& client) {
  json list;
  try {
    list = client.list(istio::kIstioApiVersion, istio::kIstioKind, istio::kKymaSystemNamespace);
  } catch (const kube::NoKindMatchError&) {
    return std::nullopt;
  }
  std::vector<json> items(list["items"].begin(), list["items"].end());
  auto oldest = istio::oldest_cr_index(items);
  if (!oldest) return std::nullopt;
  return CrRef{istio::kKymaSystemNamespace, items[*oldest]["metadata"]["name"], true, std::nullopt};
}

CrRef apply_cr(kube::Client& client, const istio::IstioCR& cr, bool dry_run) {
  CrRef ref{cr.namespace_name(), cr.name(), true, std::nullopt};
  json object = without_server_fields(cr.object());
  kube::ApplyOptions options;
  options.field_manager = kFieldManager;
  options.force = true;
  if (dry_run) {
    std::optional<json> live;
    try {
      live = client.try_get(istio::kIstioApiVersion, istio::kIstioKind, ref.ns, ref.name);
    } catch (const kube::NoKindMatchError&) {
    }
    ref.exists = live.has_value();
    if (ref.exists) {
      options.dry_run = true;
      ref.pending = client.apply(object, options);
    } else {
      object["metadata"]["creationTimestamp"] = istio::rfc3339_now();
      ref.pending = object;
    }
    return ref;
  }
  if (!client.try_get("v1", "Namespace", "", ref.ns)) {
    try {
      client.create(
          {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", ref.ns}}}});
    } catch (const kube::AlreadyExistsError&) {
    }
  }
  client.apply(object, options);
  return ref;
}

}  // namespace kyma::reconcile
