// Build-time tool: copies an Istio bundle folder (layout of shared/istio) without its charts and
// writes the compiled JSON form of every YAML file beside it (core/manifest/compiled_yaml.hpp),
// so the installed plugin reads JSON instead of parsing YAML at run time.
//
//   compile_bundle <source folder> <output folder>
//
// Files are rewritten only when their content changes, so a rebuild leaves them alone.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "core/manifest/compiled_yaml.hpp"
#include "core/ui/error.hpp"

namespace fs = std::filesystem;
using kyma::manifest::compile_yaml;
using kyma::manifest::compiled_path_for;
using kyma::manifest::read_text_file;

namespace {

void write_if_changed(const fs::path& file, const std::string& content) {
  std::error_code ec;
  if (fs::is_regular_file(file, ec) && read_text_file(file) == content) return;
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out) throw kyma::Error(file.string() + ": cannot be written");
}

bool inside_charts(const fs::path& relative) {
  for (const auto& part : relative) {
    if (part == "charts") return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: compile_bundle <source folder> <output folder>\n";
    return 2;
  }
  const fs::path source = argv[1];
  const fs::path output = argv[2];
  try {
    size_t compiled = 0;
    for (const auto& entry : fs::recursive_directory_iterator(source)) {
      if (!entry.is_regular_file()) continue;
      const fs::path relative = fs::relative(entry.path(), source);
      if (inside_charts(relative)) continue;
      const fs::path target = output / relative;
      const std::string text = read_text_file(entry.path());
      write_if_changed(target, text);
      if (entry.path().extension() == ".yaml") {
        write_if_changed(compiled_path_for(target),
                         compile_yaml(text, entry.path().string()).dump() + "\n");
        ++compiled;
      }
    }
    std::cout << "compiled " << compiled << " YAML files of " << source.string() << '\n';
  } catch (const std::exception& e) {
    std::cerr << "compile_bundle: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
