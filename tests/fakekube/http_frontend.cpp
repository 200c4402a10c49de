#include "tests/fakekube/http_frontend.hpp"

#include <sys/socket.h>

#include <openssl/pem.h>
#include <openssl/ssl.h>

#include <stdexcept>

#include <httplib.h>

#include "tests/fakekube/control_api.hpp"
#include "tests/fakekube/discovery.hpp"
#include "tests/fakekube/http_exchange.hpp"
#include "tests/fakekube/openapi.hpp"
#include "tests/fakekube/resource_handlers.hpp"

namespace fakekube {

using nlohmann::json;

namespace {

X509* read_cert(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  return cert;
}

EVP_PKEY* read_key(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  return key;
}

// Serving certificate and key; client certificates are asked for, verified against the CA,
// and optional (token clients send none).
bool setup_tls(SSL_CTX& ctx, const Pki& pki) {
  X509* cert = read_cert(pki.serving.cert_pem);
  EVP_PKEY* key = read_key(pki.serving.key_pem);
  X509* ca = read_cert(pki.ca.cert_pem);
  bool ok = cert && key && ca && SSL_CTX_use_certificate(&ctx, cert) == 1 &&
            SSL_CTX_use_PrivateKey(&ctx, key) == 1;
  if (ok) {
    SSL_CTX_add_extra_chain_cert(&ctx, X509_dup(ca));
    X509_STORE* store = X509_STORE_new();
    X509_STORE_add_cert(store, ca);
    SSL_CTX_set_cert_store(&ctx, store);
    STACK_OF(X509_NAME)* names = sk_X509_NAME_new_null();
    sk_X509_NAME_push(names, X509_NAME_dup(X509_get_subject_name(ca)));
    SSL_CTX_set_client_CA_list(&ctx, names);
    SSL_CTX_set_verify(&ctx, SSL_VERIFY_PEER, [](int, X509_STORE_CTX*) { return 1; });
    // With peer verification on, resumed sessions need an id context, or OpenSSL fails the
    // handshake of a client that resumes (curl does) with an internal error.
    static const unsigned char kSessionContext[] = "fakekube";
    SSL_CTX_set_session_id_context(&ctx, kSessionContext, sizeof kSessionContext - 1);
    SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
  }
  if (cert) X509_free(cert);
  if (key) EVP_PKEY_free(key);
  if (ca) X509_free(ca);
  return ok;
}

std::string query_of(const httplib::Request& request) {
  auto q = request.target.find('?');
  return q == std::string::npos ? "" : request.target.substr(q + 1);
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

HttpFrontend::HttpFrontend(Cluster& cluster, TestControl& control, Authenticator& authenticator,
                           const Pki& pki, std::string kubernetes_version)
    : cluster_(cluster),
      control_(control),
      authenticator_(authenticator),
      pki_(pki),
      kubernetes_version_(std::move(kubernetes_version)) {}

HttpFrontend::~HttpFrontend() {
  stop();
}

void HttpFrontend::start(const std::string& bind_address, int port) {
  bind_address_ = bind_address;
  server_ =
      std::make_unique<httplib::SSLServer>([this](SSL_CTX& ctx) { return setup_tls(ctx, pki_); });
  if (!server_->is_valid()) throw std::runtime_error("fakekube: TLS setup failed");
  // Watches hold a worker each for their lifetime; keep plenty.
  server_->new_task_queue = [] { return new httplib::ThreadPool(96); };
  server_->set_keep_alive_max_count(1000);
  server_->set_keep_alive_timeout(2);
  // Headers and body go out in separate writes: without TCP_NODELAY the body waits for the
  // client's delayed ACK (about 40 ms per request on Linux).
  server_->set_tcp_nodelay(true);
  server_->set_read_timeout(30);
  server_->set_payload_max_length(64 * 1024 * 1024);
  auto handler = [this](const httplib::Request& request, httplib::Response& response) {
    handle(request, response);
  };
  server_->Get(".*", handler);
  server_->Post(".*", handler);
  server_->Put(".*", handler);
  server_->Patch(".*", handler);
  server_->Delete(".*", handler);
  // Responses are never compressed: a gzip stream would hold watch events back.
  server_->set_pre_routing_handler([](const httplib::Request& request, httplib::Response&) {
    const_cast<httplib::Request&>(request).headers.erase("Accept-Encoding");
    return httplib::Server::HandlerResponse::Unhandled;
  });
  port_ = port == 0 ? server_->bind_to_any_port(bind_address)
                    : (server_->bind_to_port(bind_address, port) ? port : -1);
  if (port_ <= 0)
    throw std::runtime_error("fakekube: cannot listen on " + bind_address + ":" +
                             std::to_string(port));
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void HttpFrontend::stop() {
  if (!server_) return;
  server_->stop();
  if (thread_.joinable()) thread_.join();
  server_.reset();
}

void HttpFrontend::handle(const httplib::Request& request, httplib::Response& response) {
  Exchange x{request, response, {}};
  RequestRecord record;
  record.verb = request.method;
  record.path = request.path;
  record.query = query_of(request);
  record.content_type = request.get_header_value("Content-Type");
  record.field_manager =
      request.has_param("fieldManager") ? request.get_param_value("fieldManager") : "";
  bool logged = !starts_with(request.path, "/_fakekube/");
  try {
    auto user = authenticator_.authenticate(request);
    if (!user) throw unauthorized();
    x.user = *user;
    record.user = user->name;
    record.groups = user->groups;
    if (logged) {
      if (auto fault = control_.take_fault(request.method, request.path)) {
        if (fault->delay.count() > 0) std::this_thread::sleep_for(fault->delay);
        if (!fault->warning.empty()) {
          response.set_header("Warning", "299 - \"" + fault->warning + "\"");
        }
        if (fault->close_connection) {
          if (request.ssl) ::shutdown(SSL_get_fd(request.ssl), SHUT_RDWR);
          record.status = 0;
          control_.record(record);
          return;
        }
        if (fault->status >= 300) {
          if (fault->retry_after_seconds)
            response.set_header("Retry-After", std::to_string(*fault->retry_after_seconds));
          throw from_code(fault->status);
        }
      }
    }
    route(x);
  } catch (const ApiError& e) {
    x.fail(e);
  } catch (const std::exception& e) {
    x.fail(ApiError(500, "InternalError", std::string("Internal error occurred: ") + e.what()));
  }
  record.status = response.status;
  if (logged) control_.record(record);
}

void HttpFrontend::route(Exchange& x) {
  const std::string& path = x.request.path;
  const std::string& method = x.request.method;
  if (starts_with(path, "/_fakekube/")) {
    handle_control(cluster_, control_, x);
    return;
  }
  bool aggregated =
      x.request.get_header_value("Accept").find("as=APIGroupDiscoveryList") != std::string::npos;
  if (method == "GET") {
    if (path == "/version" || path == "/version/") {
      x.send(200, version_info(kubernetes_version_));
      return;
    }
    if (path == "/healthz" || path == "/livez" || path == "/readyz") {
      x.send(200, std::string("ok"), "text/plain");
      return;
    }
    if (path == "/api" || path == "/api/") {
      if (aggregated)
        x.send(200, aggregated_discovery(cluster_.types(), true).dump(), kAggregatedDiscoveryType);
      else
        x.send(200, core_versions(bind_address_ + ":" + std::to_string(port_)));
      return;
    }
    if (path == "/apis" || path == "/apis/") {
      if (aggregated)
        x.send(200, aggregated_discovery(cluster_.types(), false).dump(), kAggregatedDiscoveryType);
      else
        x.send(200, api_group_list(cluster_.types()));
      return;
    }
    if (path == "/openapi/v3" || path == "/openapi/v3/") {
      x.send(200, openapi_v3_index(cluster_.types()));
      return;
    }
    if (starts_with(path, "/openapi/v3/")) {
      if (auto doc = openapi_v3_document(cluster_.types(), path.substr(12))) {
        x.send(200, *doc);
        return;
      }
    }
    std::vector<std::string> parts;
    for (size_t start = 1; start < path.size();) {
      size_t end = path.find('/', start);
      parts.push_back(path.substr(start, end == std::string::npos ? end : end - start));
      start = end == std::string::npos ? path.size() : end + 1;
    }
    if (parts.size() == 2 && parts[0] == "api") {
      if (auto doc = api_resource_list(cluster_.types(), "", parts[1])) {
        x.send(200, *doc);
        return;
      }
    }
    if (parts.size() == 2 && parts[0] == "apis") {
      if (auto doc = api_group(cluster_.types(), parts[1])) {
        x.send(200, *doc);
        return;
      }
    }
    if (parts.size() == 3 && parts[0] == "apis") {
      if (auto doc = api_resource_list(cluster_.types(), parts[1], parts[2])) {
        x.send(200, *doc);
        return;
      }
    }
  }
  ResourcePath resource;
  if (parse_resource_path(cluster_, path, resource)) {
    handle_resource(cluster_, control_, x, resource);
    return;
  }
  throw ApiError(404, "NotFound", "the server could not find the requested resource",
                 json::object());
}

}  // namespace fakekube
