#pragma once
// Runs programs for tests: captures stdout and stderr, enforces a deadline (the child is killed
// and the result says so), and lets a test change the environment of the child only.
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kyma::test {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal or the deadline
  bool timed_out = false;
  std::string out;
  std::string err;
};

struct ProcessOptions {
  // Set (value) or unset (nullopt) variables on top of the parent environment.
  std::map<std::string, std::optional<std::string>> env;
  std::optional<std::string> stdin_data;
  std::optional<std::string> working_dir;
  std::chrono::milliseconds timeout{std::chrono::seconds(120)};
};

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

// PATH with `dir` in front.
std::string path_with(const std::string& dir);

// Polls `condition` every `interval` until it holds or `timeout` passes; returns whether it held.
bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout,
                std::chrono::milliseconds interval = std::chrono::milliseconds(50));

}  // namespace kyma::test
