#pragma once
// After a failed install the operator removes the default tag webhooks while the canonical
// injector webhook is still active, so that two webhooks never inject the same pods
// (operator-behaviour.md §3.3 step 6). Best effort: tried `attempts` times, `delay` apart; the
// install's own error is what the user is told about.
#include <chrono>

#include "core/kube/client.hpp"

namespace kyma::reconcile {

inline constexpr int kTagCleanupAttempts = 5;
inline constexpr std::chrono::milliseconds kTagCleanupDelay{5000};

// Returns whether a pass completed (with or without anything to delete).
bool clean_up_tag_webhooks(kube::Client& client, int attempts, std::chrono::milliseconds delay);

}  // namespace kyma::reconcile
