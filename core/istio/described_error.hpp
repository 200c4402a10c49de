#pragma once
// The operator's error model (operator-behaviour.md §2.5): an error with a description, a level
// (Error or Warning), whether the description wraps the error text, and the condition reason
// it sets. When several restarters fail, the most severe error wins; the first wins a tie.
#include <optional>
#include <string>

#include "core/istio/conditions.hpp"

namespace kyma::istio {

enum class Level { kError = 0, kWarning = 1 };

struct DescribedError {
  std::string error;        // the underlying error text
  std::string description;  // what failed, as the operator words it
  Level level = Level::kError;
  bool wrap = true;  // description() is "<description>: <error>" when true
  bool set_condition = true;
  std::optional<Reason> reason;  // condition to set, when any
  // The CR field at fault ("spec.config.authorizers[1].name"), when one is: the command line
  // names it; the CR status keeps the operator's words.
  std::string field = {};

  std::string full_description() const;
  // What the command line prints: the field, then the full description.
  std::string command_line_text() const;
  const char* state() const;  // "Error" or "Warning"
};

// Returns the more severe of two optional errors (Error beats Warning; the first wins a tie).
const std::optional<DescribedError>& more_severe(const std::optional<DescribedError>& a,
                                                 const std::optional<DescribedError>& b);

}  // namespace kyma::istio
