#include "tests/support/background_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "tests/support/process.hpp"

namespace kyma::test {

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv,
                                     std::filesystem::path output)
    : output_(std::move(output)) {
  if (argv.empty()) throw std::invalid_argument("BackgroundProcess: empty argv");
  int fd = ::open(output_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error(output_.string() + ": " + std::strerror(errno));
  std::vector<std::string> args = argv;
  std::vector<char*> c_argv;
  for (auto& a : args) c_argv.push_back(a.data());
  c_argv.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ < 0) {
    ::close(fd);
    throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  }
  if (pid_ == 0) {
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    ::execvp(c_argv[0], c_argv.data());
    ::_exit(127);
  }
  ::close(fd);
}

BackgroundProcess::~BackgroundProcess() {
  stop(std::chrono::seconds(2));
}

bool BackgroundProcess::exited() {
  if (!reaped_ && ::waitpid(pid_, &status_, WNOHANG) == pid_) reaped_ = true;
  return reaped_;
}

std::optional<int> BackgroundProcess::stop(std::chrono::milliseconds grace) {
  if (!exited()) {
    ::kill(pid_, SIGTERM);
    if (!wait_until([&] { return exited(); }, grace, std::chrono::milliseconds(20))) {
      ::kill(pid_, SIGKILL);
      while (::waitpid(pid_, &status_, 0) < 0 && errno == EINTR) {
      }
      reaped_ = true;
      return std::nullopt;
    }
  }
  if (WIFEXITED(status_)) return WEXITSTATUS(status_);
  return std::nullopt;
}

std::string BackgroundProcess::output() const {
  std::ifstream in(output_);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace kyma::test
