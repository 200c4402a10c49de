#include "core/istio/provider_overrides.hpp"

namespace kyma::istio {

using nlohmann::json;

namespace {
constexpr const char* kAwsAnnotationPrefix = "service.beta.kubernetes.io/aws-load-balancer-";
}

ProviderOverrides provider_overrides(const ClusterFacts& facts, const ReleaseTraits& traits) {
  ProviderOverrides out;
  if (facts.provider == "k3d") {
    out.values = {
        {"cni", {{"cniBinDir", traits.k3d_cni_bin_dir}, {"cniConfDir", traits.k3d_cni_conf_dir}}}};
  } else if (facts.provider == "gke") {
    out.values = {
        {"cni", {{"cniBinDir", "/home/kubernetes/bin"}, {"resourceQuotas", {{"enabled", true}}}}}};
  } else if (facts.provider == "aws") {
    out.replaced_annotation_prefix = kAwsAnnotationPrefix;
    if (aws_uses_nlb(facts)) {
      out.ingress_annotations = {
          {"service.beta.kubernetes.io/aws-load-balancer-type", "nlb"},
          {"service.beta.kubernetes.io/aws-load-balancer-scheme", "internet-facing"},
          {"service.beta.kubernetes.io/aws-load-balancer-nlb-target-type", "instance"}};
    } else {
      out.ingress_annotations = {
          {"service.beta.kubernetes.io/aws-load-balancer-proxy-protocol", "*"},
          {"service.beta.kubernetes.io/aws-load-balancer-connection-idle-timeout", "4000"}};
      out.proxy_protocol_filter = true;
    }
  } else if (facts.provider == "openstack") {
    if (facts.gardener) {
      out.ingress_annotations = {{"loadbalancer.openstack.org/proxy-protocol", "v1"}};
    }
    // Kept from the operator: the filter is wanted on OpenStack even without Gardener.
    out.proxy_protocol_filter = true;
  }
  return out;
}

void deep_merge(json& target, const json& patch) {
  if (!patch.is_object() || !target.is_object()) {
    target = patch;
    return;
  }
  for (const auto& [key, value] : patch.items()) {
    if (value.is_object() && target.contains(key) && target[key].is_object()) {
      deep_merge(target[key], value);
    } else {
      target[key] = value;
    }
  }
}

void apply_provider_overrides(json& iop_spec, const ProviderOverrides& overrides) {
  if (!overrides.values.empty()) deep_merge(iop_spec["values"], overrides.values);
  if (overrides.replaced_annotation_prefix.empty() && overrides.ingress_annotations.empty()) {
    return;
  }
  json& annotations = iop_spec["values"]["gateways"]["istio-ingressgateway"]["serviceAnnotations"];
  if (!annotations.is_object()) annotations = json::object();
  if (!overrides.replaced_annotation_prefix.empty()) {
    for (auto it = annotations.begin(); it != annotations.end();) {
      if (it.key().rfind(overrides.replaced_annotation_prefix, 0) == 0) {
        it = annotations.erase(it);
      } else {
        ++it;
      }
    }
  }
  deep_merge(annotations, overrides.ingress_annotations);
}

}  // namespace kyma::istio
