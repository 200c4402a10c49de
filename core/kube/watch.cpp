// Client::watch: a streamed watch (?watch=true), one JSON event per line, resumed from the last
// seen resourceVersion when the server closes the stream before the deadline.
#include <thread>

#include "core/kube/api_error.hpp"
#include "core/kube/client.hpp"
#include "core/kube/text.hpp"

namespace kyma::kube {

bool Client::watch(const std::string& api_version, const std::string& kind, const std::string& ns,
                   const WatchOptions& options,
                   const std::function<bool(const WatchEvent&)>& on_event) {
  auto info = resource(api_version, kind);
  auto deadline = std::chrono::steady_clock::now() + options.timeout;
  std::string resource_version = options.resource_version;
  bool stopped = false;
  auto stop_requested = [&] { return options.stop_requested && options.stop_requested(); };
  while (!stopped && std::chrono::steady_clock::now() < deadline && !stop_requested()) {
    std::string path = path_for(info, info.namespaced ? ns : "", "");
    path += "?watch=true";
    auto add = [&](const std::string& key, const std::string& value) {
      path += "&" + key + "=" + url_escape(value);
    };
    if (!options.label_selector.empty()) add("labelSelector", options.label_selector);
    if (!options.field_selector.empty()) add("fieldSelector", options.field_selector);
    if (!resource_version.empty()) add("resourceVersion", resource_version);
    if (options.allow_bookmarks) add("allowWatchBookmarks", "true");
    auto left = std::chrono::duration_cast<std::chrono::seconds>(deadline -
                                                                 std::chrono::steady_clock::now());
    long long seconds = std::max<long long>(1, left.count() + 1);
    if (options.server_timeout.count() > 0)
      seconds = std::min<long long>(seconds, options.server_timeout.count());
    add("timeoutSeconds", std::to_string(seconds));

    std::string buffer;
    std::optional<ExpiredError> expired;
    auto started = std::chrono::steady_clock::now();
    auto handle_line = [&](const std::string& line) -> bool {
      if (line.find_first_not_of(" \r\t") == std::string::npos) return true;
      auto doc = nlohmann::json::parse(line, nullptr, false);
      if (doc.is_discarded() || !doc.is_object()) return true;
      WatchEvent event{doc.value("type", ""), doc.value("object", nlohmann::json::object())};
      if (event.type == "ERROR") {
        int code = event.object.value("code", 500);
        try {
          throw_api_error(code, event.object.dump(), "watch " + info.group_resource());
        } catch (const ExpiredError& e) {
          expired = e;
          return false;
        }
      }
      if (event.object.contains("metadata") && event.object["metadata"].contains("resourceVersion"))
        resource_version = event.object["metadata"]["resourceVersion"].get<std::string>();
      if (event.type == "BOOKMARK") return true;
      if (!on_event(event)) {
        stopped = true;
        return false;
      }
      return true;
    };
    std::string error_body;
    int status = transport_->stream(
        HttpRequest::get(path),
        [&](std::string_view chunk) {
          buffer.append(chunk);
          std::size_t newline;
          while ((newline = buffer.find('\n')) != std::string::npos) {
            std::string line = buffer.substr(0, newline);
            buffer.erase(0, newline + 1);
            if (!handle_line(line)) return false;
          }
          return true;
        },
        deadline, &error_body, options.stop_requested);
    if (!stopped && !expired && !buffer.empty()) handle_line(buffer);
    if (expired) throw *expired;
    if (status != 0 && (status < 200 || status >= 300))
      throw_api_error(status, error_body, "watch " + info.group_resource());
    if (stop_requested()) break;
    if (!stopped && std::chrono::steady_clock::now() - started < std::chrono::milliseconds(200)) {
      // The server ended the stream at once: do not reconnect in a busy loop.
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
  return stopped;
}

}  // namespace kyma::kube
