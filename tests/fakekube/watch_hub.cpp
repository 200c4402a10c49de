#include "tests/fakekube/watch_hub.hpp"

#include "tests/fakekube/object_meta.hpp"

namespace fakekube {

bool WatchFilter::matches(const nlohmann::json& object) const {
  if (!ns.empty() && namespace_of(object) != ns) return false;
  return labels.matches(field(object, "/metadata/labels")) && fields.matches(object);
}

bool WatchStream::next(std::vector<WatchItem>& out, std::chrono::milliseconds wait) {
  std::unique_lock<std::mutex> lock(mutex_);
  cv_.wait_for(lock, wait, [&] { return closed_ || !queue_.empty(); });
  while (!queue_.empty()) {
    out.push_back(std::move(queue_.front()));
    queue_.pop_front();
  }
  return !(closed_ && out.empty());
}

void WatchStream::close() {
  std::lock_guard<std::mutex> lock(mutex_);
  closed_ = true;
  cv_.notify_all();
}

void WatchStream::push(WatchItem item) {
  std::lock_guard<std::mutex> lock(mutex_);
  queue_.push_back(std::move(item));
  cv_.notify_all();
}

void WatchStream::offer(const WatchEvent& event) {
  if (event.storage_key != filter_.storage_key) return;
  bool now = filter_.matches(event.object->object);
  if (event.type != "MODIFIED") {
    if (now) push({event.type, event.object, event.rv});
    return;
  }
  bool before = event.previous && filter_.matches(event.previous->object);
  if (now && before)
    push({"MODIFIED", event.object, event.rv});
  else if (now)
    push({"ADDED", event.object, event.rv});
  else if (before)
    push({"DELETED", event.object, event.rv});
}

void WatchHub::publish(WatchEvent event) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& stream : streams_) stream->offer(event);
  history_.push_back(std::move(event));
  while (history_.size() > capacity_) {
    floor_ = history_.front().rv;
    history_.pop_front();
  }
}

std::shared_ptr<WatchStream> WatchHub::subscribe(WatchFilter filter,
                                                 std::optional<std::uint64_t> from_rv,
                                                 const std::vector<ObjectPtr>& initial) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (from_rv && *from_rv < floor_) return nullptr;
  auto stream = std::make_shared<WatchStream>(std::move(filter));
  for (const auto& object : initial)
    if (stream->filter().matches(object->object)) stream->push({"ADDED", object, 0});
  if (from_rv) {
    for (const auto& event : history_)
      if (event.rv > *from_rv) stream->offer(event);
  }
  streams_.push_back(stream);
  return stream;
}

void WatchHub::unsubscribe(const std::shared_ptr<WatchStream>& stream) {
  std::lock_guard<std::mutex> lock(mutex_);
  streams_.remove(stream);
}

void WatchHub::compact(std::uint64_t current_rv) {
  std::lock_guard<std::mutex> lock(mutex_);
  history_.clear();
  floor_ = current_rv;
}

void WatchHub::close_all() {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& stream : streams_) stream->close();
}

}  // namespace fakekube
