#pragma once
// A program that runs beside a test (a server), its stdout and stderr going to a file the test
// reads. Stopped with SIGTERM when the test asks or the object goes away, SIGKILL if it lingers.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kyma::test {

class BackgroundProcess {
 public:
  // Throws std::runtime_error when the program cannot be started.
  BackgroundProcess(const std::vector<std::string>& argv, std::filesystem::path output);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  // Whether it has exited on its own already.
  bool exited();
  // SIGTERM, then waits up to `grace` before SIGKILL. The exit code, or nullopt when it had to
  // be killed or died of a signal.
  std::optional<int> stop(std::chrono::milliseconds grace = std::chrono::seconds(10));
  std::string output() const;

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;
  std::filesystem::path output_;
};

}  // namespace kyma::test
