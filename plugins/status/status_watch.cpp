#include "plugins/status/status_watch.hpp"

#include <atomic>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

#include "core/kube/api_error.hpp"
#include "core/kube/client.hpp"
#include "core/kube/discovery.hpp"
#include "plugins/status/collections.hpp"
#include "plugins/status/snapshot_reader.hpp"
#include "plugins/status/status_document.hpp"

namespace kyma::status {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

const char* const kIstioCrdName = "istios.operator.kyma-project.io";
// Each watch request ends after this long and goes on with a new one, as client-go's reflectors
// do; a stop is noticed within about a second whatever this is.
constexpr std::chrono::seconds kServerTimeout{300};
// "Until interrupted" still needs a deadline for the waits.
constexpr auto kForever = std::chrono::hours(24 * 365);

// What the watcher threads share with the thread that prints.
class SharedState {
 public:
  explicit SharedState(Clock::time_point deadline) : deadline_(deadline) {}

  Clock::time_point deadline() const { return deadline_; }
  bool stopping() const { return stop_.load(); }
  void stop() {
    stop_ = true;
    notify();
  }
  void fail(std::exception_ptr error) {
    {
      std::lock_guard lock(mutex_);
      if (!error_) error_ = error;
    }
    stop();
  }

  // A collection listed anew: its objects replace the ones kept.
  void replace(Source source, const std::vector<json>& items, bool served = true) {
    std::map<std::string, json> by_key;
    for (const auto& item : items) by_key[object_key(item)] = item;
    std::lock_guard lock(mutex_);
    if (source == Source::kIstioCrs) crd_installed_ = served;
    items_[source] = std::move(by_key);
    synced_[source] = true;
    changed_ = true;
    cv_.notify_all();
  }

  // One watch event, already cut down to what is kept (null: drop the object).
  void apply(Source source, const std::string& type, const std::string& key, json kept) {
    std::lock_guard lock(mutex_);
    auto& items = items_[source];
    auto it = items.find(key);
    if (type == "DELETED" || kept.is_null()) {
      if (it == items.end()) return;
      items.erase(it);
    } else if (it != items.end() && it->second == kept) {
      return;  // nothing `status` shows changed
    } else {
      items[key] = std::move(kept);
    }
    changed_ = true;
    cv_.notify_all();
  }

  // Waits until every collection was listed once (true), or a stop or the deadline (false).
  bool wait_synced(size_t collections) {
    std::unique_lock lock(mutex_);
    return cv_.wait_until(lock, deadline_, [&] {
      return stop_.load() || synced_.size() == collections;
    }) && !stop_.load();
  }

  // Waits for a change (true), or a stop or the deadline (false); then lets further changes
  // arrive for `settle` before returning.
  bool wait_change(std::chrono::milliseconds settle) {
    std::unique_lock lock(mutex_);
    if (!cv_.wait_until(lock, deadline_, [&] { return stop_.load() || changed_; }) || stop_.load())
      return false;
    cv_.wait_until(lock, std::min(deadline_, Clock::now() + settle), [&] { return stop_.load(); });
    return !stop_.load();
  }

  // Waits up to `time` unless stopped; returns whether to go on.
  bool pause(std::chrono::milliseconds time) {
    std::unique_lock lock(mutex_);
    return !cv_.wait_until(lock, std::min(deadline_, Clock::now() + time), [&] {
      return stop_.load();
    }) && Clock::now() < deadline_;
  }

  ClusterSnapshot snapshot() {
    std::lock_guard lock(mutex_);
    changed_ = false;
    ClusterSnapshot snapshot;
    snapshot.crd_installed = crd_installed_;
    for (const auto& [source, items] : items_) {
      std::vector<json> list;
      for (const auto& [key, item] : items) list.push_back(item);
      put_items(snapshot, source, std::move(list));
    }
    return snapshot;
  }

  void rethrow_error() {
    std::lock_guard lock(mutex_);
    if (error_) std::rethrow_exception(error_);
  }

  void notify() {
    std::lock_guard lock(mutex_);
    cv_.notify_all();
  }

 private:
  const Clock::time_point deadline_;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::condition_variable cv_;
  std::map<Source, std::map<std::string, json>> items_;
  std::map<Source, bool> synced_;
  bool crd_installed_ = true;
  bool changed_ = false;
  std::exception_ptr error_;
};

kube::WatchOptions watch_options(SharedState& shared, const std::string& resource_version,
                                 const std::string& field_selector) {
  kube::WatchOptions options;
  options.resource_version = resource_version;
  options.field_selector = field_selector;
  options.timeout =
      std::chrono::duration_cast<std::chrono::milliseconds>(shared.deadline() - Clock::now());
  options.server_timeout = kServerTimeout;
  options.stop_requested = [&shared] { return shared.stopping(); };
  return options;
}

// Until the Istio CRD shows up (or a stop): a watch of that one CRD. The kind may take a moment
// to be served after the CRD appears, hence the pause.
void wait_for_istio_crd(kube::Client& client, SharedState& shared) {
  auto options = watch_options(shared, "", std::string("metadata.name=") + kIstioCrdName);
  bool appeared = client.watch("apiextensions.k8s.io/v1", "CustomResourceDefinition", "", options,
                               [](const kube::WatchEvent& event) { return event.type != "ADDED"; });
  if (appeared) shared.pause(std::chrono::seconds(1));
}

// One collection: list, then watch from the list's version; list again when that version
// expired.
void follow(kube::Client& client, const Collection& collection, int page_size,
            SharedState& shared) {
  while (!shared.stopping() && Clock::now() < shared.deadline()) {
    try {
      Listed listed = list_collection(client, collection, page_size);
      shared.replace(collection.source, listed.items);
      client.watch(collection.api_version, collection.kind, collection.ns,
                   watch_options(shared, listed.resource_version, collection.field_selector),
                   [&](const kube::WatchEvent& event) {
                     shared.apply(collection.source, event.type, object_key(event.object),
                                  collection.kept(event.object));
                     return !shared.stopping();
                   });
    } catch (const kube::ExpiredError&) {
      continue;  // the events since the list are gone: list again
    } catch (const kube::NoKindMatchError&) {
      if (collection.source != Source::kIstioCrs) throw;
      shared.replace(collection.source, {}, false);
      wait_for_istio_crd(client, shared);
    } catch (const kube::NotFoundError&) {
      // The Istio CRD was deleted while its CRs were watched: the next list tells.
      if (collection.source != Source::kIstioCrs) throw;
      shared.replace(collection.source, {}, false);
      shared.pause(std::chrono::seconds(1));
    }
  }
}

// Stops and joins the watcher threads however the watch ends.
struct Watchers {
  SharedState& shared;
  std::vector<std::thread> threads;
  ~Watchers() {
    shared.stop();
    for (auto& t : threads) t.join();
  }
};

}  // namespace

void watch_status(kube::Client& client, const WatchSettings& settings,
                  const std::function<void(const MeshStatus&)>& on_status) {
  SharedState shared(Clock::now() + settings.duration.value_or(kForever));
  ReplicaSetIndex replica_sets;  // kept between refreshes
  std::optional<nlohmann::ordered_json> last;
  {
    Watchers watchers{shared, {}};
    for (const auto& collection : status_collections()) {
      watchers.threads.emplace_back([&client, &collection, &settings, &shared] {
        try {
          follow(client, collection, settings.page_size, shared);
        } catch (...) {
          shared.fail(std::current_exception());
        }
      });
    }
    bool go_on = shared.wait_synced(status_collections().size());
    while (go_on) {
      ClusterSnapshot snapshot = shared.snapshot();
      snapshot.replica_sets = std::move(replica_sets);
      MeshStatus status = complete_status(client, snapshot);
      replica_sets = std::move(snapshot.replica_sets);
      auto document = status_document(status);
      if (!last || *last != document) {
        on_status(status);
        last = std::move(document);
      }
      go_on = shared.wait_change(settings.settle);
    }
  }
  shared.rethrow_error();
}

}  // namespace kyma::status
