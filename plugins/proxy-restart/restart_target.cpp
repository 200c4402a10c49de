#include "plugins/proxy-restart/restart_target.hpp"

#include "core/istio/last_applied.hpp"
#include "core/istio/semver.hpp"
#include "core/ui/error.hpp"

namespace kyma::proxy_restart {

std::string restart_namespace(const plugin::Arguments& args,
                              const kube::ConnectionFlags& connection) {
  bool all = args.enabled("all-namespaces");
  if (!connection.namespace_) return "";
  if (all) throw UsageError("-n/--namespace and -A/--all-namespaces cannot be used together");
  if (connection.namespace_->empty()) throw UsageError("-n/--namespace: a namespace is required");
  return *connection.namespace_;
}

std::string installed_istio_version(const nlohmann::json& cr, const std::string& cr_ref) {
  const std::string not_installed = "Istio CR " + cr_ref +
                                    " records no installed Istio version (no IstioTag in its " +
                                    istio::kLastAppliedAnnotation + " annotation): run install";
  std::optional<nlohmann::json> last_applied;
  try {
    last_applied = istio::read_last_applied(cr);
  } catch (const Error& e) {
    throw Error("Istio CR " + cr_ref + ": " + e.what());
  }
  nlohmann::json tag = istio::last_applied_field(last_applied, "/IstioTag");
  if (!tag.is_string() || tag.get<std::string>().empty()) throw Error(not_installed);
  try {
    return istio::Semver::parse(tag.get<std::string>()).core();
  } catch (const Error& e) {
    throw Error("Istio CR " + cr_ref + ": IstioTag \"" + tag.get<std::string>() +
                "\" is not a version: " + e.what());
  }
}

}  // namespace kyma::proxy_restart
