#include <catch2/catch.hpp>

#include "core/istio/conditions.hpp"
#include "core/istio/described_error.hpp"

using namespace kyma::istio;

TEST_CASE("reasons carry the operator's type, status and message") {
  auto c = make_condition(Reason::kIstioUninstallSucceeded);
  CHECK(c.type == "Ready");
  CHECK(c.status == "False");
  CHECK(c.reason == "IstioUninstallSucceeded");
  CHECK(c.message == "Istio uninstallation succeded");
  CHECK(make_condition(Reason::kIngressTargetingUserResourceDetectionFailed).status == "Unknown");
  CHECK(make_condition(Reason::kProxySidecarManualRestartRequired, "ns/a").message == "ns/a");
  CHECK(reason_from_name("OlderCRExists") == Reason::kOlderCRExists);
  CHECK_FALSE(reason_from_name("NoSuchReason"));
  CHECK(is_ready_type(Reason::kIngressGatewayRestartSucceeded));
  CHECK_FALSE(is_ready_type(Reason::kProxySidecarRestartFailed));
}

TEST_CASE(
    "setting a condition keeps one entry per type and moves the time only on a status change") {
  std::vector<Condition> conditions;
  CHECK(set_condition(conditions, make_condition(Reason::kReconcileUnknown), "t1"));
  CHECK(set_condition(conditions, make_condition(Reason::kReconcileFailed), "t2"));
  REQUIRE(conditions.size() == 1);
  CHECK(conditions[0].last_transition_time == "t2");  // Unknown -> False
  CHECK(set_condition(conditions, make_condition(Reason::kIstioInstallSucceeded), "t3"));
  CHECK(conditions[0].last_transition_time == "t2");  // False -> False keeps the time
  CHECK(conditions[0].reason == "IstioInstallSucceeded");
  CHECK_FALSE(set_condition(conditions, make_condition(Reason::kIstioInstallSucceeded), "t4"));
  CHECK(set_condition(conditions, make_condition(Reason::kProxySidecarRestartSucceeded), "t5"));
  CHECK(conditions.size() == 2);
  CHECK(find_condition(conditions, "ProxySidecarRestartSucceeded")->status == "True");
}

namespace {
DescribedError described(std::string error, std::string description, Level level,
                         bool wrap = true) {
  DescribedError e;
  e.error = std::move(error);
  e.description = std::move(description);
  e.level = level;
  e.wrap = wrap;
  return e;
}
}  // namespace

TEST_CASE("the most severe described error wins, the first one on a tie") {
  std::optional<DescribedError> warning = described("w", "warn", Level::kWarning);
  std::optional<DescribedError> error1 = described("e1", "first", Level::kError);
  std::optional<DescribedError> error2 = described("e2", "second", Level::kError);
  std::optional<DescribedError> none;
  CHECK(more_severe(warning, error1)->error == "e1");
  CHECK(more_severe(error1, error2)->error == "e1");
  CHECK(more_severe(none, warning)->error == "w");
  CHECK(error1->full_description() == "first: e1");
  DescribedError unwrapped =
      described("x", "There are Istio resources that block deletion", Level::kWarning, false);
  CHECK(unwrapped.full_description() == "There are Istio resources that block deletion");
  CHECK(std::string(unwrapped.state()) == "Warning");
}
