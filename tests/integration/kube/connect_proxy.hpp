#pragma once
// A tiny HTTP CONNECT proxy for tests: accepts connections on 127.0.0.1, answers CONNECT with
// 200 and pipes bytes both ways. Counts the CONNECT requests it served.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kyma::kube::test {

class ConnectProxy {
 public:
  ConnectProxy() {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(listen_fd_, 16);
    socklen_t len = sizeof addr;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { accept_loop(); });
  }
  ~ConnectProxy() {
    stop_ = true;
    ::shutdown(listen_fd_, SHUT_RDWR);
    ::close(listen_fd_);
    thread_.join();
    std::lock_guard lock(mutex_);
    for (auto& t : workers_) t.join();
  }
  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int connects() const { return connects_; }
  std::vector<std::string> targets() const {
    std::lock_guard lock(mutex_);
    return targets_;
  }

 private:
  void accept_loop() {
    while (!stop_) {
      int client = ::accept(listen_fd_, nullptr, nullptr);
      if (client < 0) return;
      std::lock_guard lock(mutex_);
      workers_.emplace_back([this, client] { serve(client); });
    }
  }
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
    pollfd fds[2] = {{client, POLLIN, 0}, {upstream, POLLIN, 0}};
    char buffer[16384];
    while (!stop_) {
      if (::poll(fds, 2, 200) < 0) break;
      bool done = false;
      for (int i = 0; i < 2; ++i) {
        if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
          ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
          if (n <= 0 || ::write(fds[1 - i].fd, buffer, static_cast<size_t>(n)) != n) done = true;
        }
      }
      if (done) break;
    }
    ::close(client);
    ::close(upstream);
  }

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connects_{0};
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<std::thread> workers_;
  std::vector<std::string> targets_;
};

}  // namespace kyma::kube::test
