#pragma once
// Defaulting of the built-in kinds, as the real server's defaulters do for the fields that
// kubectl and the product read (rollout status needs updateStrategy, a Deployment's replicas
// default to 1, pod templates get restartPolicy/dnsPolicy/...), and a Secret's stringData
// folded into data.
#include <string>

#include <nlohmann/json.hpp>

namespace fakekube {

void apply_defaults(nlohmann::json& object, const std::string& kind);

// A cluster IP from 10.96.0.0/16 for a Service that has none (`sequence` makes it unique).
std::string service_ip(std::uint64_t sequence);

}  // namespace fakekube
