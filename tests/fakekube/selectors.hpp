#pragma once
// Label selectors (=, ==, !=, in, notin, exists, !key; or the LabelSelector object of a
// workload's spec.selector) and field selectors (=, ==, != on the fields the real server
// supports for a kind). Parse errors throw ApiError 400 with the real server's wording.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fakekube {

class LabelSelector {
 public:
  LabelSelector() = default;  // matches everything
  static LabelSelector parse(const std::string& text);
  // A metav1.LabelSelector (matchLabels, matchExpressions). A null selector matches nothing,
  // an empty one everything, as for workloads.
  static LabelSelector from_object(const nlohmann::json& selector);

  bool empty() const { return requirements_.empty() && !match_nothing_; }
  bool matches(const nlohmann::json& labels) const;  // labels: an object or null

 private:
  enum class Op { kEquals, kNotEquals, kIn, kNotIn, kExists, kDoesNotExist };
  struct Requirement {
    std::string key;
    Op op;
    std::vector<std::string> values;
  };
  std::vector<Requirement> requirements_;
  bool match_nothing_ = false;
};

class FieldSelector {
 public:
  FieldSelector() = default;
  // `kind` decides which fields may be used (metadata.name and metadata.namespace always).
  static FieldSelector parse(const std::string& text, const std::string& kind);
  bool empty() const { return terms_.empty(); }
  bool matches(const nlohmann::json& object) const;
  // The metadata.name this selector pins, if any (lets watches and lists skip the rest).
  std::string name() const;

 private:
  struct Term {
    std::string field;
    bool equals;
    std::string value;
  };
  std::vector<Term> terms_;
};

}  // namespace fakekube
