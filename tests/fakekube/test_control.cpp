#include "tests/fakekube/test_control.hpp"

namespace fakekube {

void TestControl::record(const RequestRecord& record) {
  std::lock_guard<std::mutex> lock(mutex_);
  requests_.push_back(record);
}

std::vector<RequestRecord> TestControl::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

void TestControl::clear_requests() {
  std::lock_guard<std::mutex> lock(mutex_);
  requests_.clear();
}

void TestControl::add_fault(const Fault& fault) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (fault.count > 0) faults_.push_back(fault);
}

void TestControl::clear_faults() {
  std::lock_guard<std::mutex> lock(mutex_);
  faults_.clear();
}

std::optional<Fault> TestControl::take_fault(const std::string& verb, const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = faults_.begin(); it != faults_.end(); ++it) {
    if (!it->verb.empty() && it->verb != verb) continue;
    if (path.compare(0, it->path_prefix.size(), it->path_prefix) != 0) continue;
    Fault taken = *it;
    if (--it->count <= 0) faults_.erase(it);
    return taken;
  }
  return std::nullopt;
}

void TestControl::set_access_rules(const std::vector<AccessRule>& rules) {
  std::lock_guard<std::mutex> lock(mutex_);
  rules_ = rules;
}

bool TestControl::allowed(const std::string& verb, const std::string& group,
                          const std::string& resource, const std::string& ns) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto match = [](const std::string& pattern, const std::string& value) {
    return pattern == "*" || pattern == value;
  };
  for (const auto& rule : rules_)
    if (match(rule.verb, verb) && match(rule.group, group) && match(rule.resource, resource) &&
        match(rule.namespace_, ns))
      return rule.allowed;
  return true;
}

}  // namespace fakekube
