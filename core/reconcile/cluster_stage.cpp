// Validate phase, cluster part (operator-behaviour.md §3.5, §3.7, §3.8): what the merge needs to
// know about the cluster, read once per reconcile.
#include "core/istio/cluster_facts.hpp"
#include "core/istio/described_error.hpp"
#include "core/kube/client.hpp"
#include "core/reconcile/stage_groups.hpp"

namespace kyma::reconcile {
namespace {

using nlohmann::json;
using plugin::ReconcileContext;

// targetPort of port "https" of Service default/kubernetes; 443 when it cannot be read.
int api_server_port(kube::Client& client) {
  try {
    auto svc = client.try_get("v1", "Service", "default", "kubernetes");
    if (!svc) return 443;
    for (const auto& port : svc->value("/spec/ports"_json_pointer, json::array())) {
      if (port.value("name", "") != "https") continue;
      const json target = port.value("targetPort", json());
      if (target.is_number_integer()) return target.get<int>();
    }
  } catch (const Error&) {
  }
  return 443;
}

void read_cluster(ReconcileContext& context) {
  kube::Client& client = context.client();
  try {
    json nodes = client.list("v1", "Node");
    context.nodes.assign(nodes["items"].begin(), nodes["items"].end());
    bool elb_deprecated =
        client.try_get("v1", "ConfigMap", "istio-system", "elb-deprecated").has_value();
    auto ingress = client.try_get("v1", "Service", "istio-system", "istio-ingressgateway");
    // The operator goes on with the defaults when the switches cannot be read.
    json features;
    try {
      features =
          client.try_get("v1", "ConfigMap", "kyma-system", "istio-features").value_or(json());
    } catch (const Error&) {
    }
    context.facts = istio::read_cluster_facts(context.nodes, elb_deprecated, ingress, features);
  } catch (const Error& e) {
    context.fail({e.what(), "Could not build cluster strategy", istio::Level::kError, true, true,
                  istio::Reason::kReconcileFailed},
                 ExitCode::kFailure);
    return;
  }
  context.api_server_port = api_server_port(client);
}

}  // namespace

void add_cluster_stages(std::vector<plugin::StageSpec>& stages) {
  stages.push_back({"cluster-facts", plugin::Phase::kValidate, 50, read_cluster});
}

}  // namespace kyma::reconcile
