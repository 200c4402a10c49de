#include "tests/fakekube/kubeconfig.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdexcept>

#include "core/manifest/yaml.hpp"
#include "tests/fakekube/certificates.hpp"

namespace fakekube {

using nlohmann::json;

void write_kubeconfig_file(const std::filesystem::path& file, const std::string& server_url,
                           const std::string& ca_pem, const KubeconfigUser& user,
                           const std::string& context_name) {
  json credentials = json::object();
  if (!user.token.empty()) credentials["token"] = user.token;
  if (!user.client_cert_pem.empty()) {
    credentials["client-certificate-data"] = base64_encode(user.client_cert_pem);
    credentials["client-key-data"] = base64_encode(user.client_key_pem);
  }
  json config = {
      {"apiVersion", "v1"},
      {"kind", "Config"},
      {"clusters", json::array({{{"name", context_name},
                                 {"cluster",
                                  {{"server", server_url},
                                   {"certificate-authority-data", base64_encode(ca_pem)}}}}})},
      {"users", json::array({{{"name", context_name + "-admin"}, {"user", credentials}}})},
      {"contexts",
       json::array(
           {{{"name", context_name},
             {"context", {{"cluster", context_name}, {"user", context_name + "-admin"}}}}})},
      {"current-context", context_name},
      {"preferences", json::object()}};
  std::string text = kyma::manifest::to_yaml(config);
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) throw std::runtime_error("fakekube: cannot write kubeconfig " + file.string());
  ::fchmod(fd, 0600);
  ssize_t written = ::write(fd, text.data(), text.size());
  ::close(fd);
  if (written != static_cast<ssize_t>(text.size()))
    throw std::runtime_error("fakekube: cannot write kubeconfig " + file.string());
}

}  // namespace fakekube
