#include "core/kube/exec_credentials.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/kube/kubeconfig_loader.hpp"
#include "core/ui/error.hpp"

extern char** environ;

namespace kyma::kube {

namespace {

bool is_executable(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

std::optional<std::string> find_command(const std::string& command) {
  if (command.find('/') != std::string::npos) {
    if (is_executable(command)) return command;
    return std::nullopt;
  }
  const char* path = std::getenv("PATH");
  std::stringstream in(path ? path : "/usr/local/bin:/usr/bin:/bin");
  std::string dir;
  while (std::getline(in, dir, ':')) {
    if (dir.empty()) dir = ".";
    auto candidate = (std::filesystem::path(dir) / command).string();
    if (is_executable(candidate)) return candidate;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_rfc3339(const std::string& text) {
  std::tm tm{};
  int year, month, day, hour, minute, second;
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute,
                  &second, &consumed) != 6)
    return std::nullopt;
  std::size_t i = static_cast<std::size_t>(consumed);
  double fraction = 0;
  if (i < text.size() && text[i] == '.') {
    std::size_t start = i++;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    fraction = std::stod("0" + text.substr(start, i - start));
  }
  long offset = 0;
  if (i < text.size() && (text[i] == 'Z' || text[i] == 'z')) {
    ++i;
  } else if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    int oh, om;
    if (std::sscanf(text.c_str() + i + 1, "%2d:%2d", &oh, &om) != 2) return std::nullopt;
    offset = (oh * 3600L + om * 60L) * (text[i] == '-' ? -1 : 1);
    i += 6;
  } else {
    return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  std::time_t t = timegm(&tm) - offset;
  // system_clock counts nanoseconds in 64 bits (up to the year 2262): clamp far-future times.
  constexpr std::time_t kLatest = 9'000'000'000;
  if (t > kLatest) t = kLatest;
  return std::chrono::system_clock::from_time_t(t) +
         std::chrono::milliseconds(static_cast<long long>(fraction * 1000));
}

ExecCredential parse_exec_credential(const std::string& output, const std::string& api_version) {
  auto fail = [](const std::string& why) -> ExecCredential {
    throw Error("exec plugin: invalid output: " + why);
  };
  auto doc = nlohmann::json::parse(output, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return fail("stdout is not a JSON ExecCredential object");
  if (doc.value("kind", "") != "ExecCredential")
    return fail("kind is \"" + doc.value("kind", "") + "\", expected \"ExecCredential\"");
  if (doc.value("apiVersion", "") != api_version)
    return fail("plugin returned version " + doc.value("apiVersion", std::string("<none>")) +
                ", expected " + api_version);
  auto status = doc.find("status");
  if (status == doc.end() || !status->is_object()) return fail("missing status field");
  ExecCredential cred;
  cred.token = status->value("token", "");
  cred.client_certificate_data = status->value("clientCertificateData", "");
  cred.client_key_data = status->value("clientKeyData", "");
  if (cred.client_certificate_data.empty() != cred.client_key_data.empty())
    return fail("status must contain both clientCertificateData and clientKeyData, or neither");
  if (cred.token.empty() && cred.client_certificate_data.empty())
    return fail("status has neither a token nor a client certificate and key");
  if (auto exp = status->find("expirationTimestamp"); exp != status->end() && exp->is_string()) {
    cred.expiration = parse_rfc3339(exp->get<std::string>());
    if (!cred.expiration) return fail("expirationTimestamp is not an RFC 3339 time");
  }
  return cred;
}

ExecCredentialProvider::ExecCredentialProvider(const RestConfig& config)
    : exec_(config.exec.value_or(ExecConfig{})),
      user_(config.user_name),
      server_(config.server),
      tls_server_name_(config.tls_server_name),
      ca_data_(config.ca_data),
      proxy_url_(config.proxy_url),
      insecure_(config.insecure_skip_tls_verify) {
  if (exec_.interactive_mode.empty()) exec_.interactive_mode = "IfAvailable";
  // client-go hands the plugin the CA's content even when the kubeconfig names a file.
  if (ca_data_.empty() && !config.ca_file.empty()) {
    std::ifstream in(config.ca_file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    ca_data_ = text.str();
  }
}

ExecCredential ExecCredentialProvider::get() {
  std::lock_guard lock(mutex_);
  if (cached_ && (!cached_->expiration || *cached_->expiration > std::chrono::system_clock::now()))
    return *cached_;
  cached_ = run();
  return *cached_;
}

ExecCredential ExecCredentialProvider::refresh() {
  std::lock_guard lock(mutex_);
  cached_ = run();
  return *cached_;
}

std::string ExecCredentialProvider::exec_info_json(bool interactive) const {
  nlohmann::json info = {{"kind", "ExecCredential"},
                         {"apiVersion", exec_.api_version},
                         {"spec", {{"interactive", interactive}}}};
  if (exec_.provide_cluster_info) {
    nlohmann::json cluster = {{"server", server_}};
    if (!tls_server_name_.empty()) cluster["tls-server-name"] = tls_server_name_;
    if (insecure_) cluster["insecure-skip-tls-verify"] = true;
    if (!ca_data_.empty()) cluster["certificate-authority-data"] = base64_encode(ca_data_);
    if (!proxy_url_.empty()) cluster["proxy-url"] = proxy_url_;
    info["spec"]["cluster"] = cluster;
  }
  return info.dump();
}

ExecCredential ExecCredentialProvider::run() {
  ++runs_;
  const std::string who = "exec plugin \"" + exec_.command + "\" for user \"" + user_ + "\"";
  auto path = find_command(exec_.command);
  if (!path) {
    std::string message = "exec: executable " + exec_.command + " not found";
    if (!exec_.install_hint.empty()) {
      std::string hint = exec_.install_hint;
      for (auto& c : hint)
        if (c == '\n') c = ' ';
      message += ". " + hint;
    }
    throw Error(message);
  }
  bool terminal = stdin_terminal_.value_or(::isatty(0) == 1);
  bool interactive = terminal && exec_.interactive_mode != "Never";
  if (exec_.interactive_mode == "Always" && !terminal) {
    throw Error(who +
                ": interactiveMode is Always but standard input is not a terminal, so the plugin "
                "cannot be run");
  }

  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) {
    if (std::strncmp(*e, "KUBERNETES_EXEC_INFO=", 21) == 0) continue;
    env_strings.emplace_back(*e);
  }
  for (const auto& [name, value] : exec_.env) env_strings.push_back(name + "=" + value);
  env_strings.push_back("KUBERNETES_EXEC_INFO=" + exec_info_json(interactive));
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_strings{*path};
  argv_strings.insert(argv_strings.end(), exec_.args.begin(), exec_.args.end());
  std::vector<char*> argv;
  for (auto& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);

  int out_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) throw Error(who + ": cannot create a pipe");
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(out_pipe[0]);
    ::close(out_pipe[1]);
    throw Error(who + ": cannot start the process");
  }
  if (pid == 0) {
    ::dup2(out_pipe[1], 1);
    if (!interactive) {
      int devnull = ::open("/dev/null", O_RDONLY);
      if (devnull >= 0) ::dup2(devnull, 0);
    }
    ::execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  ::close(out_pipe[1]);
  std::string output;
  char buffer[4096];
  for (;;) {
    ssize_t n = ::read(out_pipe[0], buffer, sizeof buffer);
    if (n > 0) {
      output.append(buffer, static_cast<std::size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      break;
    }
  }
  ::close(out_pipe[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw Error(who + " failed: " +
                (WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status))
                                   : std::string("killed by a signal")));
  }
  try {
    return parse_exec_credential(output, exec_.api_version);
  } catch (const Error& e) {
    std::string what = e.what();
    throw Error(who + ": " + what.substr(std::string("exec plugin: ").size()));
  }
}

}  // namespace kyma::kube
