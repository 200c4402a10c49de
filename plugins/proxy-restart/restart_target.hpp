#pragma once
// What `restart` works on: the namespace it looks in, and the Istio version whose injected
// sidecar counts as up to date (the one installed, not the one the plugin would install).
#include <string>

#include <nlohmann/json.hpp>

#include "core/kube/connection_flags.hpp"
#include "core/plugin/arguments.hpp"

namespace kyma::proxy_restart {

// -n NS: that namespace; -A or neither: "" (every namespace, as the operator looks; the
// context's namespace is not used). Both: UsageError.
std::string restart_namespace(const plugin::Arguments& args,
                              const kube::ConnectionFlags& connection);

// The installed version ("1.22.3") from the IstioTag of the CR's lastAppliedConfiguration, which
// a reconcile records once the installation succeeded. Throws kyma::Error naming `cr_ref` when
// the annotation is missing, unreadable or has no valid tag.
std::string installed_istio_version(const nlohmann::json& cr, const std::string& cr_ref);

}  // namespace kyma::proxy_restart
