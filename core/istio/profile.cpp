#include "core/istio/profile.hpp"

#include "core/manifest/compiled_yaml.hpp"
#include "core/ui/error.hpp"

namespace kyma::istio {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {
constexpr const char* kVersionErrorDescription =
    "Could not get Istio version from istio operator file";
}

Profile parse_profile(const std::string& name) {
  if (name == "production") return Profile::kProduction;
  if (name == "evaluation") return Profile::kEvaluation;
  throw UsageError("--profile " + name + ": must be production or evaluation");
}

Profile choose_profile(const ClusterSize& size, const std::optional<Profile>& forced) {
  if (forced) return *forced;
  return size.evaluation ? Profile::kEvaluation : Profile::kProduction;
}

fs::path profile_path(const fs::path& bundle_root, const std::string& istio_version,
                      Profile profile) {
  return bundle_root / istio_version / "kyma" /
         (profile == Profile::kEvaluation ? "istio-operator-light.yaml" : "istio-operator.yaml");
}

json load_profile(const fs::path& bundle_root, const std::string& istio_version, Profile profile) {
  fs::path path = profile_path(bundle_root, istio_version, profile);
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    throw Error("the Istio " + istio_version + " bundle has no " + profile_name(profile) +
                " profile: " + path.string() + " is missing");
  }
  json iop = manifest::read_yaml_document(path);  // its compiled form when the build made one
  if (!iop.is_object() || iop.value("kind", "") != "IstioOperator" || !iop.contains("spec") ||
      !iop["spec"].is_object()) {
    throw Error(path.string() + ": not an IstioOperator with a spec");
  }
  return iop;
}

DescribedError target_version_error(const std::string& parse_error) {
  DescribedError e;
  e.error = parse_error;
  e.description = kVersionErrorDescription;
  return e;
}

Semver target_version(const json& iop) {
  std::string tag;
  auto pointer = "/spec/tag"_json_pointer;
  if (iop.contains(pointer) && iop.at(pointer).is_string()) tag = iop.at(pointer);
  try {
    return Semver::parse(tag);
  } catch (const Error& e) {
    throw Error(target_version_error(e.what()).full_description());
  }
}

}  // namespace kyma::istio
