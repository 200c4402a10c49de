#include "core/manifest/bundle.hpp"

#include <sstream>

#include "core/istio/profile.hpp"
#include "core/manifest/compiled_yaml.hpp"
#include "core/manifest/object_access.hpp"
#include "core/manifest/yaml.hpp"
#include "core/ui/error.hpp"

namespace kyma::manifest {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct IndexRow {
  std::string kind, api_version, ns, name;
};

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

void require_folder(const fs::path& dir, const std::string& what) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw Error(dir.string() + ": missing (" + what + ")");
}

fs::path require_file(const fs::path& file, const std::string& what) {
  if (!is_file(file)) throw Error(file.string() + ": missing (" + what + ")");
  return file;
}

// The documents of a YAML file, from its compiled form when it is current.
std::vector<json> load_documents(const fs::path& file, bool& compiled) {
  std::string text = read_text_file(file);
  if (auto docs = read_compiled(file, text)) return std::move(*docs);
  compiled = false;
  return parse_yaml_documents(text, file.string());
}

std::map<std::string, std::vector<IndexRow>> read_index(const fs::path& file) {
  std::istringstream in(read_text_file(file));
  std::map<std::string, std::vector<IndexRow>> rows;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (number == 1 || line.empty()) continue;  // header
    std::vector<std::string> cells;
    std::istringstream fields(line);
    for (std::string cell; std::getline(fields, cell, '\t');) cells.push_back(cell);
    if (cells.size() != 6) {
      throw Error(file.string() + ":" + std::to_string(number) +
                  ": expected 6 tab-separated columns, found " + std::to_string(cells.size()));
    }
    rows[cells[0]].push_back({cells[1], cells[2], cells[3] == "-" ? "" : cells[3], cells[4]});
  }
  return rows;
}

std::string row_text(const IndexRow& row) {
  return row.kind + " " + (row.ns.empty() ? "" : row.ns + "/") + row.name + " (" + row.api_version +
         ")";
}

std::string object_text(const json& object) {
  return describe(object) + " (" + object.value("apiVersion", std::string()) + ")";
}

void check_against_index(const fs::path& index_file, const std::string& stem,
                         const std::vector<json>& objects, const std::vector<IndexRow>& rows) {
  const std::string file = stem + ".yaml";
  if (rows.size() != objects.size()) {
    throw Error(index_file.string() + " lists " + std::to_string(rows.size()) + " objects for " +
                stem + " but " + file + " holds " + std::to_string(objects.size()));
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    const auto& object = objects[i];
    if (row.kind != kind_of(object) || row.name != name_of(object) ||
        row.ns != namespace_of(object) || row.api_version != object.value("apiVersion", "")) {
      throw Error(index_file.parent_path().string() + "/" + file + ": object " +
                  std::to_string(i + 1) + " is " + object_text(object) + ", INDEX.tsv says " +
                  row_text(row));
    }
  }
}

}  // namespace

const std::vector<json>& Bundle::objects(const std::string& stem) const {
  static const std::vector<json> none;
  auto it = files.find(stem);
  return it == files.end() ? none : it->second;
}

Bundle load_bundle(const fs::path& root, const std::string& version, istio::Profile profile) {
  Bundle bundle;
  bundle.root = root;
  bundle.version = version;
  bundle.profile = profile;
  const fs::path version_dir = root / version;
  require_folder(version_dir, "Istio " + version + " is not in the bundle");
  const fs::path rendered = version_dir / "rendered";
  require_folder(rendered, "pre-rendered manifests of Istio " + version);
  bundle.dir = profile == istio::Profile::kEvaluation ? rendered / "evaluation" : rendered;
  require_folder(bundle.dir,
                 std::string(istio::profile_name(profile)) + " manifests of Istio " + version);

  const fs::path index_file = require_file(bundle.dir / "INDEX.tsv", "the bundle's object index");
  auto index = read_index(index_file);
  for (const char* stem : kRenderedFiles) {
    fs::path file = require_file(bundle.dir / (std::string(stem) + ".yaml"),
                                 std::string(istio::profile_name(profile)) + " manifest");
    auto objects = load_documents(file, bundle.all_compiled);
    check_against_index(index_file, stem, objects, index[stem]);
    index.erase(stem);
    bundle.files[stem] = std::move(objects);
  }
  if (!index.empty()) {
    throw Error(index_file.string() + " lists objects for \"" + index.begin()->first +
                "\", which has no rendered file");
  }

  fs::path values_file =
      require_file(rendered / "values" / (std::string(istio::profile_name(profile)) + ".yaml"),
                   "the Helm values the manifests were rendered with");
  auto values = load_documents(values_file, bundle.all_compiled);
  if (values.size() != 1 || !values[0].is_object()) {
    throw Error(values_file.string() + ": expected one YAML document with the Helm values");
  }
  bundle.helm_values = std::move(values[0]);

  fs::path profile_file =
      require_file(istio::profile_path(root, version, profile),
                   std::string("Kyma's ") + istio::profile_name(profile) + " profile");
  auto profile_iop = load_documents(profile_file, bundle.all_compiled);
  if (profile_iop.size() != 1 || kind_of(profile_iop[0]) != "IstioOperator") {
    throw Error(profile_file.string() + ": expected one IstioOperator");
  }
  bundle.profile_iop = std::move(profile_iop[0]);

  fs::path priority_file =
      require_file(version_dir / "kyma" / "priority_class.yaml", "Kyma's PriorityClass");
  auto priority = load_documents(priority_file, bundle.all_compiled);
  if (priority.size() != 1 || kind_of(priority[0]) != "PriorityClass") {
    throw Error(priority_file.string() + ": expected one PriorityClass");
  }
  bundle.priority_class = std::move(priority[0]);
  return bundle;
}

}  // namespace kyma::manifest
