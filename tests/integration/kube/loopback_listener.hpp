#pragma once
// What the test proxies share: a listener on 127.0.0.1 (a port of the kernel's choosing) that
// hands each accepted connection to a handler on a thread of its own, and the byte pipe between
// a client and its upstream once a tunnel is open. The owner declares it last, so that it is
// stopped (and its handlers joined) before anything the handlers use goes away.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace kyma::kube::test {

class LoopbackListener {
 public:
  // `serve` gets the accepted socket and closes it.
  explicit LoopbackListener(std::function<void(int client)> serve) : serve_(std::move(serve)) {
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
  ~LoopbackListener() {
    stop_ = true;
    ::shutdown(listen_fd_, SHUT_RDWR);
    ::close(listen_fd_);
    thread_.join();
    std::lock_guard lock(mutex_);
    for (auto& t : workers_) t.join();
  }
  LoopbackListener(const LoopbackListener&) = delete;
  LoopbackListener& operator=(const LoopbackListener&) = delete;

  int port() const { return port_; }
  bool stopping() const { return stop_; }

  // Copies bytes both ways until either side closes or the listener stops.
  void pipe(int client, int upstream) const {
    pollfd fds[2] = {{client, POLLIN, 0}, {upstream, POLLIN, 0}};
    char buffer[16384];
    while (!stop_) {
      if (::poll(fds, 2, 200) < 0) return;
      for (int i = 0; i < 2; ++i) {
        if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
          ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
          if (n <= 0 || ::write(fds[1 - i].fd, buffer, static_cast<size_t>(n)) != n) return;
        }
      }
    }
  }

 private:
  void accept_loop() {
    while (!stop_) {
      int client = ::accept(listen_fd_, nullptr, nullptr);
      if (client < 0) return;
      std::lock_guard lock(mutex_);
      workers_.emplace_back([this, client] { serve_(client); });
    }
  }

  std::function<void(int)> serve_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::mutex mutex_;
  std::vector<std::thread> workers_;
};

}  // namespace kyma::kube::test
