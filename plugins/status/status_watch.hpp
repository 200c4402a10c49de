#pragma once
// `status --watch`: every collection `status` reads is listed once and then watched, each on a
// thread of its own, keeping a copy of its objects up to date (a watch whose resourceVersion
// expired lists again; an Istio CRD that is not installed yet is waited for). Each change is
// given a moment to settle, then the status is computed from the copies and handed on when it
// differs from the last one handed on.
#include <chrono>
#include <functional>
#include <optional>

#include "plugins/status/collections.hpp"
#include "plugins/status/mesh_status.hpp"

namespace kyma::kube {
class Client;
}

namespace kyma::status {

struct WatchSettings {
  // How long to watch; nullopt: until the process is interrupted.
  std::optional<std::chrono::milliseconds> duration;
  // How long a change may be followed by others before the status is computed.
  std::chrono::milliseconds settle{300};
  int page_size = kPageSize;
};

// Calls `on_status` with the first status and then with every one that differs. Returns when
// the duration has passed; throws the first error any watch met (after stopping the others).
void watch_status(kube::Client& client, const WatchSettings& settings,
                  const std::function<void(const MeshStatus&)>& on_status);

}  // namespace kyma::status
