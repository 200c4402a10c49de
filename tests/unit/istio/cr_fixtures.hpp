#pragma once
// Istio CRs for the tests: a full one that sets every field of operator-behaviour.md §1.3, and a
// helper that wraps a spec into a CR.
#include <string>

#include "core/istio/istio_cr.hpp"

namespace kyma::istio::test {

// A CR with `spec_yaml` (YAML, indented as the value of `spec:`) as its spec.
inline IstioCR cr_with_spec(const std::string& spec_yaml) {
  return IstioCR::parse(
      "apiVersion: operator.kyma-project.io/v1alpha2\nkind: Istio\n"
      "metadata: {name: default, namespace: kyma-system}\nspec:\n" +
          spec_yaml,
      "cr.yaml");
}

inline const char* kFullSpec = R"(  compatibilityMode: true
  networkPoliciesEnabled: true
  config:
    numTrustedProxies: 2
    forwardClientCertDetails: APPEND_FORWARD
    gatewayExternalTrafficPolicy: Local
    trustDomain: my-domain.example
    enableDNSProxying: true
    telemetry:
      metrics:
        prometheusMerge: true
    proxyStatsMatcher:
      inclusionRegexps: [".*outlier_detection.*"]
    authorizers:
    - name: ext-authz
      service: ext-authz.ns.svc.cluster.local
      port: 8080
      pathPrefix: /check
      timeout: 1500ms
      headers:
        inCheck:
          include: [x-ext-authz]
          add: {x-added: "yes"}
        toUpstream: {onAllow: [x-user]}
        toDownstream: {onAllow: [x-allow], onDeny: [x-deny]}
  components:
    pilot:
      k8s:
        hpaSpec: {minReplicas: 3, maxReplicas: 7}
        resources:
          limits: {cpu: 5000m, memory: 3Gi}
          requests: {cpu: 200m, memory: 1Gi}
        strategy:
          rollingUpdate: {maxSurge: 50%, maxUnavailable: 1}
    ingressGateway:
      k8s:
        hpaSpec: {minReplicas: 2, maxReplicas: 20}
        resources:
          limits: {cpu: "3", memory: 2Gi}
        strategy:
          rollingUpdate: {maxSurge: 2, maxUnavailable: 25%}
    egressGateway:
      enabled: true
      k8s:
        hpaSpec: {minReplicas: 1, maxReplicas: 4}
        resources:
          requests: {cpu: "1.5", memory: 256Mi}
    cni:
      k8s:
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
              - matchExpressions:
                - {key: kubernetes.io/os, operator: In, values: [linux]}
        resources:
          limits: {memory: 2Gi}
    proxy:
      k8s:
        resources:
          limits: {cpu: 500m, memory: 512Mi}
          requests: {cpu: 20m, memory: 64Mi}
  experimental:
    pilot:
      enableAlphaGatewayAPI: true
      enableMultiNetworkDiscoverGatewayAPI: true
)";

}  // namespace kyma::istio::test
