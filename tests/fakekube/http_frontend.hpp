#pragma once
// The HTTPS front end (cpp-httplib): TLS with the server's PKI (client certificates optional
// and verified against the CA), authentication, injected faults, the request log, and routing
// to discovery, OpenAPI, the test-control API and the resources.
#include <memory>
#include <string>
#include <thread>

#include "tests/fakekube/authentication.hpp"
#include "tests/fakekube/certificates.hpp"
#include "tests/fakekube/cluster.hpp"
#include "tests/fakekube/test_control.hpp"

namespace httplib {
class SSLServer;
struct Request;
struct Response;
}  // namespace httplib

namespace fakekube {

class HttpFrontend {
 public:
  HttpFrontend(Cluster& cluster, TestControl& control, Authenticator& authenticator, const Pki& pki,
               std::string kubernetes_version);
  ~HttpFrontend();

  // Binds (port 0 picks one) and serves on a background thread; returns once listening.
  void start(const std::string& bind_address, int port);
  void stop();
  int port() const { return port_; }

 private:
  void handle(const httplib::Request& request, httplib::Response& response);
  void route(struct Exchange& exchange);

  Cluster& cluster_;
  TestControl& control_;
  Authenticator& authenticator_;
  Pki pki_;
  std::string kubernetes_version_;
  std::string bind_address_;
  std::unique_ptr<httplib::SSLServer> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace fakekube
