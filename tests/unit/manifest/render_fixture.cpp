#include "tests/unit/manifest/render_fixture.hpp"

#include <catch2/catch.hpp>

#include <deque>

#include "core/manifest/compiled_yaml.hpp"
#include "core/manifest/object_access.hpp"
#include "core/manifest/renderer.hpp"
#include "core/manifest/yaml.hpp"
#include "tests/support/test_paths.hpp"

namespace kyma::test {

using istio::Profile;
using nlohmann::json;

std::filesystem::path compiled_bundle_root() {
  auto root = build_dir() / "lib" / "kubectl-kyma-istio" / "istio";
  REQUIRE(std::filesystem::is_directory(root));  // built by the istio_bundle target
  return root;
}

const manifest::Bundle& bundle(const std::string& version, Profile profile) {
  static std::map<std::pair<std::string, Profile>, manifest::Bundle> cache;
  auto key = std::make_pair(version, profile);
  auto it = cache.find(key);
  if (it == cache.end()) {
    it = cache.emplace(key, manifest::load_bundle(compiled_bundle_root(), version, profile)).first;
  }
  return it->second;
}

istio::MergedConfig profile_config(const std::string& version, Profile profile) {
  const char* file =
      profile == Profile::kEvaluation ? "istio-operator-light.yaml" : "istio-operator.yaml";
  auto path = bundle_dir() / version / "kyma" / file;
  istio::MergedConfig config;
  config.iop = manifest::parse_yaml(manifest::read_text_file(path), path.string());
  config.iop["spec"]["meshConfig"]["enablePrometheusMerge"] = false;
  config.istio_version = version;
  config.tag = config.iop["spec"]["tag"].get<std::string>();
  config.profile = profile;
  return config;
}

manifest::RenderedInstallation render(const istio::MergedConfig& config) {
  manifest::RenderOptions options;
  options.operator_version = "1.10.0";
  return manifest::render_installation(config, bundle(config.istio_version, config.profile),
                                       options);
}

std::map<std::string, json> by_identity(const std::vector<json>& objects) {
  std::map<std::string, json> out;
  for (const auto& object : objects) {
    auto [it, inserted] = out.emplace(manifest::describe(object), object);
    INFO(it->first);
    CHECK(inserted);  // identities are unique in an installation
  }
  return out;
}

std::map<std::string, json> by_identity(const manifest::RenderedInstallation& rendered) {
  return by_identity(rendered.all_objects());
}

std::set<std::string> changed_paths(const json& before, const json& after) {
  std::set<std::string> out;
  for (const auto& op : json::diff(before, after)) out.insert(op["path"].get<std::string>());
  return out;
}

std::map<std::string, std::set<std::string>> changes_between(
    const manifest::RenderedInstallation& before, const manifest::RenderedInstallation& after) {
  auto a = by_identity(before);
  auto b = by_identity(after);
  std::map<std::string, std::set<std::string>> out;
  for (const auto& [id, object] : a) {
    auto it = b.find(id);
    if (it == b.end()) {
      out[id] = {"(removed)"};
    } else if (object != it->second) {
      out[id] = changed_paths(object, it->second);
    }
  }
  for (const auto& [id, object] : b) {
    if (!a.count(id)) out[id] = {"(added)"};
  }
  return out;
}

const json& object_named(const manifest::RenderedInstallation& rendered,
                         const std::string& identity) {
  static std::deque<json> keep;  // found objects outlive the call (stable references)
  for (const auto& object : rendered.all_objects()) {
    if (manifest::describe(object) == identity) {
      keep.push_back(object);
      return keep.back();
    }
  }
  FAIL("no object " << identity << " in the installation");
  throw;  // unreachable
}

}  // namespace kyma::test
