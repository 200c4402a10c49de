#pragma once
// Test control shared by the HTTP front end and the Server API: the request log, injected
// faults, and the SelfSubjectAccessReview rules. Thread-safe.
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "tests/fakekube/server.hpp"

namespace fakekube {

class TestControl {
 public:
  void record(const RequestRecord& record);
  std::vector<RequestRecord> requests() const;
  void clear_requests();

  void add_fault(const Fault& fault);
  void clear_faults();
  // The first fault matching the request, with its count used once; nullopt if none.
  std::optional<Fault> take_fault(const std::string& verb, const std::string& path);

  void set_access_rules(const std::vector<AccessRule>& rules);
  // Whether the rules allow it (first match wins; no match allows).
  bool allowed(const std::string& verb, const std::string& group, const std::string& resource,
               const std::string& ns) const;

 private:
  mutable std::mutex mutex_;
  std::vector<RequestRecord> requests_;
  std::vector<Fault> faults_;
  std::vector<AccessRule> rules_;
};

}  // namespace fakekube
