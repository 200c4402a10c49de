#include "core/plugin/arguments.hpp"

namespace kyma::plugin {

std::optional<std::string> Arguments::get(const std::string& flag) const {
  auto it = values_.find(flag);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::string Arguments::get_or(const std::string& flag, const std::string& fallback) const {
  return get(flag).value_or(fallback);
}

std::vector<std::string> Arguments::all(const std::string& flag) const {
  auto it = values_.find(flag);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

bool Arguments::enabled(const std::string& flag) const {
  auto value = get(flag);
  return value && *value != "false";
}

}  // namespace kyma::plugin
