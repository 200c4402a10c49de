#pragma once
// What install, upgrade and xff share once they know which CR to reconcile: run the pipeline
// with progress on stderr, then print the summary and the CR's resulting state on stdout and the
// outcome, if it is not success, as one `error:` or `warning:` line on stderr.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/plugin/api.hpp"
#include "core/plugin/reconcile_context.hpp"

namespace kyma::kube {
class Client;
}

namespace kyma::reconcile {

struct ReconcileRequest {
  plugin::ReconcileOptions options;
  std::string cr_namespace;
  std::string cr_name;
  // A dry run of a CR that is not (yet) in the cluster: the object as it would be.
  std::optional<nlohmann::json> pending_cr;
};

int run_reconcile_command(plugin::Invocation& invocation, kube::Client& client,
                          const ReconcileRequest& request);

}  // namespace kyma::reconcile
