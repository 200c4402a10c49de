// The loader refuses each kind of bad plugin with one clear reason and still loads the others.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>

#include "core/plugin/loader.hpp"
#include "core/plugin/registry.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_paths.hpp"

namespace fs = std::filesystem;
using kyma::plugin::load_plugins;
using kyma::test::TempDir;

namespace {

// A private plugin folder (mode 0755) holding copies of the named test plugins.
fs::path plugin_folder(const TempDir& tmp, std::initializer_list<const char*> names) {
  fs::path dir = tmp.path() / "plugins";
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms(0755));
  for (const char* name : names) {
    fs::path target = dir / (std::string(name) + ".so");
    fs::copy_file(kyma::test::bad_plugin_dir() / (std::string(name) + ".so"), target);
    fs::permissions(target, fs::perms(0644));
  }
  return dir;
}

std::string only_reason(const kyma::plugin::LoadResult& result) {
  REQUIRE(result.refusals.size() == 1);
  return result.refusals[0].reason;
}

}  // namespace

TEST_CASE("a well-formed plugin loads and its command runs") {
  TempDir tmp;
  auto result = load_plugins({plugin_folder(tmp, {"good_extra"})});
  REQUIRE(result.refusals.empty());
  REQUIRE(result.plugins.size() == 1);
  CHECK(result.plugins[0].info.name == "good-extra");
  auto commands = result.plugins[0].plugin->commands();
  REQUIRE(commands.size() == 1);
  std::ostringstream out;
  kyma::plugin::Invocation inv;
  inv.out = &out;
  CHECK(commands[0].run(inv) == 0);
  CHECK(out.str() == "hello from good-extra\n");
}

TEST_CASE("a plugin file writable by group or others is refused") {
  TempDir tmp;
  auto dir = plugin_folder(tmp, {"good_extra"});
  fs::permissions(dir / "good_extra.so", fs::perms(0666));
  auto result = load_plugins({dir});
  CHECK(result.plugins.empty());
  CHECK(only_reason(result) == "the file is writable by group or others (mode 0666)");
  CHECK(result.refusals[0].line().find("good_extra.so") != std::string::npos);
}

TEST_CASE("a plugin in a folder writable by group or others is refused") {
  TempDir tmp;
  auto dir = plugin_folder(tmp, {"good_extra"});
  fs::permissions(dir, fs::perms(0777));
  auto result = load_plugins({dir});
  CHECK(result.plugins.empty());
  CHECK(only_reason(result) == "its folder is writable by group or others (mode 0777)");
}

TEST_CASE("a plugin owned by another user is refused") {
  if (::geteuid() != 0) {
    WARN("not root: cannot give a file to another user; case not exercised");
    return;
  }
  TempDir tmp;
  auto dir = plugin_folder(tmp, {"good_extra"});
  REQUIRE(::chown((dir / "good_extra.so").c_str(), 65534, 65534) == 0);
  auto result = load_plugins({dir});
  CHECK(result.plugins.empty());
  CHECK(only_reason(result) == "the file is owned by another user (uid 65534)");
}

TEST_CASE("a plugin in a folder owned by another user is refused") {
  if (::geteuid() != 0) {
    WARN("not root: cannot give a folder to another user; case not exercised");
    return;
  }
  TempDir tmp;
  auto dir = plugin_folder(tmp, {"good_extra"});
  // The file stays ours and the folder 0755: only the folder's owner is wrong.
  REQUIRE(::chown(dir.c_str(), 65534, 65534) == 0);
  auto result = load_plugins({dir});
  CHECK(result.plugins.empty());
  CHECK(only_reason(result) == "its folder is owned by another user (uid 65534)");
  CHECK(result.refusals[0].line().find("good_extra.so") != std::string::npos);
}

TEST_CASE("a plugin built for another API version is refused") {
  TempDir tmp;
  auto result = load_plugins({plugin_folder(tmp, {"wrong_api"})});
  CHECK(result.plugins.empty());
  CHECK(only_reason(result) == "built for plugin API version 999, this binary needs version " +
                                   std::to_string(KYMA_ISTIO_PLUGIN_API_VERSION));
}

TEST_CASE("a shared library that is not a plugin is refused") {
  TempDir tmp;
  auto result = load_plugins({plugin_folder(tmp, {"not_a_plugin"})});
  CHECK(result.plugins.empty());
  CHECK(only_reason(result) == "not a kubectl-kyma-istio plugin (it exports no plugin factory)");
}

TEST_CASE("a file that is not a shared library is refused") {
  TempDir tmp;
  auto dir = plugin_folder(tmp, {});
  tmp.write("plugins/notes.so", "just text\n");
  fs::permissions(dir / "notes.so", fs::perms(0644));
  auto result = load_plugins({dir});
  CHECK(result.plugins.empty());
  CHECK(only_reason(result).rfind("not a loadable shared library", 0) == 0);
}

TEST_CASE("bad plugins do not stop the good ones from loading") {
  TempDir tmp;
  auto dir = plugin_folder(tmp, {"good_extra", "wrong_api", "not_a_plugin"});
  fs::permissions(dir / "not_a_plugin.so", fs::perms(0646));
  auto result = load_plugins({dir});
  REQUIRE(result.plugins.size() == 1);
  CHECK(result.plugins[0].info.name == "good-extra");
  CHECK(result.refusals.size() == 2);
}

TEST_CASE("a plugin reached twice is loaded once") {
  TempDir tmp;
  auto dir = plugin_folder(tmp, {"good_extra"});
  auto result = load_plugins({dir, dir / "good_extra.so", dir / ".." / "plugins"});
  CHECK(result.plugins.size() == 1);
  CHECK(result.refusals.empty());
}

TEST_CASE("two plugins claiming one command is a conflict naming both") {
  TempDir tmp;
  auto dir = plugin_folder(tmp, {"good_extra", "claims_hello_too"});
  kyma::plugin::Registry registry(load_plugins({dir}));
  REQUIRE(registry.plugins().size() == 2);
  auto conflict = registry.conflict_for("hello");
  REQUIRE(conflict);
  CHECK(conflict->find("good-extra") != std::string::npos);
  CHECK(conflict->find("claims-hello-too") != std::string::npos);
  CHECK(conflict->find("claims_hello_too.so") != std::string::npos);
  REQUIRE(registry.conflicts().size() == 1);
}
