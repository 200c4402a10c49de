#include "tests/e2e/plugin_session.hpp"

#include <catch2/catch.hpp>

#include <signal.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "tests/support/test_paths.hpp"

namespace kyma::test {

using nlohmann::json;

fakekube::ServerOptions production_cluster() {
  fakekube::ServerOptions options;
  options.nodes = 3;
  options.node_cpu = "8";
  options.node_memory = "32Gi";
  options.pod_ready_delay = std::chrono::milliseconds(150);
  return options;
}

fakekube::ServerOptions evaluation_cluster() {
  fakekube::ServerOptions options = production_cluster();
  options.nodes = 1;
  options.node_cpu = "2";
  options.node_memory = "4Gi";
  return options;
}

PluginSession::PluginSession(fakekube::ServerOptions options) : server_(std::move(options)) {
  server_.start();
  kubeconfig_ = home_.path() / "kubeconfig";
  server_.write_kubeconfig(kubeconfig_);
}

ProcessOptions PluginSession::environment(std::chrono::seconds timeout) const {
  ProcessOptions options;
  options.env["KUBECONFIG"] = kubeconfig_.string();
  options.env["HOME"] = home_.path().string();
  options.env["PATH"] = (stage_dir() / "bin").string() + ":/usr/bin:/bin";
  options.env["KYMA_ISTIO_PLUGIN_PATH"] = std::nullopt;
  options.timeout = timeout;
  return options;
}

ProcessResult PluginSession::plugin(const std::vector<std::string>& args,
                                    std::chrono::seconds timeout) {
  std::vector<std::string> argv{"kubectl", "kyma-istio"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, environment(timeout));
}

ProcessResult PluginSession::kubectl(const std::vector<std::string>& args,
                                     const std::string& stdin_data) {
  std::vector<std::string> argv{"kubectl"};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessOptions options = environment(std::chrono::seconds(60));
  if (!stdin_data.empty()) options.stdin_data = stdin_data;
  return run_process(argv, options);
}

ProcessResult PluginSession::run(const std::vector<std::string>& argv,
                                 std::chrono::seconds timeout) {
  return run_process(argv, environment(timeout));
}

std::string PluginSession::file(const std::string& name, const std::string& content) const {
  return home_.write(name, content).string();
}

std::optional<json> PluginSession::istio_cr(const std::string& ns, const std::string& name) const {
  return server_.get("operator.kyma-project.io/v1alpha2", "Istio", ns, name);
}

std::vector<json> PluginSession::rendered(const std::vector<std::string>& args) {
  std::vector<std::string> all{"manifest", "-o", "json"};
  all.insert(all.end(), args.begin(), args.end());
  ProcessResult r = plugin(all);
  if (r.exit_code != 0) return {};
  json list = json::parse(r.out);
  return std::vector<json>(list["items"].begin(), list["items"].end());
}

std::vector<fakekube::RequestRecord> PluginSession::writes() const {
  std::vector<fakekube::RequestRecord> out;
  for (const auto& r : server_.requests()) {
    // A server-side dry run changes nothing, so it is not a write.
    if (r.verb != "GET" && r.query.find("dryRun=All") == std::string::npos) out.push_back(r);
  }
  return out;
}

json injected_namespace(const std::string& name) {
  return {{"apiVersion", "v1"},
          {"kind", "Namespace"},
          {"metadata", {{"name", name}, {"labels", {{"istio-injection", "enabled"}}}}}};
}

json deployment(const std::string& ns, const std::string& name, int replicas) {
  return {{"apiVersion", "apps/v1"},
          {"kind", "Deployment"},
          {"metadata", {{"name", name}, {"namespace", ns}}},
          {"spec",
           {{"replicas", replicas},
            {"selector", {{"matchLabels", {{"app", name}}}}},
            {"template",
             {{"metadata", {{"labels", {{"app", name}}}}},
              {"spec", {{"containers", json::array({{{"name", name}, {"image", "nginx"}}})}}}}}}}};
}

std::vector<std::string> proxy_images(PluginSession& session, const std::string& ns,
                                      const std::string& prefix) {
  std::vector<std::string> images;
  for (const auto& pod : session.server().list("v1", "Pod", ns)) {
    if (pod.contains(json::json_pointer("/metadata/deletionTimestamp"))) continue;
    if (!str(pod, "/metadata/name").starts_with(prefix)) continue;
    for (const auto& c : pod["spec"].value("containers", json::array())) {
      if (c.value("name", "") == "istio-proxy") images.push_back(c.value("image", ""));
    }
  }
  return images;
}

json condition(const json& cr, const std::string& type) {
  for (const auto& c : cr.value("/status/conditions"_json_pointer, json::array())) {
    if (c.value("type", "") == type) return c;
  }
  return nullptr;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string str(const json& object, const char* pointer) {
  return object.value(json::json_pointer(pointer), std::string());
}

void require_success(const ProcessResult& result) {
  INFO("stdout: " << result.out << "\nstderr: " << result.err);
  REQUIRE(result.exit_code == 0);
}

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

BackgroundPlugin::BackgroundPlugin(PluginSession& session, const std::vector<std::string>& args)
    : out_file_((session.home().path() / "background.out").string()),
      pid_file_((session.home().path() / "background.pid").string()) {
  std::string command = "echo $$ > '" + pid_file_ + "'; exec kubectl kyma-istio";
  for (const auto& a : args) command += " '" + a + "'";
  command += " > '" + out_file_ + "'";
  thread_ = std::thread([this, &session, command] {
    result_ = session.run({"sh", "-c", command}, std::chrono::seconds(120));
  });
}

BackgroundPlugin::~BackgroundPlugin() {
  stop();
}

std::string BackgroundPlugin::output() const {
  return read_text(out_file_);
}

const ProcessResult& BackgroundPlugin::stop(int signal) {
  if (thread_.joinable()) {
    wait_until([&] { return !read_text(pid_file_).empty(); }, std::chrono::seconds(10));
    int pid = std::atoi(read_text(pid_file_).c_str());
    if (pid > 0) ::kill(-pid, signal);
    thread_.join();
  }
  return result_;
}

}  // namespace kyma::test
