#include "core/kube/wait.hpp"

#include <optional>
#include <thread>

#include "core/kube/api_error.hpp"
#include "core/kube/client.hpp"
#include "core/ui/error.hpp"

namespace kyma::kube {

namespace {

using nlohmann::json;

bool is_workload(const std::string& kind) {
  return kind == "Deployment" || kind == "DaemonSet" || kind == "StatefulSet";
}

std::string label_of(const WaitTarget& t) {
  return t.kind + "/" + (t.ns.empty() ? "" : t.ns + "/") + t.name;
}

std::string namespace_of(const json& object, const std::string& fallback) {
  return object.value("metadata", json::object()).value("namespace", fallback);
}

std::string selector_of(const json& workload) {
  auto spec = workload.value("spec", json::object());
  return label_selector_string(spec.value("selector", json::object()));
}

struct Observation {
  Readiness readiness;
  std::optional<json> object;
};

Observation observe(Client& client, const WaitTarget& t) {
  const std::string label = label_of(t);
  std::optional<json> object;
  try {
    object = client.try_get(t.api_version, t.kind, t.ns, t.name);
  } catch (const NoKindMatchError&) {
    // The kind is not served (its CRD is gone or not there yet): no such object either.
    if (t.gone) return {{true, label + " is gone"}, std::nullopt};
    return {{false, label + ": the kind " + t.kind + " in " + t.api_version + " is not served yet"},
            std::nullopt};
  }
  if (t.gone) {
    if (!object) return {{true, label + " is gone"}, std::nullopt};
    bool deleting =
        object->contains("metadata") && (*object)["metadata"].contains("deletionTimestamp");
    return {{false, label + (deleting ? " is being deleted" : " still exists")}, object};
  }
  if (!object) return {{false, label + " does not exist yet"}, std::nullopt};
  if (t.kind == "CustomResourceDefinition") return {crd_established(*object), object};
  if (t.kind == "Deployment") {
    std::string selector = selector_of(*object);
    auto sets = client.list("apps/v1", "ReplicaSet", namespace_of(*object, t.ns),
                            {.label_selector = selector});
    return {deployment_rolled_out(*object, sets["items"].get<std::vector<json>>()), object};
  }
  if (t.kind == "DaemonSet") return {daemonset_rolled_out(*object), object};
  if (t.kind == "StatefulSet") return {statefulset_rolled_out(*object), object};
  return {{true, label + " exists"}, object};
}

// The reason the newest pod of a workload gives, or "".
std::string newest_pod_reason(Client& client, const WaitTarget& t, const json& workload) {
  try {
    auto pods = client.list("v1", "Pod", namespace_of(workload, t.ns),
                            {.label_selector = selector_of(workload)});
    auto items = pods["items"].get<std::vector<json>>();
    if (items.empty()) return "no pods yet";
    return pod_failure_reason(items);
  } catch (const Error& e) {
    return std::string("its pods could not be read: ") + e.what();
  }
}

void sleep_until_next(const WaitOptions& options, std::chrono::steady_clock::time_point deadline) {
  auto now = std::chrono::steady_clock::now();
  std::this_thread::sleep_for(
      std::min<std::chrono::steady_clock::duration>(options.interval, deadline - now));
}

}  // namespace

std::string format_duration(std::chrono::milliseconds duration) {
  long long ms = duration.count();
  if (ms < 1000) return std::to_string(ms) + "ms";
  long long hours = ms / 3'600'000;
  long long minutes = ms / 60'000 % 60;
  long long seconds = ms / 1000 % 60;
  long long fraction = ms % 1000;
  std::string s = std::to_string(seconds);
  if (fraction) {
    char buf[8];
    std::snprintf(buf, sizeof buf, ".%03lld", fraction);
    std::string f = buf;
    while (f.back() == '0') f.pop_back();
    s += f;
  }
  s += "s";
  if (hours) return std::to_string(hours) + "h" + std::to_string(minutes) + "m" + s;
  if (minutes) return std::to_string(minutes) + "m" + s;
  return s;
}

void wait_until_ready(const std::function<Readiness()>& check, const std::string& what,
                      const WaitOptions& options) {
  auto deadline = std::chrono::steady_clock::now() + options.timeout;
  std::string last;
  for (;;) {
    Readiness r = check();
    if (r.message != last && options.on_progress) options.on_progress(r.message);
    last = r.message;
    if (r.ready) return;
    if (std::chrono::steady_clock::now() >= deadline)
      throw TimeoutError("timed out waiting for " + what + ": " + r.message);
    sleep_until_next(options, deadline);
  }
}

Readiness check_target(Client& client, const WaitTarget& target) {
  return observe(client, target).readiness;
}

void wait_for(Client& client, const std::vector<WaitTarget>& targets, const WaitOptions& options) {
  auto deadline = std::chrono::steady_clock::now() + options.timeout;
  std::vector<bool> done(targets.size(), false);
  std::vector<std::string> last(targets.size());
  for (;;) {
    std::vector<std::pair<std::size_t, Observation>> pending;
    for (std::size_t i = 0; i < targets.size(); ++i) {
      if (done[i]) continue;
      Observation seen = observe(client, targets[i]);
      if (seen.readiness.message != last[i] && options.on_progress)
        options.on_progress(seen.readiness.message);
      last[i] = seen.readiness.message;
      if (seen.readiness.ready) {
        done[i] = true;
      } else {
        pending.emplace_back(i, std::move(seen));
      }
    }
    if (pending.empty()) return;
    if (std::chrono::steady_clock::now() >= deadline) {
      std::string message = "timed out after " + format_duration(options.timeout) +
                            " waiting for " + std::to_string(pending.size()) + " of " +
                            std::to_string(targets.size()) + " objects: ";
      for (std::size_t k = 0; k < pending.size(); ++k) {
        const auto& [i, seen] = pending[k];
        const WaitTarget& t = targets[i];
        message += (k ? "; " : "") + label_of(t) + ": " + seen.readiness.message;
        if (!t.gone && is_workload(t.kind) && seen.object) {
          if (auto reason = newest_pod_reason(client, t, *seen.object); !reason.empty())
            message += " (" + reason + ")";
        }
      }
      throw TimeoutError(message);
    }
    sleep_until_next(options, deadline);
  }
}

void wait_for_crd_established(Client& client, const std::string& name, const WaitOptions& options) {
  wait_for(client, {{"apiextensions.k8s.io/v1", "CustomResourceDefinition", "", name, false}},
           options);
}

void wait_for_rollout(Client& client, const std::string& kind, const std::string& ns,
                      const std::string& name, const WaitOptions& options) {
  wait_for(client, {{"apps/v1", kind, ns, name, false}}, options);
}

void wait_for_deletion(Client& client, const std::string& api_version, const std::string& kind,
                       const std::string& ns, const std::string& name, const WaitOptions& options) {
  wait_for(client, {{api_version, kind, ns, name, true}}, options);
}

}  // namespace kyma::kube
