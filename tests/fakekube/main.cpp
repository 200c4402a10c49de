// fakekube standalone: serves the test API server until SIGINT/SIGTERM, so the plugin (or
// kubectl) can be tried without a cluster.
//   fakekube --port 0 --kubeconfig-out FILE [--nodes N --node-cpu C --node-memory M ...]
#include <csignal>
#include <fstream>
#include <iostream>
#include <sstream>

#include <cxxopts.hpp>

#include "tests/fakekube/server.hpp"

namespace {

std::string read_file(const std::string& path, const std::string& flag) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + flag + " file " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int main(int argc, char** argv) {
  cxxopts::Options cli("fakekube", "A Kubernetes API server for tests and trying things out");
  cli.add_options()("port", "port to listen on (0 picks a free one)",
                    cxxopts::value<int>()->default_value("0"))(
      "bind-address", "address to listen on",
      cxxopts::value<std::string>()->default_value("127.0.0.1"))(
      "kubeconfig-out", "write a kubeconfig for this server to FILE",
      cxxopts::value<std::string>())("kubeconfig-auth",
                                     "credentials in that kubeconfig: token or cert",
                                     cxxopts::value<std::string>()->default_value("token"))(
      "nodes", "number of Nodes", cxxopts::value<int>()->default_value("1"))(
      "node-cpu", "CPU capacity of each Node", cxxopts::value<std::string>()->default_value("8"))(
      "node-memory", "memory capacity of each Node",
      cxxopts::value<std::string>()->default_value("32Gi"))(
      "kubelet-version", "kubelet version of the Nodes",
      cxxopts::value<std::string>()->default_value("v1.30.0"))(
      "kubernetes-version", "version the server reports at /version",
      cxxopts::value<std::string>()->default_value("v1.32.0"))(
      "provider-id", "spec.providerID of every Node",
      cxxopts::value<std::string>()->default_value(""))(
      "pod-ready-delay", "milliseconds until a new pod is Running and Ready",
      cxxopts::value<long>()->default_value("100"))(
      "ca-cert", "PEM file of a CA to issue the certificates from", cxxopts::value<std::string>())(
      "ca-key", "PEM file of that CA's key", cxxopts::value<std::string>())("h,help",
                                                                            "show this help");
  try {
    auto args = cli.parse(argc, argv);
    if (args.count("help")) {
      std::cout << cli.help() << "\n";
      return 0;
    }
    if (!args.unmatched().empty())
      throw std::runtime_error("unexpected argument " + args.unmatched().front());
    fakekube::ServerOptions options;
    options.port = args["port"].as<int>();
    options.bind_address = args["bind-address"].as<std::string>();
    options.nodes = args["nodes"].as<int>();
    options.node_cpu = args["node-cpu"].as<std::string>();
    options.node_memory = args["node-memory"].as<std::string>();
    options.kubelet_version = args["kubelet-version"].as<std::string>();
    options.kubernetes_version = args["kubernetes-version"].as<std::string>();
    options.provider_id = args["provider-id"].as<std::string>();
    options.pod_ready_delay = std::chrono::milliseconds(args["pod-ready-delay"].as<long>());
    if (options.port < 0 || options.port > 65535)
      throw std::runtime_error("--port must be between 0 and 65535");
    if (options.nodes < 0) throw std::runtime_error("--nodes must not be negative");
    if (options.pod_ready_delay.count() < 0)
      throw std::runtime_error("--pod-ready-delay must not be negative");
    if (args.count("ca-cert") != args.count("ca-key"))
      throw std::runtime_error("--ca-cert and --ca-key go together");
    if (args.count("ca-cert")) {
      options.ca_cert_pem = read_file(args["ca-cert"].as<std::string>(), "--ca-cert");
      options.ca_key_pem = read_file(args["ca-key"].as<std::string>(), "--ca-key");
    }
    std::string auth = args["kubeconfig-auth"].as<std::string>();
    if (auth != "token" && auth != "cert")
      throw std::runtime_error("--kubeconfig-auth must be token or cert");

    // Block the stop signals before any thread starts, then wait for one.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    fakekube::Server server(options);
    server.start();
    std::cout << "fakekube serving at " << server.url() << std::endl;
    if (args.count("kubeconfig-out")) {
      std::string file = args["kubeconfig-out"].as<std::string>();
      server.write_kubeconfig(file, auth);
      std::cout << "kubeconfig written to " << file << std::endl;
    }
    int received = 0;
    sigwait(&stop_signals, &received);
    server.stop();
    std::cout << "fakekube stopped" << std::endl;
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
}
