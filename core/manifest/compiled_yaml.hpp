#pragma once
// The compiled form of a bundle's YAML files. Parsing the CRDs' 700 KB of YAML takes longer than
// the whole render may, so the build parses every YAML file of the bundle once and writes its
// documents as JSON beside it (<name>.yaml -> <name>.json). The JSON records the size and digest
// of the YAML it came from; a compiled file whose source has changed since is ignored, so an
// edited custom bundle (--manifests) is never read from a stale compiled form.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace kyma::manifest {

// FNV-1a (64 bit) of `text`, as 16 lowercase hex digits.
std::string fnv1a64_hex(std::string_view text);

// <name>.yaml -> <name>.json
std::filesystem::path compiled_path_for(const std::filesystem::path& yaml_file);

// The compiled form of `yaml_text` (read from a file named `source` in errors).
nlohmann::json compile_yaml(std::string_view yaml_text, const std::string& source);

// The documents of the compiled form of `yaml_file` whose text is `yaml_text`, or nullopt when
// there is no compiled file or it was made from other text. Throws kyma::Error when the
// compiled file exists but cannot be read.
std::optional<std::vector<nlohmann::json>> read_compiled(const std::filesystem::path& yaml_file,
                                                         std::string_view yaml_text);

// The one document of a YAML file (null when it holds none), from its compiled form when that is
// current, as parse_yaml reads it otherwise. Throws kyma::Error naming the file when it cannot be
// read, does not parse or holds more than one document.
nlohmann::json read_yaml_document(const std::filesystem::path& yaml_file);

// The file's content; throws kyma::Error naming the file when it cannot be read.
std::string read_text_file(const std::filesystem::path& file);

}  // namespace kyma::manifest
