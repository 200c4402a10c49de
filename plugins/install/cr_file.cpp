#include "plugins/install/cr_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/ui/error.hpp"

namespace kyma::install {

namespace fs = std::filesystem;

istio::IstioCR read_cr_file(const std::string& path) {
  std::stringstream text;
  if (path == "-") {
    text << std::cin.rdbuf();
    return istio::IstioCR::parse(text.str(), "stdin");
  }
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (!fs::exists(status)) throw Error("the path \"" + path + "\" does not exist");
  if (fs::is_directory(status)) {
    throw Error("the path \"" + path + "\" is a directory: -f takes one Istio CR file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("the path \"" + path + "\" cannot be read: " + std::strerror(errno));
  text << in.rdbuf();
  return istio::IstioCR::parse(text.str(), path);
}

}  // namespace kyma::install
