#include "plugins/install/manifest_command.hpp"

#include <algorithm>
#include <ostream>

#include "core/manifest/bundle.hpp"
#include "core/manifest/bundle_locator.hpp"
#include "core/manifest/compiled_yaml.hpp"
#include "core/manifest/renderer.hpp"
#include "core/manifest/yaml.hpp"
#include "core/plugin/install_paths.hpp"
#include "core/ui/error.hpp"

namespace kyma::install {

namespace fs = std::filesystem;
using istio::Profile;

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

// The merged configuration of the default (empty) Istio CR: the Kyma profile as shipped.
istio::MergedConfig default_config(const fs::path& root, const std::string& version,
                                   Profile profile) {
  const fs::path file =
      root / version / "kyma" /
      (profile == Profile::kEvaluation ? "istio-operator-light.yaml" : "istio-operator.yaml");
  if (!fs::exists(file)) throw Error(file.string() + ": missing (the Kyma profile)");
  const std::string text = manifest::read_text_file(file);
  auto compiled = manifest::read_compiled(file, text);
  istio::MergedConfig config;
  config.iop = compiled && compiled->size() == 1 ? (*compiled)[0]
                                                 : manifest::parse_yaml(text, file.string());
  // The operator always writes the CR's telemetry.metrics.prometheusMerge (false by default).
  config.iop["spec"]["meshConfig"]["enablePrometheusMerge"] = false;
  config.istio_version = version;
  config.tag = config.iop["spec"].value("tag", std::string());
  config.profile = profile;
  return config;
}

}  // namespace

int run_manifest(plugin::Invocation& inv) {
  const auto& args = inv.args;
  if (args.has("filename")) {
    throw Error("manifest -f needs the Istio CR merge, which is not in this build yet");
  }
  if (args.has("provider")) {
    throw Error("manifest --provider needs the Istio CR merge, which is not in this build yet");
  }
  const auto root = bundle_root(args);
  const std::string version = istio_version(args, root);
  const Profile profile = args.get_or("profile", "production") == "evaluation"
                              ? Profile::kEvaluation
                              : Profile::kProduction;
  const auto bundle = manifest::load_bundle(root.path, version, profile);
  const auto config = default_config(root.path, version, profile);

  manifest::RenderOptions options;
  options.operator_version = KYMA_ISTIO_VERSION;
  const auto installation = manifest::render_installation(config, bundle, options);
  if (args.get_or("output", "yaml") == "json") {
    *inv.out << manifest::to_json_list(installation);
  } else {
    *inv.out << manifest::to_yaml_manifest(installation);
  }
  return 0;
}

}  // namespace kyma::install
