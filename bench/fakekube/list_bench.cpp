// fakekube under load: seeds 10,000 pods and 40,000 ConfigMaps (50,000 objects), then times
// LISTs of all pods over HTTPS (plain, with a label selector, paged, and as a Table for
// kubectl get) and reports the process's resident memory. Run on demand:
//   build/bin/bench_fakekube_list [pods] [configmaps]
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "bench/count_argument.hpp"
#include "tests/fakekube/server.hpp"

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string rss() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return line.substr(6);
  return "?";
}

json pod(int i) {
  std::string name = "pod-" + std::to_string(i);
  return {{"apiVersion", "v1"},
          {"kind", "Pod"},
          {"metadata",
           {{"name", name},
            {"namespace", "bench"},
            {"labels", {{"app", "bench"}, {"shard", std::to_string(i % 10)}}}}},
          {"spec",
           {{"nodeName", "fakekube-node-1"},
            {"containers", json::array({{{"name", "app"},
                                         {"image", "example.com/app:1.0"},
                                         {"ports", json::array({{{"containerPort", 8080}}})}}})}}},
          {"status", {{"phase", "Running"}, {"podIP", "10.244.0.1"}}}};
}

json config_map(int i) {
  return {{"apiVersion", "v1"},
          {"kind", "ConfigMap"},
          {"metadata", {{"name", "cm-" + std::to_string(i)}, {"namespace", "bench"}}},
          {"data", {{"key", "value-" + std::to_string(i)}}}};
}

}  // namespace

int main(int argc, char** argv) {
  const char* usage = "[PODS=10000] [CONFIGMAPS=40000]";
  int pods = kyma::bench::count_argument(argc, argv, 1, 10000, usage);
  int config_maps = kyma::bench::count_argument(argc, argv, 2, 40000, usage);
  fakekube::Server server;
  server.start();
  server.seed({{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "bench"}}}});
  std::printf("RSS at start:%s\n", rss().c_str());

  auto start = Clock::now();
  for (int i = 0; i < pods; ++i) server.seed(pod(i));
  for (int i = 0; i < config_maps; ++i) server.seed(config_map(i));
  std::printf("seeded %d pods + %d ConfigMaps in %.2f s; %zu objects held; RSS:%s\n", pods,
              config_maps, seconds_since(start), server.object_count(), rss().c_str());

  httplib::SSLClient client("127.0.0.1", server.port());
  client.enable_server_certificate_verification(false);
  client.set_bearer_token_auth(server.admin_token());
  client.set_read_timeout(60);
  auto time_get = [&](const char* label, const std::string& path, const httplib::Headers& headers,
                      int runs) {
    double best = 1e9, total = 0;
    size_t bytes = 0;
    for (int r = 0; r < runs; ++r) {
      auto t = Clock::now();
      auto res = client.Get(path.c_str(), headers);
      double s = seconds_since(t);
      if (!res || res->status != 200) {
        std::printf("%s: request failed\n", label);
        return;
      }
      bytes = res->body.size();
      best = std::min(best, s);
      total += s;
    }
    std::printf("%-40s best %.3f s, mean %.3f s over %d runs (%.1f MB)\n", label, best,
                total / runs, runs, static_cast<double>(bytes) / 1e6);
  };
  time_get("LIST all pods (JSON)", "/api/v1/namespaces/bench/pods", {}, 5);
  time_get("LIST pods, labelSelector shard=3",
           "/api/v1/namespaces/bench/pods?labelSelector=shard%3D3", {}, 5);
  time_get("LIST pods, limit=500 (first page)", "/api/v1/namespaces/bench/pods?limit=500", {}, 5);
  time_get("LIST all pods as Table (kubectl get)", "/api/v1/namespaces/bench/pods",
           {{"Accept", "application/json;as=Table;v=v1;g=meta.k8s.io"}}, 3);
  time_get("LIST all ConfigMaps (JSON)", "/api/v1/namespaces/bench/configmaps", {}, 3);
  std::printf("RSS at end:%s\n", rss().c_str());
  server.stop();
  return 0;
}
