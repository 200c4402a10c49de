#include "tests/support/test_paths.hpp"

namespace kyma::test {

std::filesystem::path source_dir() {
  return KYMA_TEST_SOURCE_DIR;
}
std::filesystem::path build_dir() {
  return KYMA_TEST_BUILD_DIR;
}
std::filesystem::path stage_dir() {
  return KYMA_TEST_STAGE_DIR;
}
std::filesystem::path bad_plugin_dir() {
  return KYMA_TEST_BAD_PLUGIN_DIR;
}
std::filesystem::path bundle_dir() {
  return KYMA_TEST_BUNDLE_DIR;
}

}  // namespace kyma::test
