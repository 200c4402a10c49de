// The Krew package: only regular files and folders, a LICENSE, a manifest whose sha256 matches,
// and an archive that runs after being unpacked and linked the way `kubectl krew install` does.
#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>

#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_paths.hpp"

namespace fs = std::filesystem;
using kyma::test::run_process;
using kyma::test::TempDir;

TEST_CASE("the Krew package installs and runs like a Krew plugin") {
  TempDir tmp;
  auto pack = run_process({(kyma::test::source_dir() / "krew" / "package.sh").string(),
                           kyma::test::build_dir().string(), (tmp.path() / "dist").string()});
  INFO(pack.err);
  REQUIRE(pack.exit_code == 0);
  fs::path archive = tmp.path() / "dist" / "kubectl-kyma_istio-linux-amd64.tar.gz";
  REQUIRE(fs::exists(archive));

  auto listing = run_process({"tar", "-tvzf", archive.string()});
  REQUIRE(listing.exit_code == 0);
  std::istringstream lines(listing.out);
  std::string line;
  bool has_license = false, has_bin = false;
  while (std::getline(lines, line)) {
    INFO(line);
    CHECK((line[0] == '-' || line[0] == 'd'));  // Krew refuses links and other types
    if (line.ends_with(" ./LICENSE")) has_license = true;
    if (line.ends_with(" ./bin/kubectl-kyma_istio")) has_bin = true;
  }
  CHECK(has_license);
  CHECK(has_bin);

  std::string manifest = kyma::test::read_file(tmp.path() / "dist" / "kyma-istio.yaml");
  auto sum = run_process({"sha256sum", archive.string()});
  std::string sha = sum.out.substr(0, 64);
  CHECK(manifest.find("sha256: " + sha + "\n") != std::string::npos);
  CHECK(std::regex_search(manifest, std::regex("\n  version: v[0-9]+\\.[0-9]+\\.[0-9]+\n")));
  CHECK(manifest.find("    bin: bin/kubectl-kyma_istio\n") != std::string::npos);
  CHECK(manifest.find("  name: kyma-istio\n") != std::string::npos);

  // What Krew does: unpack into its store, symlink the bin into ~/.krew/bin.
  fs::path store = tmp.path() / "store" / "kyma-istio" / "v0.1.0";
  fs::create_directories(store);
  REQUIRE(run_process({"tar", "-C", store.string(), "-xzf", archive.string()}).exit_code == 0);
  fs::path krew_bin = tmp.path() / "krew-bin";
  fs::create_directories(krew_bin);
  fs::create_symlink(store / "bin" / "kubectl-kyma_istio", krew_bin / "kubectl-kyma_istio");
  kyma::test::ProcessOptions options;
  options.env["PATH"] = krew_bin.string() + ":/usr/bin:/bin";
  options.env["HOME"] = tmp.path().string();
  options.env["KYMA_ISTIO_PLUGIN_PATH"] = std::nullopt;
  auto plugins = run_process({"kubectl", "kyma-istio", "plugins"}, options);
  INFO(plugins.err);
  REQUIRE(plugins.exit_code == 0);
  CHECK(plugins.out.find(
            (store / "lib" / "kubectl-kyma-istio" / "plugins" / "install.so").string()) !=
        std::string::npos);
  auto version =
      run_process({"kubectl", "kyma-istio", "version", "--client", "-o", "json"}, options);
  CHECK(version.out.find("\"source\": \"installed\"") != std::string::npos);
}
