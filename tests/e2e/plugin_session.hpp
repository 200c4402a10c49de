#pragma once
// An end-to-end session: a fakekube API server of its own, a kubeconfig for it, and the staged
// plugin run through the real kubectl (`kubectl kyma-istio ...`) as a user would run it.
#include <csignal>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/fakekube/server.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace kyma::test {

// A production-sized cluster (3 nodes of 8 CPUs and 32Gi) with pods ready soon after creation.
fakekube::ServerOptions production_cluster();
// Below the evaluation threshold (< 5 CPUs): 1 node of 2 CPUs and 4Gi.
fakekube::ServerOptions evaluation_cluster();

class PluginSession {
 public:
  explicit PluginSession(fakekube::ServerOptions options = production_cluster());

  fakekube::Server& server() { return server_; }
  const TempDir& home() const { return home_; }

  // `kubectl kyma-istio <args>`; `stdin_data` is passed as is.
  ProcessResult plugin(const std::vector<std::string>& args,
                       std::chrono::seconds timeout = std::chrono::seconds(180));
  // `kubectl <args>`.
  ProcessResult kubectl(const std::vector<std::string>& args, const std::string& stdin_data = "");
  // Any program in the session's environment (its kubeconfig, kubectl finding the staged
  // plugin), e.g. a shell that runs the plugin in the background of a test.
  ProcessResult run(const std::vector<std::string>& argv,
                    std::chrono::seconds timeout = std::chrono::seconds(180));

  // Writes a file into the session's home folder and returns its path.
  std::string file(const std::string& name, const std::string& content) const;

  // The Istio CR, or nullopt.
  std::optional<nlohmann::json> istio_cr(const std::string& ns = "kyma-system",
                                         const std::string& name = "default") const;
  // The rendered installation the plugin's `manifest` command prints (offline) for `args`.
  std::vector<nlohmann::json> rendered(const std::vector<std::string>& args = {});

  // Requests that write (POST, PUT, PATCH, DELETE, but no server-side dry run) since the log was
  // last cleared.
  std::vector<fakekube::RequestRecord> writes() const;

 private:
  ProcessOptions environment(std::chrono::seconds timeout) const;

  fakekube::Server server_;
  TempDir home_;
  std::filesystem::path kubeconfig_;
};

// `kubectl kyma-istio <args>` in the background, its stdout going to a file that the test
// reads while it runs; stopped with SIGINT (as Ctrl-C would) when the test is done with it.
class BackgroundPlugin {
 public:
  BackgroundPlugin(PluginSession& session, const std::vector<std::string>& args);
  ~BackgroundPlugin();
  BackgroundPlugin(const BackgroundPlugin&) = delete;
  BackgroundPlugin& operator=(const BackgroundPlugin&) = delete;

  std::string output() const;
  // Signals the process group (SIGINT: as Ctrl-C would) and waits for it; returns its result.
  const ProcessResult& stop(int signal = SIGINT);

 private:
  std::string out_file_;
  std::string pid_file_;
  std::thread thread_;
  ProcessResult result_;
};

// The proxy image the bundled Istio injects, without its tag.
inline const std::string kProxyImage =
    "europe-docker.pkg.dev/kyma-project/prod/external/istio/proxyv2:";
// A namespace labelled for sidecar injection.
nlohmann::json injected_namespace(const std::string& name);
// A Deployment of `replicas` nginx pods labelled app=<name>.
nlohmann::json deployment(const std::string& ns, const std::string& name, int replicas);
// The istio-proxy images of the live (not deleting) pods in `ns` whose name starts with `prefix`.
std::vector<std::string> proxy_images(PluginSession& session, const std::string& ns,
                                      const std::string& prefix = "");

// The condition of `type` in the CR's status, or null.
nlohmann::json condition(const nlohmann::json& cr, const std::string& type);

bool contains(const std::string& text, const std::string& part);
// A string field of an object by JSON pointer; "" when absent.
std::string str(const nlohmann::json& object, const char* pointer);
// Requires exit code 0, showing both streams otherwise.
void require_success(const ProcessResult& result);

}  // namespace kyma::test
