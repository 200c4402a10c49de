#include "core/manifest/compiled_yaml.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/manifest/yaml.hpp"
#include "core/ui/error.hpp"

namespace kyma::manifest {

using nlohmann::json;
namespace fs = std::filesystem;

std::string fnv1a64_hex(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(hash));
  return out;
}

fs::path compiled_path_for(const fs::path& yaml_file) {
  fs::path out = yaml_file;
  out.replace_extension(".json");
  return out;
}

json compile_yaml(std::string_view yaml_text, const std::string& source) {
  json documents = json::array();
  for (auto& doc : parse_yaml_documents(yaml_text, source)) documents.push_back(std::move(doc));
  return {{"source", {{"bytes", yaml_text.size()}, {"fnv1a64", fnv1a64_hex(yaml_text)}}},
          {"documents", std::move(documents)}};
}

std::string read_text_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(file.string() + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw Error(file.string() + ": cannot be read");
  return std::move(text).str();
}

std::optional<std::vector<json>> read_compiled(const fs::path& yaml_file,
                                               std::string_view yaml_text) {
  fs::path compiled = compiled_path_for(yaml_file);
  std::error_code ec;
  if (!fs::is_regular_file(compiled, ec)) return std::nullopt;
  json doc = json::parse(read_text_file(compiled), nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("documents") ||
      !doc["documents"].is_array() || !doc.contains("source")) {
    throw Error(compiled.string() + ": not a compiled bundle file (rebuild, or delete it)");
  }
  const json& source = doc["source"];
  if (source.value("bytes", std::uint64_t{0}) != yaml_text.size() ||
      source.value("fnv1a64", std::string()) != fnv1a64_hex(yaml_text)) {
    return std::nullopt;  // made from another version of the YAML: parse the YAML instead
  }
  std::vector<json> documents;
  documents.reserve(doc["documents"].size());
  for (auto& d : doc["documents"]) documents.push_back(std::move(d));
  return documents;
}

json read_yaml_document(const fs::path& yaml_file) {
  const std::string text = read_text_file(yaml_file);
  if (auto documents = read_compiled(yaml_file, text); documents && documents->size() <= 1) {
    return documents->empty() ? json() : std::move(documents->front());
  }
  return parse_yaml(text, yaml_file.string());  // also names the extra documents
}

}  // namespace kyma::manifest
