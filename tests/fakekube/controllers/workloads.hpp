#pragma once
// What the workload controllers share: finding what an owner controls, pod template hashes,
// pods made from a template, and status bookkeeping.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/fakekube/cluster.hpp"

namespace fakekube {

WriteContext controller_context(const std::string& controller);

// Objects in `storage_key` whose controller ownerReference points at `owner_uid`.
std::vector<ObjectPtr> controlled(Cluster& cluster, const std::string& owner_uid,
                                  const std::string& storage_key);

// The hash of a pod template (without its pod-template-hash label and null fields),
// alphabet-encoded.
std::string template_hash(const nlohmann::json& pod_template);

// A pod for `owner` from its template, with `labels` added.
nlohmann::json pod_from_template(const nlohmann::json& owner, const nlohmann::json& pod_template,
                                 const nlohmann::json& labels);

// spec.replicas: 1 when absent, never negative.
std::int64_t desired_replicas(const nlohmann::json& object);
// An integer field, 0 when absent.
std::int64_t count_at(const nlohmann::json& object, const char* pointer);

// Copies lastTransitionTime from `previous` conditions whose status did not change.
nlohmann::json keep_transition_times(nlohmann::json conditions, const nlohmann::json& previous);

// Removes zero counters, as the real status structs (omitempty) do.
nlohmann::json without_zero_counts(nlohmann::json status);

}  // namespace fakekube
