#pragma once
// Server-side apply (application/apply-patch+yaml): merges an applied configuration into the
// live object and moves field ownership, as the real server's structured-merge does in the
// cases that matter here: fields another manager owns with a different value conflict (409,
// unless forced, which takes them over); a field this manager applied before and no longer
// applies is removed if nobody else owns it; lists merge per MergeSchema (keyed lists by key,
// sets as sets, the rest atomically).
#include <string>

#include <nlohmann/json.hpp>

namespace fakekube {

struct ApplyInput {
  const nlohmann::json* live = nullptr;  // null: the object does not exist yet
  nlohmann::json applied;                // the decoded applied configuration
  std::string manager;
  bool force = false;
  std::string kind;
  std::string api_version;
  std::string subresource;     // "" or "status"
  bool ignore_status = false;  // main resource of a kind with a status subresource
};

// The merged object with its managedFields updated. Throws ApiError 409 on conflicts.
nlohmann::json server_side_apply(const ApplyInput& input);

}  // namespace fakekube
