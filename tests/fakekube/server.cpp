#include "tests/fakekube/server.hpp"

#include <fstream>
#include <random>
#include <stdexcept>

#include "tests/fakekube/authentication.hpp"
#include "tests/fakekube/certificates.hpp"
#include "tests/fakekube/cluster.hpp"
#include "tests/fakekube/http_frontend.hpp"
#include "tests/fakekube/kubeconfig.hpp"
#include "tests/fakekube/test_control.hpp"

namespace fakekube {

Fault failing(const std::string& verb, const std::string& path_prefix, int status, int count) {
  Fault f;
  f.verb = verb;
  f.path_prefix = path_prefix;
  f.status = status;
  f.count = count;
  return f;
}

Fault delayed(const std::string& verb, const std::string& path_prefix,
              std::chrono::milliseconds delay) {
  Fault f = failing(verb, path_prefix, 0);
  f.delay = delay;
  return f;
}

Fault dropped(const std::string& verb, const std::string& path_prefix, int count) {
  Fault f = failing(verb, path_prefix, 0, count);
  f.close_connection = true;
  return f;
}

namespace {

std::string random_token() {
  std::random_device device;
  const char* alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string token;
  for (int i = 0; i < 40; ++i) token += alphabet[device() % 36];
  return token;
}

ClusterOptions cluster_options(const ServerOptions& o) {
  ClusterOptions c;
  c.nodes = o.nodes;
  c.node_cpu = o.node_cpu;
  c.node_memory = o.node_memory;
  c.kubelet_version = o.kubelet_version;
  c.provider_id = o.provider_id;
  c.pod_ready_delay = o.pod_ready_delay;
  return c;
}

}  // namespace

struct Server::Impl {
  explicit Impl(const ServerOptions& o)
      : options(o),
        pki(make_pki(
            o.ca_cert_pem, o.ca_key_pem,
            o.bind_address == "127.0.0.1" || o.bind_address == "::1" || o.bind_address == "0.0.0.0"
                ? std::vector<std::string>{}
                : std::vector<std::string>{o.bind_address})),
        cluster(cluster_options(o)),
        admin_token(random_token()),
        frontend(cluster, control, authenticator, pki, o.kubernetes_version) {
    authenticator.add_token(admin_token, {"admin", {"system:masters", "system:authenticated"}});
  }

  ServerOptions options;
  Pki pki;
  Cluster cluster;
  TestControl control;
  Authenticator authenticator;
  std::string admin_token;
  HttpFrontend frontend;
  bool running = false;
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(options)) {}

Server::~Server() {
  stop();
}

void Server::start() {
  if (impl_->running) return;
  impl_->cluster.start_kubelet();
  impl_->frontend.start(impl_->options.bind_address, impl_->options.port);
  impl_->running = true;
}

void Server::stop() {
  if (!impl_->running) return;
  impl_->running = false;
  // Watches end first, so the front end's workers are free to finish; the kubelet last.
  impl_->cluster.close_watches();
  impl_->frontend.stop();
  impl_->cluster.stop();
}

std::string Server::url() const {
  std::string host = impl_->options.bind_address;
  if (host == "0.0.0.0") host = "127.0.0.1";
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return "https://" + host + ":" + std::to_string(port());
}

int Server::port() const {
  return impl_->frontend.port();
}
std::string Server::ca_pem() const {
  return impl_->pki.ca.cert_pem;
}
std::string Server::admin_token() const {
  return impl_->admin_token;
}
std::string Server::client_cert_pem() const {
  return impl_->pki.admin_client.cert_pem;
}
std::string Server::client_key_pem() const {
  return impl_->pki.admin_client.key_pem;
}

void Server::add_token(const std::string& token, const std::string& user) {
  impl_->authenticator.add_token(token, {user, {"system:authenticated"}});
}

void Server::add_basic_user(const std::string& user, const std::string& password) {
  impl_->authenticator.add_basic_user(user, password);
}

void Server::write_kubeconfig(const std::filesystem::path& file, const std::string& auth,
                              const std::string& context_name) const {
  KubeconfigUser user;
  if (auth == "token") {
    user.token = admin_token();
  } else if (auth == "cert") {
    user.client_cert_pem = client_cert_pem();
    user.client_key_pem = client_key_pem();
  } else {
    throw std::invalid_argument("fakekube: write_kubeconfig: auth must be \"token\" or \"cert\"");
  }
  write_kubeconfig_file(file, url(), ca_pem(), user, context_name);
}

nlohmann::json Server::seed(const nlohmann::json& object) {
  return impl_->cluster.seed(object);
}

std::optional<nlohmann::json> Server::get(const std::string& api_version, const std::string& kind,
                                          const std::string& ns, const std::string& name) const {
  return impl_->cluster.find(api_version, kind, ns, name);
}

std::vector<nlohmann::json> Server::list(const std::string& api_version, const std::string& kind,
                                         const std::string& ns) const {
  return impl_->cluster.find_all(api_version, kind, ns);
}

std::vector<RequestRecord> Server::requests() const {
  return impl_->control.requests();
}
void Server::clear_requests() {
  impl_->control.clear_requests();
}
void Server::add_fault(const Fault& fault) {
  impl_->control.add_fault(fault);
}
void Server::clear_faults() {
  impl_->control.clear_faults();
}
void Server::expire_continue_tokens() {
  impl_->cluster.expire_continue_tokens();
}

void Server::fail_pods(const std::string& ns, const std::string& name_prefix,
                       const std::string& reason) {
  impl_->cluster.fail_pods({ns, name_prefix, reason});
}

void Server::set_access_rules(const std::vector<AccessRule>& rules) {
  impl_->control.set_access_rules(rules);
}

void Server::compact_watch_history() {
  impl_->cluster.compact_watch_history();
}
void Server::close_watches() {
  impl_->cluster.close_watches();
}

std::size_t Server::object_count() const {
  return impl_->cluster.object_count();
}

}  // namespace fakekube
