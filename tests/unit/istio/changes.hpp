#pragma once
// The difference between two IOPs as RFC 6902 operations, keyed "<op> <path>" (JSON pointer;
// "/-" is an item appended to a list), in path order, for asserting that a merge changed exactly
// the expected fields.
#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace kyma::istio::test {

using Changes = std::multimap<std::string, nlohmann::json>;

inline Changes changes(const nlohmann::json& from, const nlohmann::json& to) {
  Changes out;
  for (const auto& op : nlohmann::json::diff(from, to)) {
    out.emplace(op["op"].get<std::string>() + " " + op["path"].get<std::string>(),
                op.value("value", nlohmann::json()));
  }
  return out;
}

}  // namespace kyma::istio::test
