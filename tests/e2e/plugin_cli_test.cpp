// The installed plugin as users meet it: found and run by the real kubectl, through a Krew-style
// symlink, from a relocated prefix; help, exit codes, bad plugins and completion.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>

#include <nlohmann/json.hpp>

#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_paths.hpp"

namespace fs = std::filesystem;
using kyma::test::ProcessOptions;
using kyma::test::ProcessResult;
using kyma::test::run_process;
using kyma::test::TempDir;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// Environment for a kubectl run that sees only `bin_dir` as the plugin's folder.
ProcessOptions kubectl_env(const TempDir& home, const fs::path& bin_dir) {
  ProcessOptions options;
  options.env["PATH"] = bin_dir.string() + ":/usr/bin:/bin";
  options.env["HOME"] = home.path().string();
  options.env["KUBECONFIG"] = std::nullopt;
  options.env["KYMA_ISTIO_PLUGIN_PATH"] = std::nullopt;
  options.timeout = std::chrono::seconds(60);
  return options;
}

ProcessResult kubectl(const std::vector<std::string>& args, const ProcessOptions& options) {
  std::vector<std::string> argv{"kubectl"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, options);
}

fs::path stage_bin() {
  return kyma::test::stage_dir() / "bin";
}

// A private plugin folder with copies of the named test plugins.
fs::path test_plugin_folder(const TempDir& tmp, std::initializer_list<const char*> names) {
  fs::path dir = tmp.path() / "extra-plugins";
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms(0755));
  for (const char* name : names) {
    fs::copy_file(kyma::test::bad_plugin_dir() / (std::string(name) + ".so"),
                  dir / (std::string(name) + ".so"));
    fs::permissions(dir / (std::string(name) + ".so"), fs::perms(0644));
  }
  return dir;
}

}  // namespace

TEST_CASE("kubectl lists the installed plugin and runs it") {
  TempDir home;
  auto env = kubectl_env(home, stage_bin());
  auto list = kubectl({"plugin", "list"}, env);
  CHECK(list.exit_code == 0);
  CHECK(contains(list.out, (stage_bin() / "kubectl-kyma_istio").string()));

  auto version = kubectl({"kyma-istio", "version", "-o", "json", "--client"}, env);
  INFO(version.err);
  REQUIRE(version.exit_code == 0);
  CHECK(contains(version.out, "\"pluginVersion\": \"v0.1.0\""));
  CHECK(contains(version.out, "\"default\": \"1.23.2\""));
  CHECK(contains(version.out, "\"1.22.3\""));
  // The bundle comes from the installed tree, not from the source checkout.
  CHECK(contains(version.out, "\"source\": \"installed\""));
  CHECK(version.err.empty());
}

TEST_CASE("version says when no cluster is reachable") {
  TempDir home;
  auto env = kubectl_env(home, stage_bin());
  auto version = kubectl({"kyma-istio", "version"}, env);
  REQUIRE(version.exit_code == 0);
  CHECK(contains(version.out, "Plugin version: v0.1.0\n"));
  CHECK(contains(version.out, "Bundled Istio: 1.23.2 (default), 1.22.3\n"));
  CHECK(contains(version.out, "Cluster Istio: cluster not reachable: "));
}

TEST_CASE("a Krew-style symlink to the binary finds the plugins and libraries") {
  TempDir tmp;
  fs::path krew_bin = tmp.path() / "krew-bin";
  fs::create_directories(krew_bin);
  fs::create_symlink(stage_bin() / "kubectl-kyma_istio", krew_bin / "kubectl-kyma_istio");
  auto env = kubectl_env(tmp, krew_bin);
  auto plugins = kubectl({"kyma-istio", "plugins"}, env);
  INFO(plugins.err);
  REQUIRE(plugins.exit_code == 0);
  for (const char* name : {"install", "upgrade-guard", "xff", "proxy-restart", "status"}) {
    CHECK(contains(plugins.out, (kyma::test::stage_dir() / "lib" / "kubectl-kyma-istio" /
                                 "plugins" / (std::string(name) + ".so"))
                                    .string()));
  }
}

TEST_CASE("a tree installed under umask 002 loads its plugins, listed with their commands") {
  TempDir tmp;
  fs::path prefix = tmp.path() / "prefix";
  auto installed =
      run_process({"sh", "-c",
                   "umask 002 && exec cmake --install '" + kyma::test::build_dir().string() +
                       "' --prefix '" + prefix.string() + "'"});
  INFO(installed.err);
  REQUIRE(installed.exit_code == 0);
  auto env = kubectl_env(tmp, prefix / "bin");
  auto table = run_process({(prefix / "bin" / "kubectl-kyma_istio").string(), "plugins"}, env);
  INFO(table.err);
  REQUIRE(table.exit_code == 0);
  CHECK(table.err.empty());
  CHECK(table.out.rfind("NAME", 0) == 0);

  auto listed =
      run_process({(prefix / "bin" / "kubectl-kyma_istio").string(), "plugins", "-o", "json"}, env);
  REQUIRE(listed.exit_code == 0);
  std::map<std::string, std::string> commands;
  for (const auto& plugin : nlohmann::json::parse(listed.out)) {
    CHECK(plugin["version"] == "0.1.0");
    CHECK(plugin["file"] == (prefix / "lib" / "kubectl-kyma-istio" / "plugins" /
                             (plugin["name"].get<std::string>() + ".so"))
                                .string());
    std::string joined;
    for (const auto& c : plugin["commands"])
      joined += (joined.empty() ? "" : ",") + c.get<std::string>();
    commands[plugin["name"]] = joined;
  }
  CHECK(commands == std::map<std::string, std::string>{{"install", "install,uninstall,manifest"},
                                                       {"proxy-restart", "restart"},
                                                       {"status", "status"},
                                                       {"upgrade-guard", "upgrade"},
                                                       {"xff", "xff"}});
  for (const auto& [name, joined] : commands) {
    INFO(name);
    CHECK(contains(table.out, joined));
  }
}

TEST_CASE("an installed tree still works after it is moved to another prefix") {
  TempDir tmp;
  fs::path moved = tmp.path() / "elsewhere";
  fs::copy(kyma::test::stage_dir(), moved, fs::copy_options::recursive);
  auto result = run_process({(moved / "bin" / "kubectl-kyma_istio").string(), "plugins"},
                            kubectl_env(tmp, moved / "bin"));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(
      contains(result.out, (moved / "lib" / "kubectl-kyma-istio" / "plugins" / "xff.so").string()));
  CHECK_FALSE(contains(result.out, kyma::test::stage_dir().string()));
}

TEST_CASE("help and usage errors use kubectl's conventions and exit codes") {
  TempDir home;
  auto env = kubectl_env(home, stage_bin());

  auto help = kubectl({"kyma-istio", "--help"}, env);
  CHECK(help.exit_code == 0);
  for (const char* cmd : {"install", "upgrade", "uninstall", "xff", "restart", "status", "manifest",
                          "plugins", "version", "completion"}) {
    CHECK(contains(help.out, std::string("\n  ") + cmd + " "));
  }
  CHECK(contains(help.out, "kubectl kyma-istio <command> [flags]"));

  auto cmd_help = kubectl({"kyma-istio", "install", "--help"}, env);
  CHECK(cmd_help.exit_code == 0);
  CHECK(contains(cmd_help.out, "kubectl kyma-istio install"));
  CHECK(contains(cmd_help.out, "-f, --filename file"));
  CHECK(contains(cmd_help.out, "--kubeconfig string"));

  auto unknown = kubectl({"kyma-istio", "frobnicate"}, env);
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err == "error: unknown command \"frobnicate\" for \"kubectl kyma-istio\"\n");

  auto bad_flag = kubectl({"kyma-istio", "version", "--frobnicate"}, env);
  CHECK(bad_flag.exit_code == 2);
  CHECK(bad_flag.err == "error: unknown flag: --frobnicate\n");

  auto missing = kubectl({"kyma-istio", "version", "--context"}, env);
  CHECK(missing.exit_code == 2);
  CHECK(missing.err == "error: flag needs an argument: --context\n");

  auto bad_choice = kubectl({"kyma-istio", "version", "-o", "xml"}, env);
  CHECK(bad_choice.exit_code == 2);
  CHECK(contains(bad_choice.err, "\"--output\""));

  auto extra_arg = kubectl({"kyma-istio", "version", "extra"}, env);
  CHECK(extra_arg.exit_code == 2);

  // A bad connection flag value is the command line's fault, not the cluster's.
  for (const char* command : {"version", "status", "manifest"}) {
    auto bad_timeout = kubectl({"kyma-istio", command, "--request-timeout", "soon"}, env);
    INFO(command);
    CHECK(bad_timeout.exit_code == 2);
    CHECK(bad_timeout.out.empty());
    CHECK(bad_timeout.err ==
          "error: invalid argument \"soon\" for \"--request-timeout\" flag: must be 0 or a "
          "duration with a unit (e.g. 1s, 2m, 3h)\n");
  }
}

TEST_CASE("every command accepts kubectl's connection flags") {
  TempDir home;
  auto env = kubectl_env(home, stage_bin());
  auto result = kubectl({"kyma-istio",
                         "version",
                         "--client",
                         "--context",
                         "c",
                         "--cluster",
                         "x",
                         "--user",
                         "u",
                         "-n",
                         "ns",
                         "-s",
                         "https://127.0.0.1:1",
                         "--token",
                         "t",
                         "--as",
                         "someone",
                         "--as-group",
                         "a,b",
                         "--as-group",
                         "c",
                         "--certificate-authority",
                         "/ca",
                         "--client-certificate",
                         "/crt",
                         "--client-key",
                         "/key",
                         "--insecure-skip-tls-verify",
                         "--tls-server-name",
                         "api",
                         "--request-timeout",
                         "5s",
                         "--kubeconfig=/nonexistent",
                         "--cache-dir",
                         "/tmp/c"},
                        env);
  INFO(result.err);
  CHECK(result.exit_code == 0);
}

TEST_CASE("refused plugins are reported one line each and the rest still work") {
  TempDir tmp;
  auto env = kubectl_env(tmp, stage_bin());
  env.env["KYMA_ISTIO_PLUGIN_PATH"] =
      test_plugin_folder(tmp, {"good_extra", "wrong_api", "not_a_plugin"}).string();
  auto result = kubectl({"kyma-istio", "hello"}, env);
  CHECK(result.exit_code == 0);
  CHECK(result.out == "hello from good-extra\n");
  CHECK(contains(result.err, "wrong_api.so: built for plugin API version 999"));
  CHECK(contains(result.err, "not_a_plugin.so: not a kubectl-kyma-istio plugin"));
  size_t lines = static_cast<size_t>(std::count(result.err.begin(), result.err.end(), '\n'));
  CHECK(lines == 2);
}

TEST_CASE("a plugin claiming a command that another plugin has is an error naming both") {
  TempDir tmp;
  auto env = kubectl_env(tmp, stage_bin());
  env.env["KYMA_ISTIO_PLUGIN_PATH"] = test_plugin_folder(tmp, {"claims_install"}).string();
  auto install = kubectl({"kyma-istio", "install"}, env);
  CHECK(install.exit_code == 1);
  CHECK(contains(install.err, "error: command \"install\" is claimed by both plugin install ("));
  CHECK(contains(install.err, "and plugin claims-install ("));
  // Other commands are not affected.
  auto version = kubectl({"kyma-istio", "version", "--client"}, env);
  CHECK(version.exit_code == 0);
}

TEST_CASE("kubectl completes the plugin's commands and flag values through the helper") {
  TempDir home;
  auto env = kubectl_env(home, stage_bin());
  auto commands = kubectl({"__complete", "kyma-istio", "up"}, env);
  CHECK(commands.exit_code == 0);
  CHECK(contains(commands.out, "upgrade\n"));
  CHECK_FALSE(contains(commands.out, "install\n"));

  auto values = kubectl({"__complete", "kyma-istio", "manifest", "--profile", "e"}, env);
  CHECK(contains(values.out, "evaluation\n"));
  CHECK_FALSE(contains(values.out, "production\n"));

  auto flags = kubectl({"__complete", "kyma-istio", "upgrade", "--ch"}, env);
  CHECK(contains(flags.out, "--check\n"));
}

TEST_CASE("the bash completion script completes commands") {
  TempDir home;
  auto env = kubectl_env(home, stage_bin());
  auto result = run_process(
      {"bash", "-c",
       "source <(kubectl-kyma_istio completion bash) && COMP_WORDS=(kubectl-kyma_istio unin) && "
       "COMP_CWORD=1 && _kubectl_kyma_istio && echo \"${COMPREPLY[@]}\""},
      env);
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out == "uninstall\n");

  auto zsh = run_process({"kubectl-kyma_istio", "completion", "zsh"}, env);
  CHECK(zsh.exit_code == 0);
  CHECK(contains(zsh.out, "#compdef kubectl-kyma_istio"));
  auto fish = run_process({"kubectl-kyma_istio", "completion", "fish"}, env);
  CHECK(fish.exit_code == 2);
}
