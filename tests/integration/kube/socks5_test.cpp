// proxy-url socks5://: the client reaches the server through a SOCKS5 proxy and, as Go's SOCKS5
// dialer does, leaves name resolution to the proxy (libcurl's socks5h).
#include <catch2/catch.hpp>

#include "core/kube/client.hpp"
#include "tests/integration/kube/fixture.hpp"
#include "tests/integration/kube/socks5_proxy.hpp"

using namespace kyma::kube;
using kyma::kube::test::config_map;
using kyma::kube::test::Fixture;
using kyma::kube::test::Socks5Proxy;

TEST_CASE("through a SOCKS5 proxy: proxy-url socks5://host:port reaches the server") {
  Fixture f;
  f.create_namespace("itest");
  Socks5Proxy proxy;
  RestConfig config = f.config();
  config.proxy_url = proxy.url();
  Client client(config);
  client.create(config_map("via-socks"));
  CHECK(client.get("v1", "ConfigMap", "itest", "via-socks")["metadata"]["name"] == "via-socks");
  CHECK(f.server.get("v1", "ConfigMap", "itest", "via-socks"));
  REQUIRE(proxy.connects() >= 1);
  // An address in the server URL goes to the proxy as an address.
  for (const auto& target : proxy.targets()) {
    CHECK(target.address_type == "ipv4");
    CHECK(target.target == "127.0.0.1:" + std::to_string(f.server.port()));
  }
}

TEST_CASE("through a SOCKS5 proxy: a host name is resolved by the proxy, not the client") {
  Fixture f;
  Socks5Proxy proxy;
  RestConfig config = f.config();
  config.server = "https://localhost:" + std::to_string(f.server.port());
  config.proxy_url = proxy.url();
  Client client(config);
  CHECK(client.get_path("/version").contains("gitVersion"));
  REQUIRE(proxy.connects() >= 1);
  for (const auto& target : proxy.targets()) {
    CHECK(target.address_type == "domain");
    CHECK(target.target == "localhost:" + std::to_string(f.server.port()));
  }
}

TEST_CASE("through a SOCKS5 proxy: an IPv6 server address") {
  fakekube::ServerOptions options;
  options.bind_address = "::1";
  fakekube::Server server(options);
  server.start();
  REQUIRE(server.url() == "https://[::1]:" + std::to_string(server.port()));
  Socks5Proxy proxy;
  kyma::test::TempDir dir;
  RestConfig config;
  config.server = server.url();
  config.ca_data = server.ca_pem();
  config.cache_dir = (dir.path() / "cache").string();
  config.bearer_token = server.admin_token();
  config.proxy_url = proxy.url();
  Client client(config);
  CHECK(client.get_path("/version").contains("gitVersion"));
  REQUIRE(proxy.connects() >= 1);
  for (const auto& target : proxy.targets()) {
    CHECK(target.address_type == "ipv6");
    CHECK(target.target == "[::1]:" + std::to_string(server.port()));
  }
}

TEST_CASE("through a SOCKS5 proxy that cannot reach the server: one line naming the server") {
  Socks5Proxy proxy;
  RestConfig config;
  config.server = "https://127.0.0.1:1";  // nothing listens there: the proxy refuses the CONNECT
  config.bearer_token = "secret-token";
  config.proxy_url = proxy.url();
  Client client(config);
  try {
    client.get_path("/version");
    FAIL("expected a connection error");
  } catch (const kyma::Error& e) {
    std::string message = e.what();
    CHECK(message.rfind("Unable to connect to the server https://127.0.0.1:1: ", 0) == 0);
    CHECK(message.find("secret-token") == std::string::npos);
  }
  CHECK(proxy.connects() == 0);
  REQUIRE_FALSE(proxy.targets().empty());
  CHECK(proxy.targets().front().target == "127.0.0.1:1");
}
