#include "core/kube/kubeconfig_loader.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "core/kube/duration.hpp"
#include "core/ui/error.hpp"

namespace fs = std::filesystem;

namespace kyma::kube {

namespace {

std::string scalar(const YAML::Node& node, const char* key) {
  auto value = node[key];
  if (!value || value.IsNull()) return "";
  if (!value.IsScalar()) throw Error(std::string("field \"") + key + "\" must be a string");
  return value.as<std::string>();
}

bool boolean(const YAML::Node& node, const char* key) {
  auto value = node[key];
  if (!value || value.IsNull()) return false;
  return value.as<bool>();
}

std::vector<std::string> string_list(const YAML::Node& node, const char* key) {
  std::vector<std::string> out;
  auto value = node[key];
  if (!value || value.IsNull()) return out;
  if (!value.IsSequence()) throw Error(std::string("field \"") + key + "\" must be a list");
  for (const auto& item : value) out.push_back(item.as<std::string>());
  return out;
}

std::string resolve_path(const std::string& path, const std::string& base_dir) {
  if (path.empty() || fs::path(path).is_absolute() || base_dir.empty()) return path;
  return (fs::path(base_dir) / path).lexically_normal().string();
}

std::string decode_data(const std::string& text, const std::string& field,
                        const std::string& name) {
  if (text.empty()) return "";
  auto decoded = base64_decode(text);
  if (!decoded) throw Error(field + " of \"" + name + "\" is not valid base64");
  return *decoded;
}

// Reads the `name`d entries of a kubeconfig list (clusters/users/contexts).
template <typename F>
void for_each_named(const YAML::Node& root, const char* list, const char* item_key, F f) {
  auto entries = root[list];
  if (!entries || entries.IsNull()) return;
  if (!entries.IsSequence()) throw Error(std::string("\"") + list + "\" must be a list");
  for (const auto& entry : entries) {
    std::string name = scalar(entry, "name");
    if (name.empty()) continue;
    auto body = entry[item_key];
    f(name, body && !body.IsNull() ? body : YAML::Node(YAML::NodeType::Map));
  }
}

ExecConfig parse_exec(const YAML::Node& node, const std::string& base_dir) {
  ExecConfig exec;
  exec.command = scalar(node, "command");
  // Only a command with a path separator is resolved; a bare name is looked up on PATH.
  if (exec.command.find('/') != std::string::npos)
    exec.command = resolve_path(exec.command, base_dir);
  exec.args = string_list(node, "args");
  if (auto env = node["env"]; env && env.IsSequence()) {
    for (const auto& item : env) exec.env.emplace_back(scalar(item, "name"), scalar(item, "value"));
  }
  exec.api_version = scalar(node, "apiVersion");
  exec.install_hint = scalar(node, "installHint");
  exec.provide_cluster_info = boolean(node, "provideClusterInfo");
  exec.interactive_mode = scalar(node, "interactiveMode");
  return exec;
}

std::string read_whole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool file_exists(const std::string& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

std::string absolute(const std::string& path) {
  if (path.empty()) return path;
  std::error_code ec;
  auto abs = fs::absolute(path, ec);
  return ec ? path : abs.lexically_normal().string();
}

std::optional<RestConfig> in_cluster_config(const LoaderEnvironment& env) {
  auto host = env.getenv("KUBERNETES_SERVICE_HOST");
  auto port = env.getenv("KUBERNETES_SERVICE_PORT");
  if (!host || !port || host->empty() || port->empty()) return std::nullopt;
  std::string token_file = (fs::path(env.service_account_dir) / "token").string();
  if (!file_exists(token_file)) return std::nullopt;
  RestConfig config;
  config.in_cluster = true;
  std::string h = *host;
  if (h.find(':') != std::string::npos) h = "[" + h + "]";  // IPv6
  config.server = "https://" + h + ":" + *port;
  config.bearer_token_file = token_file;
  config.bearer_token = trim(read_whole(token_file));
  std::string ca = (fs::path(env.service_account_dir) / "ca.crt").string();
  if (file_exists(ca)) config.ca_file = ca;
  config.namespace_ = "default";
  if (auto pod_ns = env.getenv("POD_NAMESPACE"); pod_ns && !pod_ns->empty()) {
    config.namespace_ = *pod_ns;
  } else {
    auto ns = trim(read_whole((fs::path(env.service_account_dir) / "namespace").string()));
    if (!ns.empty()) config.namespace_ = ns;
  }
  return config;
}

// kubectl ignores an empty flag value ("--server=") as if it were not given.
bool given(const std::optional<std::string>& flag) {
  return flag && !flag->empty();
}

void apply_flags(RestConfig& config, const ConnectionFlags& flags) {
  if (given(flags.server)) {
    config.server = *flags.server;
    // A new server invalidates the kubeconfig's TLS server name unless one is given too.
    if (!given(flags.tls_server_name)) config.tls_server_name.clear();
  }
  if (given(flags.tls_server_name)) config.tls_server_name = *flags.tls_server_name;
  if (given(flags.certificate_authority)) {
    config.ca_file = absolute(*flags.certificate_authority);
    config.ca_data.clear();
    config.insecure_skip_tls_verify = false;
  }
  if (flags.insecure_skip_tls_verify) {
    config.insecure_skip_tls_verify = *flags.insecure_skip_tls_verify;
    if (*flags.insecure_skip_tls_verify && !given(flags.certificate_authority)) {
      config.ca_file.clear();
      config.ca_data.clear();
    }
  }
  if (flags.disable_compression) config.disable_compression = *flags.disable_compression;
  if (given(flags.token)) {
    config.bearer_token = *flags.token;
    config.bearer_token_file.clear();
  }
  if (given(flags.client_certificate)) {
    config.client_certificate_file = absolute(*flags.client_certificate);
    config.client_certificate_data.clear();
  }
  if (given(flags.client_key)) {
    config.client_key_file = absolute(*flags.client_key);
    config.client_key_data.clear();
  }
  if (given(flags.as)) config.impersonate_user = *flags.as;
  if (given(flags.as_uid)) config.impersonate_uid = *flags.as_uid;
  if (!flags.as_groups.empty()) config.impersonate_groups = flags.as_groups;
  if (!flags.as_user_extra.empty()) {
    config.impersonate_extra.clear();
    for (const auto& item : flags.as_user_extra) {
      auto eq = item.find('=');
      if (eq == std::string::npos || eq == 0)
        throw UsageError("invalid argument \"" + item +
                         "\" for \"--as-user-extra\" flag: expected key=value");
      config.impersonate_extra[item.substr(0, eq)].push_back(item.substr(eq + 1));
    }
  }
  if (given(flags.username)) config.username = *flags.username;
  if (given(flags.password)) config.password = *flags.password;
  if (given(flags.request_timeout)) config.timeout = parse_request_timeout(*flags.request_timeout);
}

void check_exec(const ExecConfig& exec, const std::string& user) {
  if (exec.command.empty())
    throw Error("exec plugin of user \"" + user + "\": command must be specified");
  if (exec.api_version != "client.authentication.k8s.io/v1" &&
      exec.api_version != "client.authentication.k8s.io/v1beta1") {
    throw Error("exec plugin of user \"" + user + "\": apiVersion \"" + exec.api_version +
                "\" is not supported (use client.authentication.k8s.io/v1 or v1beta1)");
  }
  const auto& mode = exec.interactive_mode;
  if (mode.empty() && exec.api_version == "client.authentication.k8s.io/v1") {
    throw Error("interactiveMode must be specified for " + user +
                " to use exec authentication plugin");
  }
  if (!mode.empty() && mode != "Never" && mode != "IfAvailable" && mode != "Always") {
    throw Error("exec plugin of user \"" + user + "\": invalid interactiveMode \"" + mode +
                "\" (use Never, IfAvailable or Always)");
  }
}

}  // namespace

LoaderEnvironment LoaderEnvironment::process() {
  LoaderEnvironment env;
  env.getenv = [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (!value) return std::nullopt;
    return std::string(value);
  };
  const char* home = std::getenv("HOME");
  env.home = home ? home : "";
  return env;
}

std::optional<std::string> base64_decode(const std::string& text) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  bool padding = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    if (c == '=') {
      padding = true;
      continue;
    }
    if (padding) return std::nullopt;
    auto pos = kAlphabet.find(c);
    if (pos == std::string::npos) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(pos);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

std::string base64_encode(const std::string& data) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : data) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(buffer >> bits) & 0x3F]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (6 - bits)) & 0x3F]);
  while (out.size() % 4) out.push_back('=');
  return out;
}

Kubeconfig parse_kubeconfig_text(const std::string& text, const std::string& base_dir,
                                 const std::string& source_name) {
  Kubeconfig config;
  config.files.push_back(source_name);
  try {
    YAML::Node root = YAML::Load(text);
    if (!root || root.IsNull()) return config;
    if (!root.IsMap()) throw Error("not a kubeconfig (expected a mapping)");
    config.current_context = scalar(root, "current-context");
    for_each_named(root, "clusters", "cluster", [&](const std::string& name, const YAML::Node& c) {
      if (config.clusters.count(name)) return;
      KubeconfigCluster cluster;
      cluster.server = scalar(c, "server");
      cluster.tls_server_name = scalar(c, "tls-server-name");
      cluster.insecure_skip_tls_verify = boolean(c, "insecure-skip-tls-verify");
      cluster.certificate_authority = resolve_path(scalar(c, "certificate-authority"), base_dir);
      cluster.certificate_authority_data =
          decode_data(scalar(c, "certificate-authority-data"), "certificate-authority-data", name);
      cluster.proxy_url = scalar(c, "proxy-url");
      cluster.disable_compression = boolean(c, "disable-compression");
      config.clusters.emplace(name, std::move(cluster));
    });
    for_each_named(root, "users", "user", [&](const std::string& name, const YAML::Node& u) {
      if (config.users.count(name)) return;
      KubeconfigUser user;
      user.client_certificate = resolve_path(scalar(u, "client-certificate"), base_dir);
      user.client_certificate_data =
          decode_data(scalar(u, "client-certificate-data"), "client-certificate-data", name);
      user.client_key = resolve_path(scalar(u, "client-key"), base_dir);
      user.client_key_data = decode_data(scalar(u, "client-key-data"), "client-key-data", name);
      user.token = scalar(u, "token");
      user.token_file = resolve_path(scalar(u, "tokenFile"), base_dir);
      user.as = scalar(u, "as");
      user.as_uid = scalar(u, "as-uid");
      user.as_groups = string_list(u, "as-groups");
      if (auto extra = u["as-user-extra"]; extra && extra.IsMap()) {
        for (const auto& kv : extra) {
          std::vector<std::string> values;
          if (kv.second.IsSequence()) {
            for (const auto& v : kv.second) values.push_back(v.as<std::string>());
          } else if (kv.second.IsScalar()) {
            values.push_back(kv.second.as<std::string>());
          }
          user.as_user_extra[kv.first.as<std::string>()] = values;
        }
      }
      user.username = scalar(u, "username");
      user.password = scalar(u, "password");
      if (auto provider = u["auth-provider"]; provider && provider.IsMap()) {
        user.auth_provider = scalar(provider, "name");
        if (auto cfg = provider["config"]; cfg && cfg.IsMap()) {
          for (const auto& kv : cfg)
            user.auth_provider_config[kv.first.as<std::string>()] = kv.second.as<std::string>();
        }
      }
      if (auto exec = u["exec"]; exec && exec.IsMap()) user.exec = parse_exec(exec, base_dir);
      config.users.emplace(name, std::move(user));
    });
    for_each_named(root, "contexts", "context", [&](const std::string& name, const YAML::Node& c) {
      if (config.contexts.count(name)) return;
      config.contexts.emplace(
          name, KubeconfigContext{scalar(c, "cluster"), scalar(c, "user"), scalar(c, "namespace")});
    });
  } catch (const YAML::Exception& e) {
    throw Error("error loading config file \"" + source_name + "\": " + e.what());
  } catch (const Error& e) {
    throw Error("error loading config file \"" + source_name + "\": " + e.what());
  }
  return config;
}

Kubeconfig parse_kubeconfig_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("error loading config file \"" + path + "\": cannot read the file");
  std::ostringstream text;
  text << in.rdbuf();
  auto dir = fs::path(absolute(path)).parent_path().string();
  return parse_kubeconfig_text(text.str(), dir, path);
}

Kubeconfig merge_kubeconfigs(const std::vector<Kubeconfig>& configs) {
  Kubeconfig merged;
  for (const auto& config : configs) {
    // map::insert keeps an existing entry: the first file that defines a name wins entirely.
    merged.clusters.insert(config.clusters.begin(), config.clusters.end());
    merged.users.insert(config.users.begin(), config.users.end());
    merged.contexts.insert(config.contexts.begin(), config.contexts.end());
    if (merged.current_context.empty()) merged.current_context = config.current_context;
    merged.files.insert(merged.files.end(), config.files.begin(), config.files.end());
  }
  return merged;
}

std::vector<std::string> kubeconfig_files(const std::optional<std::string>& explicit_path,
                                          const LoaderEnvironment& env) {
  if (explicit_path && !explicit_path->empty()) {
    if (!file_exists(*explicit_path))
      throw Error("the kubeconfig file \"" + *explicit_path +
                  "\" given with --kubeconfig does not exist");
    return {*explicit_path};
  }
  std::vector<std::string> files;
  auto list = env.getenv("KUBECONFIG");
  if (list && !list->empty()) {
    std::set<std::string> seen;
    std::stringstream in(*list);
    std::string item;
    while (std::getline(in, item, ':')) {
      if (item.empty() || !seen.insert(item).second) continue;
      if (file_exists(item)) files.push_back(item);
    }
    return files;
  }
  if (!env.home.empty()) {
    auto home_config = (fs::path(env.home) / ".kube" / "config").string();
    if (file_exists(home_config)) files.push_back(home_config);
  }
  return files;
}

RestConfig load_rest_config(const ConnectionFlags& flags, const LoaderEnvironment& env) {
  auto files = kubeconfig_files(flags.kubeconfig, env);
  RestConfig config;

  auto set_cache_dir = [&](RestConfig& c) {
    if (flags.cache_dir && !flags.cache_dir->empty()) {
      c.cache_dir = *flags.cache_dir;
    } else if (auto dir = env.getenv("KUBECACHEDIR"); dir && !dir->empty()) {
      c.cache_dir = *dir;
    } else if (!env.home.empty()) {
      c.cache_dir = (fs::path(env.home) / ".kube" / "cache").string();
    }
  };

  if (files.empty()) {
    if (auto in_cluster = in_cluster_config(env)) {
      config = *in_cluster;
      apply_flags(config, flags);
      if (flags.namespace_ && !flags.namespace_->empty()) config.namespace_ = *flags.namespace_;
      set_cache_dir(config);
      return config;
    }
    if (!given(flags.server)) {
      throw Error(
          "invalid configuration: no configuration has been provided, try setting "
          "KUBECONFIG or --kubeconfig (no kubeconfig file found and not running in a cluster)");
    }
  }

  std::vector<Kubeconfig> parsed;
  for (const auto& file : files) parsed.push_back(parse_kubeconfig_file(file));
  Kubeconfig merged = merge_kubeconfigs(parsed);

  std::string context_name =
      flags.context && !flags.context->empty() ? *flags.context : merged.current_context;
  KubeconfigContext context;
  if (!context_name.empty()) {
    auto it = merged.contexts.find(context_name);
    if (it == merged.contexts.end())
      throw Error("context was not found for specified context: " + context_name);
    context = it->second;
  }
  config.context_name = context_name;
  config.cluster_name = flags.cluster && !flags.cluster->empty() ? *flags.cluster : context.cluster;
  config.user_name = flags.user && !flags.user->empty() ? *flags.user : context.user;

  if (!config.cluster_name.empty()) {
    auto it = merged.clusters.find(config.cluster_name);
    if (it == merged.clusters.end()) {
      if (!given(flags.server))
        throw Error("cluster \"" + config.cluster_name + "\" was not found in the kubeconfig" +
                    (context_name.empty() ? "" : " (context \"" + context_name + "\")"));
    } else {
      const auto& c = it->second;
      config.server = c.server;
      config.tls_server_name = c.tls_server_name;
      config.insecure_skip_tls_verify = c.insecure_skip_tls_verify;
      config.ca_file = c.certificate_authority;
      config.ca_data = c.certificate_authority_data;
      config.proxy_url = c.proxy_url;
      config.disable_compression = c.disable_compression;
    }
  }
  if (!config.user_name.empty()) {
    auto it = merged.users.find(config.user_name);
    if (it == merged.users.end()) {
      if (flags.user && !flags.user->empty())
        throw Error("user \"" + config.user_name + "\" was not found in the kubeconfig");
      // client-go tolerates a context whose user is missing: no credentials.
    } else {
      const auto& u = it->second;
      config.client_certificate_file = u.client_certificate;
      config.client_certificate_data = u.client_certificate_data;
      config.client_key_file = u.client_key;
      config.client_key_data = u.client_key_data;
      config.bearer_token = u.token;
      config.bearer_token_file = u.token_file;
      config.impersonate_user = u.as;
      config.impersonate_uid = u.as_uid;
      config.impersonate_groups = u.as_groups;
      config.impersonate_extra = u.as_user_extra;
      config.username = u.username;
      config.password = u.password;
      config.exec = u.exec;
      config.auth_provider = u.auth_provider;
      config.auth_provider_config = u.auth_provider_config;
    }
  }
  config.namespace_ = context.namespace_.empty() ? "default" : context.namespace_;
  if (flags.namespace_ && !flags.namespace_->empty()) config.namespace_ = *flags.namespace_;

  apply_flags(config, flags);
  set_cache_dir(config);

  if (config.server.empty()) {
    if (context_name.empty() && config.cluster_name.empty())
      throw Error(
          "invalid configuration: no configuration has been provided (the kubeconfig has no "
          "current-context; use --context or --server)");
    throw Error("invalid configuration: no server found for cluster \"" + config.cluster_name +
                "\"");
  }
  if (config.insecure_skip_tls_verify && (!config.ca_file.empty() || !config.ca_data.empty())) {
    throw Error(
        "specifying a root certificates file with the insecure flag is not allowed (cluster \"" +
        config.cluster_name + "\")");
  }
  if (config.exec) check_exec(*config.exec, config.user_name);
  if (config.auth_provider == "gcp") {
    throw Error(
        "The gcp auth plugin has been removed. Please use the \"gke-gcloud-auth-plugin\" "
        "kubectl/client-go credential plugin instead.");
  }
  if (config.auth_provider == "azure") {
    throw Error(
        "The azure auth plugin has been removed. Please use the https://github.com/Azure/kubelogin "
        "kubectl/client-go credential plugin instead.");
  }
  if (config.auth_provider == "oidc") {
    auto id = config.auth_provider_config.find("id-token");
    if (id == config.auth_provider_config.end() || id->second.empty()) {
      throw Error("the oidc auth-provider of user \"" + config.user_name +
                  "\" has no id-token (token refresh is not supported; log in with your OIDC "
                  "tool first or use an exec credential plugin)");
    }
    if (config.bearer_token.empty() && config.bearer_token_file.empty())
      config.bearer_token = id->second;
  } else if (!config.auth_provider.empty()) {
    throw Error("no Auth Provider found for name \"" + config.auth_provider + "\"");
  }
  return config;
}

}  // namespace kyma::kube
