// TLS and authentication: the server's certificate verifies against its CA for 127.0.0.1 and
// localhost; bearer tokens and client certificates identify users; anything else gets 401.
#include <catch2/catch.hpp>

#include <filesystem>

#include "tests/fakekube/certificates.hpp"
#include "tests/integration/fakekube/api_client.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

using fakekube::Server;
using fakekube::test::ApiClient;
using kyma::test::TempDir;
using nlohmann::json;

TEST_CASE("anonymous and unknown-token requests get a 401 Status") {
  Server server;
  server.start();
  ApiClient anonymous(server, ApiClient::Auth::kNone);
  auto reply = anonymous.get("/api/v1/namespaces");
  REQUIRE(reply.status == 401);
  json status = reply.json();
  CHECK(status["kind"] == "Status");
  CHECK(status["apiVersion"] == "v1");
  CHECK(status["status"] == "Failure");
  CHECK(status["reason"] == "Unauthorized");
  CHECK(status["code"] == 401);
  CHECK(anonymous.get("/version").status == 401);

  anonymous.set_token("not-a-token");
  CHECK(anonymous.get("/api/v1/namespaces").status == 401);
}

TEST_CASE("the admin token and an added token are accepted and logged with their user") {
  Server server;
  server.start();
  ApiClient admin(server);
  CHECK(admin.get("/api/v1/namespaces/default").status == 200);
  CHECK(server.requests().back().user == "admin");

  server.add_token("t0k3n", "alice");
  ApiClient alice(server, ApiClient::Auth::kNone);
  alice.set_token("t0k3n");
  CHECK(alice.get("/api/v1/namespaces/default").status == 200);
  CHECK(server.requests().back().user == "alice");
}

TEST_CASE("the admin client certificate authenticates as admin") {
  Server server;
  server.start();
  ApiClient by_cert(server, ApiClient::Auth::kCertificate);
  auto reply = by_cert.get("/api/v1/namespaces/default");
  CHECK(reply.status == 200);
  CHECK(server.requests().back().user == "admin");
  // The admin is in system:masters: the control API accepts it.
  CHECK(by_cert.get("/_fakekube/requests").status == 200);
}

TEST_CASE("a client certificate from another CA is not accepted") {
  Server server;
  server.start();
  auto foreign = fakekube::make_pki(std::nullopt, std::nullopt);  // its own CA
  TempDir dir;
  std::string cert = dir.write("foreign.crt", foreign.admin_client.cert_pem);
  std::string key = dir.write("foreign.key", foreign.admin_client.key_pem);
  std::string ca = dir.write("ca.pem", server.ca_pem());
  httplib::SSLClient client("127.0.0.1", server.port(), cert, key);
  client.set_ca_cert_path(ca.c_str());
  client.enable_server_certificate_verification(true);
  auto result = client.Get("/api/v1/namespaces");
  // Either the handshake fails or the request is unauthenticated; never a 200.
  CHECK((!result || result->status == 401));
}

TEST_CASE("the serving certificate is valid for localhost too, and not for other names") {
  Server server;
  server.start();
  TempDir dir;
  std::string ca = dir.write("ca.pem", server.ca_pem());
  httplib::SSLClient by_name("localhost", server.port());
  by_name.set_ca_cert_path(ca.c_str());
  by_name.enable_server_certificate_verification(true);
  auto ok = by_name.Get("/version", {{"Authorization", "Bearer " + server.admin_token()}});
  REQUIRE(ok);
  CHECK(ok->status == 200);

  // A client that trusts another CA refuses the server.
  auto other = fakekube::make_pki(std::nullopt, std::nullopt);
  std::string other_ca = dir.write("other-ca.pem", other.ca.cert_pem);
  httplib::SSLClient distrustful("127.0.0.1", server.port());
  distrustful.set_ca_cert_path(other_ca.c_str());
  distrustful.enable_server_certificate_verification(true);
  CHECK_FALSE(distrustful.Get("/version"));
}

TEST_CASE("a given CA issues the serving and client certificates") {
  auto pki = fakekube::make_pki(std::nullopt, std::nullopt);
  fakekube::ServerOptions options;
  options.ca_cert_pem = pki.ca.cert_pem;
  options.ca_key_pem = pki.ca.key_pem;
  Server server(options);
  server.start();
  CHECK(server.ca_pem() == pki.ca.cert_pem);
  ApiClient by_cert(server, ApiClient::Auth::kCertificate);  // verifies against the given CA
  CHECK(by_cert.get("/api/v1/namespaces").status == 200);
}

TEST_CASE("write_kubeconfig writes inline credentials, readable by the owner only") {
  Server server;
  server.start();
  TempDir dir;
  auto file = dir.path() / "kubeconfig";
  server.write_kubeconfig(file, "token", "ctx");
  std::string text = kyma::test::read_file(file);
  CHECK(text.find("server: " + server.url()) != std::string::npos);
  CHECK(text.find("certificate-authority-data: " + fakekube::base64_encode(server.ca_pem())) !=
        std::string::npos);
  CHECK(text.find("token: " + server.admin_token()) != std::string::npos);
  CHECK(text.find("current-context: ctx") != std::string::npos);
  CHECK((std::filesystem::status(file).permissions() & std::filesystem::perms::group_read) ==
        std::filesystem::perms::none);
  server.write_kubeconfig(file, "cert");
  std::string cert_text = kyma::test::read_file(file);
  CHECK(cert_text.find("client-certificate-data: ") != std::string::npos);
  CHECK(cert_text.find("token:") == std::string::npos);
  CHECK_THROWS_AS(server.write_kubeconfig(file, "basic"), std::invalid_argument);
}

TEST_CASE("a client that resumes its TLS session is accepted, as curl does on reconnect") {
  Server server;
  server.start();
  kyma::test::ProcessOptions options;
  options.stdin_data = "";
  options.timeout = std::chrono::seconds(30);
  auto result = kyma::test::run_process(
      {"openssl", "s_client", "-connect", "127.0.0.1:" + std::to_string(server.port()),
       "-reconnect", "-tls1_2"},
      options);
  CHECK(result.out.find("New, TLSv1.2") != std::string::npos);
  CHECK(result.out.find("Reused, TLSv1.2") != std::string::npos);
  CHECK(result.out.find("alert") == std::string::npos);
}
