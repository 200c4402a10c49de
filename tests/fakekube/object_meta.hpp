#pragma once
// Small helpers for object metadata: uids, timestamps, generated names, owner references and
// reading fields of a JSON object without exceptions.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fakekube {

std::string new_uid();            // a random RFC 4122 version 4 UUID
std::string now_rfc3339();        // "2024-05-01T10:00:00Z"
std::string now_rfc3339_micro();  // "2024-05-01T10:00:00.123456Z" (managedFields, events)
std::string random_suffix(size_t length = 5);  // from the alphabet Kubernetes uses for names

// The alphabet-encoded decimal form of a 32-bit FNV-1a hash of `text`, like pod-template-hash.
std::string safe_hash(const std::string& text);

const nlohmann::json& field(const nlohmann::json& object, const char* pointer);
std::string string_at(const nlohmann::json& object, const char* pointer);
std::string name_of(const nlohmann::json& object);
std::string namespace_of(const nlohmann::json& object);
std::string uid_of(const nlohmann::json& object);
bool is_deleting(const nlohmann::json& object);
nlohmann::json labels_of(const nlohmann::json& object);  // an object, possibly empty

// metadata.ownerReferences uids.
std::vector<std::string> owner_uids(const nlohmann::json& object);
// The ownerReference with controller=true, or null.
nlohmann::json controller_ref(const nlohmann::json& object);
nlohmann::json owner_reference(const nlohmann::json& owner, bool controller);

}  // namespace fakekube
