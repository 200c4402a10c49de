#include "plugins/install/manifest_command.hpp"

#include <algorithm>
#include <ostream>

#include "core/istio/cr_schema.hpp"
#include "core/istio/cr_validation.hpp"
#include "core/istio/istio_cr.hpp"
#include "core/istio/istio_merge.hpp"
#include "core/istio/profile.hpp"
#include "core/manifest/bundle.hpp"
#include "core/manifest/bundle_locator.hpp"
#include "core/manifest/renderer.hpp"
#include "core/plugin/install_paths.hpp"
#include "core/ui/error.hpp"
#include "plugins/install/cr_file.hpp"

namespace kyma::install {

namespace fs = std::filesystem;

namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

manifest::BundleRoot bundle_root(const plugin::Arguments& args) {
  auto root = manifest::locate_bundle_root(args.get("manifests"));
  if (!root) {
    throw Error("no Istio bundle found: " + (plugin::data_dir() / "istio").string() +
                " is missing (reinstall the plugin, or pass --manifests DIR)");
  }
  return *root;
}

std::string istio_version(const plugin::Arguments& args, const manifest::BundleRoot& root) {
  const std::string version = args.get_or("istio-version", manifest::kDefaultIstioVersion);
  auto versions = manifest::bundled_versions(root.path);
  if (std::find(versions.begin(), versions.end(), version) == versions.end()) {
    throw UsageError("invalid argument \"" + version +
                     "\" for \"--istio-version\" flag: not bundled (bundled: " + joined(versions) +
                     ")");
  }
  return version;
}

// The Istio CR to render: -f, or the module's default CR.
istio::IstioCR istio_cr(const plugin::Arguments& args) {
  auto file = args.get("filename");
  if (!file) return istio::IstioCR::default_cr();
  return read_cr_file(*file);
}

// What the operator would check before merging: the CRD schema, then its own rules.
void validate(const istio::IstioCR& cr, const fs::path& root, const std::string& version) {
  auto schema = istio::IstioCrSchema::load(root);
  istio::throw_if_invalid(cr, schema.validate(cr));
  if (auto problem = istio::validate_for_reconcile(cr, version)) {
    throw Error(cr.source() + ": " + problem->command_line_text());
  }
}

}  // namespace

int run_manifest(plugin::Invocation& inv) {
  const auto& args = inv.args;
  const auto root = bundle_root(args);
  const std::string version = istio_version(args, root);
  const auto cr = istio_cr(args);
  validate(cr, root.path, version);

  istio::MergeRequest request;
  request.bundle_root = root.path;
  request.istio_version = version;
  // Offline there is no cluster to size: production unless asked otherwise.
  request.forced_profile = istio::parse_profile(args.get_or("profile", "production"));
  request.facts.provider = args.get_or("provider", "");
  const auto config = istio::merge_istio_config(cr, request);
  auto bundle = manifest::load_bundle(root.path, version, config.profile);

  const auto installation = manifest::render_installation(config, std::move(bundle));
  if (args.get_or("output", "yaml") == "json") {
    *inv.out << manifest::to_json_list(installation);
  } else {
    *inv.out << manifest::to_yaml_manifest(installation);
  }
  return 0;
}

}  // namespace kyma::install
