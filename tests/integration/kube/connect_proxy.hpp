#pragma once
// A tiny HTTP CONNECT proxy for tests: accepts connections on 127.0.0.1, answers CONNECT with
// 200 and pipes bytes both ways. Counts the CONNECT requests it served.
#include <netinet/in.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <string>
#include <vector>

#include "tests/integration/kube/loopback_listener.hpp"

namespace kyma::kube::test {

class ConnectProxy {
 public:
  int port() const { return listener_.port(); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port()); }
  int connects() const { return connects_; }
  std::vector<std::string> targets() const {
    std::lock_guard lock(mutex_);
    return targets_;
  }

 private:
  void serve(int client) {
    std::string head;
    char c;
    while (head.find("\r\n\r\n") == std::string::npos && ::read(client, &c, 1) == 1) head += c;
    // CONNECT host:port HTTP/1.1
    auto sp1 = head.find(' ');
    auto sp2 = head.find(' ', sp1 + 1);
    if (head.rfind("CONNECT ", 0) != 0 || sp2 == std::string::npos) {
      ::close(client);
      return;
    }
    std::string target = head.substr(sp1 + 1, sp2 - sp1 - 1);
    {
      std::lock_guard lock(mutex_);
      targets_.push_back(target);
    }
    ++connects_;
    auto colon = target.rfind(':');
    int upstream = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(std::stoi(target.substr(colon + 1))));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // tests only proxy to the local server
    if (::connect(upstream, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      std::string no = "HTTP/1.1 502 Bad Gateway\r\n\r\n";
      (void)!::write(client, no.data(), no.size());
      ::close(client);
      ::close(upstream);
      return;
    }
    std::string ok = "HTTP/1.1 200 Connection established\r\n\r\n";
    (void)!::write(client, ok.data(), ok.size());
    listener_.pipe(client, upstream);
    ::close(client);
    ::close(upstream);
  }

  std::atomic<int> connects_{0};
  mutable std::mutex mutex_;
  std::vector<std::string> targets_;
  LoopbackListener listener_{[this](int client) { serve(client); }};  // last: stops first
};

}  // namespace kyma::kube::test
