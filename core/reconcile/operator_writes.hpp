#pragma once
// The only writes a command makes in operator mode: the Istio CR itself (applied, patched or
// deleted), each followed by the status the in-cluster Kyma Istio operator writes
// (operator_follow.hpp). Istio's own objects, the CRD and namespaces are the operator's.
#include <chrono>

#include <nlohmann/json.hpp>

#include "core/istio/istio_cr.hpp"
#include "core/plugin/api.hpp"
#include "core/reconcile/cr_target.hpp"

namespace kyma::kube {
class Client;
}

namespace kyma::reconcile {

// Throws unless the Istio CRD is installed: in operator mode the operator provides it.
void require_operator_crd(kube::Client& client);

// Server-side applies `cr` (field manager kubectl-kyma-istio, as client mode does) and follows
// the operator. In a dry run the apply is a server-side dry run whose result is printed as YAML
// on stdout; nothing is written and nothing followed.
int apply_cr_and_follow(plugin::Invocation& invocation, kube::Client& client,
                        const istio::IstioCR& cr, bool dry_run, std::chrono::milliseconds timeout);

// Writes nothing: reports the CR's status as the operator left it.
int report_cr(plugin::Invocation& invocation, kube::Client& client, const CrRef& cr);

// Merge-patches the CR and follows the operator.
int patch_cr_and_follow(plugin::Invocation& invocation, kube::Client& client, const CrRef& cr,
                        const nlohmann::json& patch, std::chrono::milliseconds timeout);

// Deletes the CR and follows the operator's deletion flow until the CR is gone or the operator
// reports it blocked. In a dry run the delete is a server-side dry run; nothing is followed.
int delete_cr_and_follow(plugin::Invocation& invocation, kube::Client& client, const CrRef& cr,
                         bool dry_run, std::chrono::milliseconds timeout);

}  // namespace kyma::reconcile
