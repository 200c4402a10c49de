#include "core/reconcile/operator_follow.hpp"

#include <ostream>

#include "core/istio/istio_cr.hpp"
#include "core/kube/api_error.hpp"
#include "core/kube/client.hpp"
#include "core/reconcile/operator_status.hpp"
#include "core/ui/progress.hpp"

namespace kyma::reconcile {

using nlohmann::json;

namespace {

std::string duration_text(std::chrono::milliseconds d) {
  auto ms = d.count();
  if (ms % 60000 == 0) return std::to_string(ms / 60000) + "m";
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + "s";
  return std::to_string(ms) + "ms";
}

std::string state_or_none(const OperatorStatus& s) {
  return s.state.empty() ? "no status yet" : s.state;
}

bool healthy(const istio::Condition& c) {
  if (c.type == istio::condition_type::kIngressTargetingUserResourceFound) {
    return c.status == "False";
  }
  return c.status == "True";
}

class Follower {
 public:
  Follower(plugin::Invocation& inv, kube::Client& client, const CrWrite& write)
      : inv_(inv),
        client_(client),
        write_(write),
        label_("Istio CR " + write.ns + "/" + write.name),
        progress_(*inv.err, inv.err_is_terminal) {}

  int run(std::chrono::milliseconds timeout) {
    if (write_.after.is_null()) return gone();
    if (!operator_will_act(write_.before, write_.after, write_.deletion)) {
      progress_.note(label_ + " is unchanged: the Kyma Istio operator has nothing new to act on");
      return report(write_.after);
    }
    OperatorPickup pickup(write_.after, write_.deletion);
    json last = write_.after;
    show(pickup, last);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string resource_version = last.value("/metadata/resourceVersion"_json_pointer, "");
    bool settled = false;
    bool deleted = false;
    while (!settled && !deleted) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      kube::WatchOptions options;
      options.resource_version = resource_version;
      options.field_selector = "metadata.name=" + write_.name;
      options.timeout = left;
      try {
        client_.watch(istio::kIstioApiVersion, istio::kIstioKind, write_.ns, options,
                      [&](const kube::WatchEvent& event) {
                        if (event.type == "DELETED") {
                          deleted = true;
                          return false;
                        }
                        if (event.type != "ADDED" && event.type != "MODIFIED") return true;
                        last = event.object;
                        settled = pickup.observe(last);
                        if (!settled) show(pickup, last);  // a settled one is reported
                        return !settled;
                      });
        break;
      } catch (const kube::ExpiredError&) {
        // The watch history no longer reaches back to our version: list the CR and watch on
        // from the list's version (the object's own one may be older than the history too).
        kube::ListOptions list_options;
        list_options.field_selector = options.field_selector;
        json list =
            client_.list(istio::kIstioApiVersion, istio::kIstioKind, write_.ns, list_options);
        if (list["items"].empty()) {
          deleted = true;
          break;
        }
        last = list["items"][0];
        resource_version = list.value("/metadata/resourceVersion"_json_pointer, "");
        settled = pickup.observe(last);
        if (!settled) show(pickup, last);
      }
    }
    if (deleted) {
      if (write_.deletion) return gone();
      throw Error(label_ + " was deleted while waiting for the Kyma Istio operator");
    }
    if (settled) return report(last);
    return timed_out(pickup, last, timeout);
  }

 private:
  void show(const OperatorPickup& pickup, const json& cr) {
    OperatorStatus s = OperatorStatus::of(cr);
    if (pickup.picked_up()) {
      progress_.update(label_ + ": " + s.summary());
    } else {
      progress_.update("Waiting for the Kyma Istio operator to pick up " + label_ +
                       " (last seen: " + s.summary() + ")");
    }
  }

  int gone() {
    progress_.succeed(label_ + " deleted by the Kyma Istio operator");
    *inv_.out << label_ << ": deleted\n";
    inv_.out->flush();
    return 0;
  }

  int report(const json& cr) {
    OperatorStatus s = OperatorStatus::of(cr);
    if (s.state == istio::state::kReady) {
      progress_.succeed(label_ + " is Ready");
    } else if (s.settled()) {
      progress_.fail(label_ + ": " + s.summary());
      for (const auto& c : s.conditions) {
        if (!healthy(c))
          progress_.note("  " + c.type + "=" + c.status + " " + c.reason + ": " + c.message);
      }
    } else {
      progress_.note(label_ + ": " + s.summary() +
                     " (the Kyma Istio operator has not finished reconciling it)");
    }
    std::ostream& out = *inv_.out;
    out << label_ << ": " << state_or_none(s) << '\n';
    out.flush();
    std::ostream& err = *inv_.err;
    const bool marked = cr.contains("/metadata/deletionTimestamp"_json_pointer);
    if (write_.deletion && marked && s.settled()) {
      err << label_
          << " stays marked for deletion: the Kyma Istio operator keeps it and retries until "
             "nothing blocks the deletion\n";
    }
    std::string description = s.description.empty() ? s.summary() : s.description;
    if (s.state == istio::state::kWarning) err << "warning: " << description << '\n';
    if (s.state == istio::state::kError) err << "error: " << description << '\n';
    return to_int(exit_code_for(s));
  }

  int timed_out(const OperatorPickup& pickup, const json& cr, std::chrono::milliseconds timeout) {
    OperatorStatus s = OperatorStatus::of(cr);
    progress_.fail("Timed out waiting for the Kyma Istio operator");
    *inv_.out << label_ << ": " << state_or_none(s) << '\n';
    inv_.out->flush();
    std::string seen = s.summary() + (s.description.empty() ? "" : " - " + s.description);
    std::string detail = pickup.picked_up() ? label_ + " is still " + seen
                                            : "it has not picked up the change to " + label_ +
                                                  " (last state seen: " + seen + ")";
    *inv_.err << "error: timed out after " << duration_text(timeout)
              << " waiting for the Kyma Istio operator: " << detail << '\n';
    return to_int(ExitCode::kTimeout);
  }

  plugin::Invocation& inv_;
  kube::Client& client_;
  const CrWrite& write_;
  std::string label_;
  ui::Progress progress_;
};

}  // namespace

int follow_operator(plugin::Invocation& invocation, kube::Client& client, const CrWrite& write,
                    std::chrono::milliseconds timeout) {
  return Follower(invocation, client, write).run(timeout);
}

}  // namespace kyma::reconcile
