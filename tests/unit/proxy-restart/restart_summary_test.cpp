#include <catch2/catch.hpp>

#include "plugins/proxy-restart/restart_summary.hpp"

using namespace kyma::proxy_restart;

TEST_CASE("the manual-restart message lists five workloads and counts the rest") {
  CHECK(manual_restart_message({{"a", "1"}, {"b", "2"}}) ==
        "The sidecars of the following workloads could not be restarted: a/1, b/2");
  std::vector<WorkloadRef> many;
  for (int i = 0; i < 7; ++i) many.push_back({"ns", "w" + std::to_string(i)});
  CHECK(manual_restart_message(many) ==
        "The sidecars of the following workloads could not be restarted: ns/w0, ns/w1, ns/w2, "
        "ns/w3, ns/w4 and 2 additional workload(s)");
}
