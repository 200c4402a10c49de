#pragma once
// The error model shared by the core and every plugin. An Error carries the exit code that the
// binary returns for it (DESIGN.md "Exit codes"); its message is one line, printed as
// "error: <message>" on stderr, and never contains a secret.
#include <stdexcept>
#include <string>

namespace kyma {

enum class ExitCode : int {
  kOk = 0,
  kFailure = 1,         // any error
  kUsage = 2,           // bad command line
  kRefused = 3,         // refused by a guard: version not allowed, uninstall blocked
  kActionRequired = 4,  // done, but the user must act (manual restart, user EnvoyFilter)
  kTimeout = 5,         // timed out waiting
};

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, ExitCode code = ExitCode::kFailure)
      : std::runtime_error(message), code_(code) {}
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};

// A bad flag, argument or input file given on the command line.
class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(message, ExitCode::kUsage) {}
};

// A guard refused the operation (exit 3).
class RefusedError : public Error {
 public:
  explicit RefusedError(const std::string& message) : Error(message, ExitCode::kRefused) {}
};

// Waiting for a condition ran past its deadline (exit 5).
class TimeoutError : public Error {
 public:
  explicit TimeoutError(const std::string& message) : Error(message, ExitCode::kTimeout) {}
};

int to_int(ExitCode code);

}  // namespace kyma
