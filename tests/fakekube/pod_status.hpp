#pragma once
// The statuses the simulated scheduler and kubelet give pods: Pending right after creation,
// Running and Ready once `pod_ready_delay` has passed, or stuck Pending with a container
// waiting reason (ImagePullBackOff, ...) for pods a test marks as failing.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace fakekube {

nlohmann::json pending_pod_status(const nlohmann::json& pod, const std::string& host_ip);
nlohmann::json running_pod_status(const nlohmann::json& pod, std::uint64_t ip_sequence);
nlohmann::json failing_pod_status(const nlohmann::json& pod, const std::string& reason);

bool pod_ready(const nlohmann::json& pod);
bool pod_running(const nlohmann::json& pod);

}  // namespace fakekube
