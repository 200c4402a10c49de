#pragma once
// How a plain (unquoted) YAML scalar reads, under the YAML 1.1 core types that Kubernetes tooling
// uses. Shared by the reader (to type scalars) and the writer (to know when a string must be
// quoted so it reads back as a string).
#include <string_view>

#include <nlohmann/json.hpp>

namespace kyma::manifest {

// The JSON value a plain scalar stands for: null, bool, integer, float or string.
nlohmann::json resolve_plain_scalar(std::string_view text);

// True when `text`, written plain, would read back as something other than this string.
bool plain_scalar_is_not_string(std::string_view text);

}  // namespace kyma::manifest
