#pragma once
// Decides whether a server-side apply of a desired object would change the live one, so that a
// converged re-run issues no writes. Two checks, both needed:
//  - every field of the desired object is present in the live one with the same value (the API
//    server adds defaults and canonicalises quantities, so "4000m" equals "4");
//  - the live object carries the digest of the desired object as it was last applied, which
//    catches fields that were dropped from the desired object (the subset check cannot see a
//    field that is no longer asked for but still set).
#include <string>

#include <nlohmann/json.hpp>

namespace kyma::manifest {

inline constexpr const char* kAppliedDigestAnnotation = "kubectl-kyma-istio/applied-digest";

// A stable digest of an object's content (FNV-1a over its canonical JSON), without the digest
// annotation itself.
std::string applied_digest(const nlohmann::json& desired);

// The desired object with the digest annotation set, as it should be applied.
nlohmann::json with_applied_digest(nlohmann::json desired);

// True when `live` already holds everything in `desired` (a subset, values compared as the API
// server stores them).
bool live_contains(const nlohmann::json& desired, const nlohmann::json& live);

// True when applying `desired` would change nothing. `desired` carries the digest of the object as
// rendered (with_applied_digest); fields adjusted to the live object afterwards do not alter it.
bool apply_would_change_nothing(const nlohmann::json& desired, const nlohmann::json& live);

}  // namespace kyma::manifest
