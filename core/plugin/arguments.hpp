#pragma once
// A command's parsed flags and positional arguments, as handed to a plugin. It deliberately hides
// the option parser, so plugins depend only on this plain type.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kyma::plugin {

class Arguments {
 public:
  void add(const std::string& flag, const std::string& value) { values_[flag].push_back(value); }
  void add_positional(const std::string& value) { positional_.push_back(value); }

  bool has(const std::string& flag) const { return values_.count(flag) > 0; }
  // The last value given for a flag (kubectl semantics: the last occurrence wins).
  std::optional<std::string> get(const std::string& flag) const;
  std::string get_or(const std::string& flag, const std::string& fallback) const;
  std::vector<std::string> all(const std::string& flag) const;
  // A boolean flag: given without a value, or with true/false.
  bool enabled(const std::string& flag) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
};

}  // namespace kyma::plugin
