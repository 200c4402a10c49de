// Watch responses: HTTP 200 with chunked newline-delimited {"type":..,"object":..} events,
// BOOKMARKs when asked for, ended by timeoutSeconds, the client going away, or the server
// stopping. A resourceVersion older than the history gets one ERROR event (410 Expired).
#include <poll.h>
#include <sys/socket.h>
#include <cctype>
#include <optional>

#include <openssl/ssl.h>

#include "tests/fakekube/object_meta.hpp"
#include "tests/fakekube/resource_handlers.hpp"
#include "tests/fakekube/table.hpp"

namespace fakekube {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

// A Go duration as kubectl sends it in `timeout` ("32s", "1m0s", "500ms"); nullopt if not one.
std::optional<std::chrono::milliseconds> go_duration(const std::string& text) {
  std::chrono::milliseconds total{0};
  size_t i = 0;
  if (text.empty()) return std::nullopt;
  while (i < text.size()) {
    size_t start = i;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.'))
      ++i;
    if (start == i) return std::nullopt;
    double value = std::stod(text.substr(start, i - start));
    size_t unit_start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    std::string unit = text.substr(unit_start, i - unit_start);
    double ms = unit == "h"    ? 3600000
                : unit == "m"  ? 60000
                : unit == "s"  ? 1000
                : unit == "ms" ? 1
                               : -1;
    if (ms < 0) return std::nullopt;
    total += std::chrono::milliseconds(static_cast<long long>(value * ms));
  }
  return total;
}

// True once the client closed its side (kubectl killed, watch cancelled).
bool peer_gone(const httplib::Request& request) {
  if (!request.ssl) return false;
  pollfd p{SSL_get_fd(request.ssl), POLLRDHUP, 0};
  return ::poll(&p, 1, 0) > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL));
}

struct WatchState {
  Cluster* cluster;
  ResourceTypePtr type;
  std::shared_ptr<WatchStream> stream;
  Clock::time_point deadline;
  Clock::time_point next_bookmark;
  bool bookmarks;
  bool table;
  const httplib::Request* request;
};

std::string event_line(const WatchState& state, const std::string& type, const ObjectPtr& object) {
  std::string text = state.cluster->text_at(*state.type, object);
  if (state.table) {
    json object = json::parse(text);
    text = table_for(*state.type, {&object}, std::nullopt).dump();
  }
  return R"({"type":")" + type + R"(","object":)" + text + "}\n";
}

std::string bookmark_line(const WatchState& state) {
  json object = {
      {"kind", state.type->kind},
      {"apiVersion", state.type->api_version()},
      {"metadata", {{"resourceVersion", std::to_string(state.cluster->resource_version())}}}};
  return R"({"type":"BOOKMARK","object":)" + object.dump() + "}\n";
}

}  // namespace

void start_watch(Cluster& cluster, Exchange& x, const ResourcePath& path) {
  WatchQuery query;
  query.label_selector = x.param("labelSelector");
  query.field_selector = x.param("fieldSelector");
  query.resource_version = x.param("resourceVersion");
  auto stream = cluster.watch(*path.type, path.ns, query);
  if (!stream) {
    ApiError gone = expired("too old resource version: " + query.resource_version + " (" +
                            std::to_string(cluster.resource_version()) + ")");
    x.send(200, R"({"type":"ERROR","object":)" + gone.status().dump() + "}\n");
    return;
  }
  auto state = std::make_shared<WatchState>();
  state->cluster = &cluster;
  state->type = path.type;
  state->stream = stream;
  long timeout = 1800;
  if (!x.param("timeoutSeconds").empty()) {
    try {
      timeout = std::stol(x.param("timeoutSeconds"));
    } catch (const std::exception&) {
      throw bad_request("invalid timeoutSeconds: " + x.param("timeoutSeconds"));
    }
  }
  state->deadline = Clock::now() + std::chrono::seconds(timeout);
  // client-go sends its request timeout as `timeout`; the server ends the watch by then too.
  if (auto limit = go_duration(x.param("timeout")); limit && x.param("timeoutSeconds").empty())
    state->deadline = Clock::now() + *limit;
  state->bookmarks = x.flag("allowWatchBookmarks");
  state->next_bookmark = Clock::now() + std::chrono::seconds(10);
  state->table = wants_table(x.request.get_header_value("Accept"));
  state->request = &x.request;
  x.response.status = 200;
  x.response.set_chunked_content_provider(
      "application/json",
      [state](size_t, httplib::DataSink& sink) {
        std::vector<WatchItem> items;
        bool open = state->stream->next(items, std::chrono::milliseconds(200));
        std::string out;
        for (const auto& item : items) out += event_line(*state, item.type, item.object);
        Clock::time_point now = Clock::now();
        if (state->bookmarks && (now >= state->next_bookmark || now >= state->deadline)) {
          out += bookmark_line(*state);
          state->next_bookmark = now + std::chrono::seconds(10);
        }
        if (!out.empty() && !sink.write(out.data(), out.size())) return false;
        if (!open || now >= state->deadline) {
          sink.done();
          return true;
        }
        if (out.empty() && peer_gone(*state->request)) return false;
        return true;
      },
      [state](bool) { state->cluster->unwatch(state->stream); });
}

}  // namespace fakekube
