// HTTP/2: the API server offers it through ALPN (as kube-apiserver does), the client takes it
// and sends concurrent requests as streams of one connection. fakekube speaks HTTP/1.1 only, so
// the HTTP/2 side is nghttpd (Debian package nghttp2-server) serving static files over TLS.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "core/kube/http_transport.hpp"
#include "tests/fakekube/certificates.hpp"
#include "tests/integration/kube/fixture.hpp"
#include "tests/support/background_process.hpp"
#include "tests/support/process.hpp"

using namespace kyma::kube;
using kyma::kube::test::Fixture;
using kyma::test::wait_until;
namespace fs = std::filesystem;
using std::chrono::seconds;

namespace {

// A port nobody listens on right now (the kernel's pick for a socket that is then closed).
int unused_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool accepts_connections(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

// nghttpd -v names each connection "[id=N]"; the N of those that carried requests (the
// readiness probe's connection carried none).
std::set<std::string> connections_with_requests(const std::string& log) {
  std::set<std::string> ids;
  static const std::regex session(R"(^\[id=(\d+)\].*recv HEADERS frame)", std::regex::multiline);
  for (std::sregex_iterator it(log.begin(), log.end(), session), end; it != end; ++it)
    ids.insert((*it)[1].str());
  return ids;
}

size_t count_of(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("HTTP/2 when the server offers it: one connection, concurrent requests as streams") {
  kyma::test::TempDir dir;
  auto pki = fakekube::make_pki(std::nullopt, std::nullopt);
  write_file(dir.path() / "server.key", pki.serving.key_pem);
  write_file(dir.path() / "server.crt", pki.serving.cert_pem);
  fs::path docs = dir.path() / "docs";
  write_file(docs / "version", R"({"major":"1","minor":"32"})");
  const int kObjects = 8;
  for (int i = 0; i < kObjects; ++i)
    write_file(docs / "objects" / std::to_string(i), "object " + std::to_string(i));

  int port = unused_port();
  std::unique_ptr<kyma::test::BackgroundProcess> server;
  try {
    server = std::make_unique<kyma::test::BackgroundProcess>(
        std::vector<std::string>{"nghttpd", "-v", "-a", "127.0.0.1", "-d", docs.string(),
                                 std::to_string(port), (dir.path() / "server.key").string(),
                                 (dir.path() / "server.crt").string()},
        dir.path() / "nghttpd.log");
  } catch (const std::exception& e) {
    FAIL("cannot start nghttpd (Debian package nghttp2-server): " << e.what());
  }
  REQUIRE(wait_until([&] { return server->exited() || accepts_connections(port); }, seconds(10)));
  INFO("nghttpd log:\n" << server->output());
  REQUIRE_FALSE(server->exited());  // e.g. not installed: the log says so

  RestConfig config;
  config.server = "https://127.0.0.1:" + std::to_string(port);
  config.ca_data = pki.ca.cert_pem;
  HttpTransport transport(config);

  HttpResponse version = transport.send(HttpRequest::get("/version"));
  CHECK(version.status == 200);
  CHECK(version.body == R"({"major":"1","minor":"32"})");
  CHECK(version.protocol == "HTTP/2");

  std::vector<HttpRequest> requests;
  for (int i = 0; i < kObjects; ++i)
    requests.push_back(HttpRequest::get("/objects/" + std::to_string(i)));
  std::vector<HttpResponse> responses = transport.send_all(requests);
  REQUIRE(responses.size() == kObjects);
  for (int i = 0; i < kObjects; ++i) {
    CHECK(responses[i].status == 200);
    CHECK(responses[i].body == "object " + std::to_string(i));
    CHECK(responses[i].protocol == "HTTP/2");
  }

  // Every request arrived as a stream of the first connection.
  REQUIRE(wait_until([&] { return count_of(server->output(), "recv HEADERS frame") >= 9; },
                     seconds(5)));
  std::string log = server->output();
  CHECK(count_of(log, "recv HEADERS frame") == kObjects + 1);
  CHECK(connections_with_requests(log).size() == 1);
}

TEST_CASE("HTTP/1.1 when the server offers nothing else (fakekube)") {
  Fixture f;
  HttpTransport transport(f.config());
  HttpResponse first = transport.send(HttpRequest::get("/version"));
  HttpResponse second = transport.send(HttpRequest::get("/version"));
  CHECK(first.status == 200);
  CHECK(first.protocol == "HTTP/1.1");
  CHECK(second.protocol == "HTTP/1.1");
}
