// Requests per second of the Kubernetes client against fakekube over HTTPS: sequential GETs on
// the kept-alive connection, the same with a new connection for every request (what reuse
// saves), and send_all with several requests in flight. Run on demand; prints figures.
//
//   bench_kube [requests=2000] [batch=50]
#include <chrono>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

#include "bench/count_argument.hpp"
#include "core/kube/client.hpp"
#include "core/kube/http_transport.hpp"
#include "tests/fakekube/server.hpp"

using namespace kyma::kube;
using Clock = std::chrono::steady_clock;

namespace {

RestConfig config_for(const fakekube::Server& server) {
  RestConfig c;
  c.server = server.url();
  c.ca_data = server.ca_pem();
  c.bearer_token = server.admin_token();
  return c;
}

void report(const std::string& what, int requests, Clock::duration took) {
  double seconds = std::chrono::duration<double>(took).count();
  std::cout << std::left << std::setw(44) << what << std::right << std::setw(8) << requests
            << " requests " << std::setw(9) << std::fixed << std::setprecision(0)
            << requests / seconds << " req/s  " << std::setprecision(3) << seconds * 1000 / requests
            << " ms/request\n";
}

void check(const HttpResponse& response) {
  if (response.status != 200) {
    std::cerr << "unexpected status " << response.status << '\n';
    std::exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const char* usage = "[REQUESTS=2000] [BATCH=50]";
  const int requests = kyma::bench::count_argument(argc, argv, 1, 2000, usage);
  const int batch = kyma::bench::count_argument(argc, argv, 2, 50, usage);
  fakekube::Server server;
  server.start();
  server.seed({{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "bench"}}}});
  const int objects = 50;
  for (int i = 0; i < objects; ++i)
    server.seed({{"apiVersion", "v1"},
                 {"kind", "ConfigMap"},
                 {"metadata", {{"name", "cm" + std::to_string(i)}, {"namespace", "bench"}}},
                 {"data", {{"key", std::string(200, 'x')}}}});
  auto path = [](int i) {
    return "/api/v1/namespaces/bench/configmaps/cm" + std::to_string(i % objects);
  };

  HttpTransport transport(config_for(server));
  check(transport.send(HttpRequest::get(path(0))));  // warm up: connect once

  auto start = Clock::now();
  for (int i = 0; i < requests; ++i) check(transport.send(HttpRequest::get(path(i))));
  report("sequential GET, kept-alive connection", requests, Clock::now() - start);

  const int fresh = std::max(1, requests / 10);
  start = Clock::now();
  for (int i = 0; i < fresh; ++i) {
    HttpTransport once(config_for(server));
    check(once.send(HttpRequest::get(path(i))));
  }
  report("sequential GET, new connection each", fresh, Clock::now() - start);

  start = Clock::now();
  for (int done = 0; done < requests; done += batch) {
    std::vector<HttpRequest> group;
    for (int i = done; i < std::min(requests, done + batch); ++i)
      group.push_back(HttpRequest::get(path(i)));
    for (const auto& response : transport.send_all(group)) check(response);
  }
  report("send_all, batches of " + std::to_string(batch), requests, Clock::now() - start);

  Client client(config_for(server));
  const int lists = std::max(1, requests / 20);
  start = Clock::now();
  for (int i = 0; i < lists; ++i) client.list("v1", "ConfigMap", "bench", {.limit = 10});
  report("list of 50 objects in pages of 10 (5 GETs)", lists * 5, Clock::now() - start);
  server.stop();
}
