#include "core/kube/discovery.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/kube/api_error.hpp"
#include "core/kube/http_transport.hpp"

namespace fs = std::filesystem;

namespace kyma::kube {

namespace {

std::optional<nlohmann::json> read_fresh(const std::string& file, std::chrono::seconds ttl) {
  std::error_code ec;
  auto mtime = fs::last_write_time(file, ec);
  if (ec) return std::nullopt;
  if (fs::file_time_type::clock::now() - mtime > ttl) return std::nullopt;
  std::ifstream in(file);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  auto doc = nlohmann::json::parse(text.str(), nullptr, false);
  if (doc.is_discarded()) return std::nullopt;
  return doc;
}

void write_cache(const std::string& file, const nlohmann::json& doc) {
  std::error_code ec;
  fs::create_directories(fs::path(file).parent_path(), ec);
  if (ec) return;  // the cache is an optimisation: a read-only folder is not an error
  std::string tmp = file + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp);
    if (!out) return;
    out << doc.dump();
  }
  fs::rename(tmp, file, ec);
  if (ec) fs::remove(tmp, ec);
}

std::pair<std::string, std::string> split_api_version(const std::string& api_version) {
  auto slash = api_version.find('/');
  if (slash == std::string::npos) return {"", api_version};
  return {api_version.substr(0, slash), api_version.substr(slash + 1)};
}

}  // namespace

NoKindMatchError::~NoKindMatchError() = default;

std::string discovery_cache_folder_name(const std::string& server) {
  std::string host = server;
  for (const char* scheme : {"https://", "http://"}) {
    if (host.rfind(scheme, 0) == 0) {
      host = host.substr(std::string(scheme).size());
      break;
    }
  }
  for (auto& c : host) {
    bool keep = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '/' || c == '.' ||
                c == '(' || c == ')';
    if (!keep) c = '_';
  }
  while (!host.empty() && host.back() == '/') host.pop_back();
  return host;
}

Discovery::Discovery(HttpTransport& transport, std::string cache_dir, std::chrono::seconds ttl)
    : transport_(transport), ttl_(ttl) {
  if (!cache_dir.empty()) {
    folder_ =
        (fs::path(cache_dir) / "discovery" / discovery_cache_folder_name(transport.config().server))
            .string();
  }
}

nlohmann::json Discovery::fetch(const std::string& path, bool* not_found) {
  HttpResponse response = transport_.send(HttpRequest{"GET", path, "", "", "application/json"});
  if (response.status == 404 && not_found) {
    *not_found = true;
    return nlohmann::json::object();
  }
  if (response.status < 200 || response.status >= 300)
    throw_api_error(response.status, response.body, "get " + path);
  auto doc = nlohmann::json::parse(response.body, nullptr, false);
  if (doc.is_discarded())
    throw Error("the server returned an invalid discovery document for " + path);
  return doc;
}

std::string Discovery::resources_file(const std::string& api_version) const {
  if (folder_.empty()) return "";
  return (fs::path(folder_) / api_version / "serverresources.json").string();
}

nlohmann::json Discovery::server_groups(bool fresh) {
  if (!fresh && groups_) return *groups_;
  std::string file = folder_.empty() ? "" : (fs::path(folder_) / "servergroups.json").string();
  if (!fresh && !file.empty()) {
    if (auto cached = read_fresh(file, ttl_)) {
      groups_ = *cached;
      return *groups_;
    }
  }
  // /api (core, versions only) and /apis (named groups), joined into one APIGroupList as kubectl
  // stores it, the core group first with name "".
  nlohmann::json list = {
      {"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", nlohmann::json::array()}};
  auto core = fetch("/api", nullptr);
  nlohmann::json core_group = {{"name", ""}, {"versions", nlohmann::json::array()}};
  for (const auto& v : core.value("versions", nlohmann::json::array())) {
    core_group["versions"].push_back({{"groupVersion", v}, {"version", v}});
  }
  if (!core_group["versions"].empty()) core_group["preferredVersion"] = core_group["versions"][0];
  list["groups"].push_back(core_group);
  auto apis = fetch("/apis", nullptr);
  for (const auto& g : apis.value("groups", nlohmann::json::array())) list["groups"].push_back(g);
  groups_ = list;
  if (!file.empty()) write_cache(file, list);
  return list;
}

std::vector<ResourceInfo> Discovery::load_resources(const std::string& api_version, bool fresh,
                                                    bool* from_server) {
  *from_server = false;
  if (!fresh) {
    auto it = resources_.find(api_version);
    if (it != resources_.end()) return it->second;
  }
  std::string file = resources_file(api_version);
  std::optional<nlohmann::json> doc;
  if (!fresh && !file.empty()) doc = read_fresh(file, ttl_);
  if (!doc) {
    auto [group, version] = split_api_version(api_version);
    std::string path = group.empty() ? "/api/" + version : "/apis/" + group + "/" + version;
    bool not_found = false;
    doc = fetch(path, &not_found);
    *from_server = true;
    if (not_found) {
      resources_[api_version] = {};
      return {};
    }
    if (!file.empty()) write_cache(file, *doc);
  }
  auto [group, version] = split_api_version(api_version);
  std::vector<ResourceInfo> out;
  for (const auto& r : doc->value("resources", nlohmann::json::array())) {
    std::string name = r.value("name", "");
    if (name.empty() || name.find('/') != std::string::npos) continue;  // subresources
    ResourceInfo info;
    info.group = group;
    info.version = version;
    info.resource = name;
    info.kind = r.value("kind", "");
    info.namespaced = r.value("namespaced", false);
    for (const auto& verb : r.value("verbs", nlohmann::json::array()))
      if (verb.is_string()) info.verbs.push_back(verb.get<std::string>());
    out.push_back(std::move(info));
  }
  resources_[api_version] = out;
  return out;
}

std::optional<ResourceInfo> Discovery::find(const std::string& api_version,
                                            const std::string& kind) {
  std::lock_guard lock(mutex_);
  bool from_server = false;
  for (bool fresh : {false, true}) {
    if (fresh && from_server) break;  // already the server's current answer
    auto resources = load_resources(api_version, fresh, &from_server);
    for (const auto& r : resources)
      if (r.kind == kind) return r;
  }
  return std::nullopt;
}

ResourceInfo Discovery::resource_for(const std::string& api_version, const std::string& kind) {
  if (auto found = find(api_version, kind)) return *found;
  throw NoKindMatchError("no matches for kind \"" + kind + "\" in version \"" + api_version +
                         "\" (is its CRD installed?)");
}

std::vector<ResourceInfo> Discovery::resources(const std::string& api_version) {
  std::lock_guard lock(mutex_);
  bool from_server = false;
  return load_resources(api_version, false, &from_server);
}

std::vector<std::string> Discovery::group_versions() {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const auto& g : server_groups(false).value("groups", nlohmann::json::array()))
    for (const auto& v : g.value("versions", nlohmann::json::array()))
      out.push_back(v.value("groupVersion", ""));
  return out;
}

std::map<std::string, std::string> Discovery::preferred_versions() {
  std::lock_guard lock(mutex_);
  std::map<std::string, std::string> out;
  for (const auto& g : server_groups(false).value("groups", nlohmann::json::array())) {
    if (g.contains("preferredVersion"))
      out[g.value("name", "")] = g["preferredVersion"].value("version", "");
  }
  return out;
}

void Discovery::invalidate() {
  std::lock_guard lock(mutex_);
  groups_.reset();
  resources_.clear();
  if (!folder_.empty()) {
    std::error_code ec;
    fs::remove_all(folder_, ec);
  }
}

}  // namespace kyma::kube
