#pragma once
// One Istio version's pre-rendered objects for one Kyma profile, as the renderer starts from:
//   <root>/<version>/rendered/{base,pilot,ingressgateway,egressgateway,cni,tag-webhooks}.yaml
//   (production) or rendered/evaluation/... (evaluation), each checked against the INDEX.tsv
//   beside it; rendered/values/<profile>.yaml, the Helm values the files were rendered with; and
//   <root>/<version>/kyma/priority_class.yaml.
// Each YAML file is read from its compiled JSON form when the build made one (compiled_yaml.hpp),
// else parsed.
#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/istio/merged_config.hpp"

namespace kyma::manifest {

// The rendered files of a variant, by stem, in istioctl's component order.
inline constexpr std::array<const char*, 6> kRenderedFiles = {
    "base", "pilot", "cni", "ingressgateway", "egressgateway", "tag-webhooks"};

struct Bundle {
  std::filesystem::path root;
  std::string version;
  istio::Profile profile = istio::Profile::kProduction;
  std::filesystem::path dir;  // the variant's folder: <root>/<version>/rendered[/evaluation]
  // Objects of each rendered file (by stem), in file order.
  std::map<std::string, std::vector<nlohmann::json>> files;
  nlohmann::json helm_values;     // the Helm values the files were rendered with
  nlohmann::json profile_iop;     // the Kyma IstioOperator profile those values came from
  nlohmann::json priority_class;  // Kyma's PriorityClass as the module ships it
  bool all_compiled = true;       // every file came from its compiled form

  const std::vector<nlohmann::json>& objects(const std::string& stem) const;
};

// Loads and checks a bundle. Throws kyma::Error naming the missing or inconsistent folder or file.
Bundle load_bundle(const std::filesystem::path& root, const std::string& version,
                   istio::Profile profile);

}  // namespace kyma::manifest
