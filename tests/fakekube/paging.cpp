#include "tests/fakekube/paging.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "tests/fakekube/api_error.hpp"
#include "tests/fakekube/certificates.hpp"

namespace fakekube {

using nlohmann::json;

std::string encode_continue(const ContinuePoint& point) {
  json token = {{"v", "meta.k8s.io/v1"},
                {"rv", point.rv},
                {"start", point.after + std::string(1, '\0')},
                {"g", point.generation}};
  std::string text = base64_encode(token.dump());
  std::replace(text.begin(), text.end(), '+', '-');
  std::replace(text.begin(), text.end(), '/', '_');
  while (!text.empty() && text.back() == '=') text.pop_back();
  return text;
}

ContinuePoint decode_continue(const std::string& token) {
  std::string text = token;
  std::replace(text.begin(), text.end(), '-', '+');
  std::replace(text.begin(), text.end(), '_', '/');
  while (text.size() % 4) text += '=';
  try {
    json parsed = json::parse(base64_decode(text));
    ContinuePoint point;
    point.rv = parsed.at("rv").get<std::uint64_t>();
    std::string start = parsed.at("start").get<std::string>();
    if (start.empty() || start.back() != '\0') throw std::invalid_argument("start");
    start.pop_back();
    point.after = start;
    point.generation = parsed.value("g", std::uint64_t{0});
    return point;
  } catch (const std::exception&) {
    throw bad_request(
        "continue key is not valid: incorrect encoded start resourceVersion "
        "(version meta.k8s.io/v1)");
  }
}

std::string expired_continue_message() {
  return "The provided continue parameter is too old to display a consistent list result. You "
         "can start a new list without the continue parameter, or use the continue token in "
         "this response to retrieve the remainder of the results. Continuing with the provided "
         "token results in an inconsistent list - objects that were created, modified, or "
         "deleted between the time the first chunk was returned and now may show up in the "
         "list.";
}

}  // namespace fakekube
