#pragma once
// A tiny SOCKS5 proxy for tests (RFC 1928): accepts connections on 127.0.0.1, offers only the
// no-authentication method, serves CONNECT to IPv4, domain-name and IPv6 targets (resolving
// names itself, as a proxy reached through socks5h must) and pipes bytes both ways. Records
// each target as the client sent it, so a test can tell a name from an address it resolved.
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "tests/integration/kube/loopback_listener.hpp"

namespace kyma::kube::test {

struct Socks5Target {
  std::string address_type;  // "ipv4", "domain" or "ipv6": how the client sent the host
  std::string target;        // host:port as sent ("[::1]:443" for IPv6)
};

class Socks5Proxy {
 public:
  int port() const { return listener_.port(); }
  std::string url() const { return "socks5://127.0.0.1:" + std::to_string(port()); }
  // CONNECT requests served (tunnels opened to their target).
  int connects() const { return connects_; }
  std::vector<Socks5Target> targets() const {
    std::lock_guard lock(mutex_);
    return targets_;
  }

 private:
  // Reply codes (RFC 1928 section 6).
  static constexpr unsigned char kSucceeded = 0x00, kRefused = 0x05, kBadCommand = 0x07,
                                 kBadAddressType = 0x08, kNoAcceptableMethod = 0xFF;

  static bool read_exactly(int fd, unsigned char* out, size_t n) {
    while (n > 0) {
      ssize_t got = ::read(fd, out, n);
      if (got <= 0) return false;
      out += got;
      n -= static_cast<size_t>(got);
    }
    return true;
  }

  static void reply(int client, unsigned char code) {
    // VER REP RSV ATYP=IPv4 BND.ADDR=0.0.0.0 BND.PORT=0: clients ignore the bound address.
    const unsigned char answer[] = {0x05, code, 0x00, 0x01, 0, 0, 0, 0, 0, 0};
    (void)!::write(client, answer, sizeof answer);
  }

  // A connected socket to host:port (resolved here), or -1.
  static int dial(const std::string& host, const std::string& port) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (::getaddrinfo(host.c_str(), port.c_str(), &hints, &found) != 0) return -1;
    int fd = -1;
    for (addrinfo* a = found; a && fd < 0; a = a->ai_next) {
      fd = ::socket(a->ai_family, a->ai_socktype, a->ai_protocol);
      if (fd >= 0 && ::connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
        ::close(fd);
        fd = -1;
      }
    }
    ::freeaddrinfo(found);
    return fd;
  }

  void serve(int client) {
    // Greeting: VER NMETHODS METHODS...; only "no authentication" (0) is accepted.
    unsigned char head[2];
    if (!read_exactly(client, head, 2) || head[0] != 0x05) return;
    std::vector<unsigned char> methods(head[1]);
    if (!read_exactly(client, methods.data(), methods.size())) return;
    bool no_auth = false;
    for (unsigned char m : methods) no_auth = no_auth || m == 0x00;
    const unsigned char choice[] = {
        0x05, no_auth ? static_cast<unsigned char>(0x00) : kNoAcceptableMethod};
    (void)!::write(client, choice, sizeof choice);
    if (!no_auth) return;

    // Request: VER CMD RSV ATYP DST.ADDR DST.PORT
    unsigned char request[4];
    if (!read_exactly(client, request, 4) || request[0] != 0x05) return;
    std::string host, type;
    if (request[3] == 0x01) {
      unsigned char ip[4];
      if (!read_exactly(client, ip, 4)) return;
      char text[INET_ADDRSTRLEN];
      host = ::inet_ntop(AF_INET, ip, text, sizeof text);
      type = "ipv4";
    } else if (request[3] == 0x03) {
      unsigned char length;
      if (!read_exactly(client, &length, 1)) return;
      host.resize(length);
      if (!read_exactly(client, reinterpret_cast<unsigned char*>(host.data()), length)) return;
      type = "domain";
    } else if (request[3] == 0x04) {
      unsigned char ip[16];
      if (!read_exactly(client, ip, 16)) return;
      char text[INET6_ADDRSTRLEN];
      host = ::inet_ntop(AF_INET6, ip, text, sizeof text);
      type = "ipv6";
    } else {
      reply(client, kBadAddressType);
      return;
    }
    unsigned char port_bytes[2];
    if (!read_exactly(client, port_bytes, 2)) return;
    std::string port = std::to_string((port_bytes[0] << 8) | port_bytes[1]);
    {
      std::lock_guard lock(mutex_);
      targets_.push_back({type, (type == "ipv6" ? "[" + host + "]" : host) + ":" + port});
    }
    if (request[1] != 0x01) {  // BIND and UDP ASSOCIATE are not served
      reply(client, kBadCommand);
      return;
    }
    int upstream = dial(host, port);
    if (upstream < 0) {
      reply(client, kRefused);
      return;
    }
    ++connects_;
    reply(client, kSucceeded);
    listener_.pipe(client, upstream);
    ::close(upstream);
  }

  std::atomic<int> connects_{0};
  mutable std::mutex mutex_;
  std::vector<Socks5Target> targets_;
  // Last: stops first. Each connection is closed once served.
  LoopbackListener listener_{[this](int client) {
    serve(client);
    ::close(client);
  }};
};

}  // namespace kyma::kube::test
