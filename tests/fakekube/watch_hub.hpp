#pragma once
// Watch fan-out. Every committed change is published here (under the Cluster's lock): it goes
// into a bounded history, from which a watch that starts at an older resourceVersion is
// replayed, and to each open watch whose filter it passes. A change that makes an object start
// or stop matching a watch's selectors reaches that watch as ADDED or DELETED, as on the real
// server. A watch from a resourceVersion older than the history gets 410 Expired.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "tests/fakekube/selectors.hpp"
#include "tests/fakekube/store.hpp"

namespace fakekube {

struct WatchEvent {
  std::string type;  // ADDED, MODIFIED, DELETED
  std::string storage_key;
  ObjectPtr object;
  ObjectPtr previous;  // the state before a MODIFIED
  std::uint64_t rv = 0;
};

struct WatchFilter {
  std::string storage_key;
  std::string ns;  // "" = every namespace
  LabelSelector labels;
  FieldSelector fields;
  bool matches(const nlohmann::json& object) const;
};

// What a watch client receives, in order.
struct WatchItem {
  std::string type;
  ObjectPtr object;
  std::uint64_t rv = 0;
};

class WatchStream {
 public:
  explicit WatchStream(WatchFilter filter) : filter_(std::move(filter)) {}
  // Waits up to `wait` for items and moves them into `out`. False once the stream is closed
  // and drained.
  bool next(std::vector<WatchItem>& out, std::chrono::milliseconds wait);
  void close();
  const WatchFilter& filter() const { return filter_; }

 private:
  friend class WatchHub;
  void offer(const WatchEvent& event);
  void push(WatchItem item);
  WatchFilter filter_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<WatchItem> queue_;
  bool closed_ = false;
};

class WatchHub {
 public:
  explicit WatchHub(size_t history_capacity = 20000) : capacity_(history_capacity) {}

  void publish(WatchEvent event);
  // Opens a watch. `initial` are sent first as ADDED (a watch without a resourceVersion, or
  // with "0", starts with the current state); then history after `from_rv` is replayed.
  // Returns nullptr when `from_rv` is older than the history (the caller answers 410).
  std::shared_ptr<WatchStream> subscribe(WatchFilter filter, std::optional<std::uint64_t> from_rv,
                                         const std::vector<ObjectPtr>& initial);
  void unsubscribe(const std::shared_ptr<WatchStream>& stream);
  // Forgets the history: every watch from an older resourceVersion now gets 410.
  void compact(std::uint64_t current_rv);
  void close_all();
  std::uint64_t oldest_available() const { return floor_; }

 private:
  mutable std::mutex mutex_;
  size_t capacity_;
  std::deque<WatchEvent> history_;
  std::uint64_t floor_ = 0;  // watches from an rv below this are too old
  std::list<std::shared_ptr<WatchStream>> streams_;
};

}  // namespace fakekube
