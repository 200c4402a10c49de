#pragma once
// What the renderer tests share: the bundles (compiled, from the build tree), merged
// configurations built from the Kyma profile files themselves (an empty Istio CR merges into
// exactly the profile, plus meshConfig.enablePrometheusMerge: false), and comparisons of
// rendered objects by identity and by the JSON paths that differ.
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/istio/merged_config.hpp"
#include "core/manifest/bundle.hpp"
#include "core/manifest/installation.hpp"

namespace kyma::test {

// lib/kubectl-kyma-istio/istio of the build tree (the compiled bundle).
std::filesystem::path compiled_bundle_root();

const manifest::Bundle& bundle(const std::string& version, istio::Profile profile);

// The merged configuration of an empty Istio CR: the Kyma profile file as it is.
istio::MergedConfig profile_config(const std::string& version, istio::Profile profile);

manifest::RenderedInstallation render(const istio::MergedConfig& config);

// "Kind namespace/name" -> object, for every object of the installation.
std::map<std::string, nlohmann::json> by_identity(const manifest::RenderedInstallation& rendered);
std::map<std::string, nlohmann::json> by_identity(const std::vector<nlohmann::json>& objects);

// The JSON pointers at which `after` differs from `before` (json::diff operation paths).
std::set<std::string> changed_paths(const nlohmann::json& before, const nlohmann::json& after);

// For every object that differs between two renders: its identity -> the changed paths. An
// object present on one side only is reported with the path "(added)" or "(removed)".
std::map<std::string, std::set<std::string>> changes_between(
    const manifest::RenderedInstallation& before, const manifest::RenderedInstallation& after);

// The object with this identity; fails the test when it is missing.
const nlohmann::json& object_named(const manifest::RenderedInstallation& rendered,
                                   const std::string& identity);

}  // namespace kyma::test
