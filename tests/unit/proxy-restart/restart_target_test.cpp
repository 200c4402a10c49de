#include <catch2/catch.hpp>

#include "core/ui/error.hpp"
#include "plugins/proxy-restart/restart_target.hpp"

using namespace kyma::proxy_restart;
using nlohmann::json;

TEST_CASE("restart looks everywhere unless -n names a namespace") {
  kyma::plugin::Arguments args;
  kyma::kube::ConnectionFlags connection;
  CHECK(restart_namespace(args, connection).empty());
  args.add("all-namespaces", "true");
  CHECK(restart_namespace(args, connection).empty());

  kyma::plugin::Arguments none;
  connection.namespace_ = "shop";
  CHECK(restart_namespace(none, connection) == "shop");
}

TEST_CASE("-n and -A together are a usage error") {
  kyma::plugin::Arguments args;
  args.add("all-namespaces", "true");
  kyma::kube::ConnectionFlags connection;
  connection.namespace_ = "shop";
  try {
    restart_namespace(args, connection);
    FAIL("no error");
  } catch (const kyma::UsageError& e) {
    CHECK(std::string(e.what()) ==
          "-n/--namespace and -A/--all-namespaces cannot be used together");
    CHECK(e.code() == kyma::ExitCode::kUsage);
  }
  kyma::plugin::Arguments off;
  off.add("all-namespaces", "false");
  CHECK(restart_namespace(off, connection) == "shop");
}

namespace {

json with_last_applied(const std::string& text) {
  json cr;
  cr["metadata"]["annotations"]["operator.kyma-project.io/lastAppliedConfiguration"] = text;
  return cr;
}

}  // namespace

TEST_CASE("the installed version is the IstioTag the last reconcile recorded") {
  json cr = with_last_applied(R"({"config":{},"IstioTag":"1.22.3-distroless"})");
  CHECK(installed_istio_version(cr, "kyma-system/default") == "1.22.3");
}

TEST_CASE("a CR without an installed version is an error naming it") {
  json bare = {{"metadata", json::object()}};
  CHECK_THROWS_WITH(installed_istio_version(bare, "kyma-system/default"),
                    Catch::Contains("Istio CR kyma-system/default records no installed Istio "
                                    "version") &&
                        Catch::Contains("run install"));
  CHECK_THROWS_WITH(installed_istio_version(with_last_applied(R"({"config":{}})"), "x/y"),
                    Catch::Contains("records no installed Istio version"));
  CHECK_THROWS_WITH(installed_istio_version(with_last_applied(R"({"IstioTag":"latest"})"), "x/y"),
                    Catch::Contains("IstioTag \"latest\" is not a version"));
  CHECK_THROWS_WITH(installed_istio_version(with_last_applied("{not json"), "x/y"),
                    Catch::StartsWith("Istio CR x/y: "));
}
