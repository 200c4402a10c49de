#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "core/kube/client.hpp"
#include "core/plugin/pipeline.hpp"
#include "core/ui/progress.hpp"

using kyma::ExitCode;
using kyma::istio::DescribedError;
using kyma::istio::Level;
using kyma::plugin::Phase;
using kyma::plugin::ReconcileContext;
using kyma::plugin::StageSpec;

namespace {

// The pipeline never touches the client; a client for an unreachable address is enough.
kyma::kube::Client offline_client() {
  kyma::kube::RestConfig config;
  config.server = "https://127.0.0.1:1";
  return kyma::kube::Client(config);
}

struct Recorder {
  std::vector<std::string> ran;
  StageSpec stage(const std::string& name, Phase phase, int order,
                  std::function<void(ReconcileContext&)> extra = {}) {
    return {name, phase, order, [this, name, extra](ReconcileContext& c) {
              ran.push_back(name);
              if (extra) extra(c);
            }};
  }
};

DescribedError warning(const std::string& text) {
  return {text, "warned", Level::kWarning, true, true, std::nullopt};
}
DescribedError error(const std::string& text) {
  return {text, "failed", Level::kError, true, true, std::nullopt};
}

std::vector<const StageSpec*> pointers(const std::vector<StageSpec>& stages) {
  std::vector<const StageSpec*> out;
  for (const auto& s : stages) out.push_back(&s);
  return out;
}

struct Fixture {
  kyma::kube::Client client = offline_client();
  std::ostringstream err;
  kyma::ui::Progress progress{err, false};
  ReconcileContext context{client, progress, {}, "kyma-system", "default"};
};

}  // namespace

TEST_CASE("a failure outside the restart phase stops the pipeline after its stage") {
  Fixture f;
  Recorder r;
  std::vector<StageSpec> stages = {
      r.stage("validate", Phase::kValidate, 0),
      r.stage("render", Phase::kRender, 0,
              [](ReconcileContext& c) { c.fail(error("bad"), ExitCode::kFailure); }),
      r.stage("apply", Phase::kApply, 0),
  };
  kyma::plugin::run_pipeline(f.context, pointers(stages));
  CHECK(r.ran == std::vector<std::string>{"validate", "render"});
  REQUIRE(f.context.error());
  CHECK(f.context.error()->full_description() == "failed: bad");
  CHECK(f.context.exit_code() == ExitCode::kFailure);
}

TEST_CASE("every restarter runs, the most severe error wins and the status phase is skipped") {
  Fixture f;
  Recorder r;
  std::vector<StageSpec> stages = {
      r.stage("ingress", Phase::kRestart, 10,
              [](ReconcileContext& c) { c.fail(warning("w1"), ExitCode::kActionRequired); }),
      r.stage("sidecars", Phase::kRestart, 20,
              [](ReconcileContext& c) { c.fail(error("e1"), ExitCode::kFailure); }),
      r.stage("netpol", Phase::kRestart, 30,
              [](ReconcileContext& c) { c.fail(error("e2"), ExitCode::kTimeout); }),
      r.stage("finish", Phase::kStatus, 0),
  };
  kyma::plugin::run_pipeline(f.context, pointers(stages));
  CHECK(r.ran == std::vector<std::string>{"ingress", "sidecars", "netpol"});
  REQUIRE(f.context.error());
  CHECK(f.context.error()->error == "e1");  // Error beats Warning; the first Error wins a tie
  CHECK(f.context.exit_code() == ExitCode::kFailure);
}

TEST_CASE("restarters that all succeed let the status phase run") {
  Fixture f;
  Recorder r;
  std::vector<StageSpec> stages = {r.stage("ingress", Phase::kRestart, 10),
                                   r.stage("finish", Phase::kStatus, 0)};
  kyma::plugin::run_pipeline(f.context, pointers(stages));
  CHECK(r.ran == std::vector<std::string>{"ingress", "finish"});
  CHECK_FALSE(f.context.error());
}

TEST_CASE("a stage that throws is recorded with the exception's message and exit code") {
  Fixture f;
  Recorder r;
  std::vector<StageSpec> stages = {
      r.stage("wait", Phase::kApply, 0,
              [](ReconcileContext&) { throw kyma::TimeoutError("timed out waiting for x"); }),
      r.stage("after", Phase::kApply, 1),
  };
  kyma::plugin::run_pipeline(f.context, pointers(stages));
  CHECK(r.ran == std::vector<std::string>{"wait"});
  REQUIRE(f.context.error());
  CHECK(f.context.error()->full_description() == "timed out waiting for x");
  CHECK(f.context.exit_code() == ExitCode::kTimeout);
}

TEST_CASE("stop ends the reconcile without an error of its own") {
  Fixture f;
  Recorder r;
  std::vector<StageSpec> stages = {
      r.stage("first", Phase::kValidate, 0, [](ReconcileContext& c) { c.stop(); }),
      r.stage("second", Phase::kValidate, 1)};
  kyma::plugin::run_pipeline(f.context, pointers(stages));
  CHECK(r.ran == std::vector<std::string>{"first"});
  CHECK_FALSE(f.context.error());
}

TEST_CASE("a non-Ready reason first sets Ready to ReconcileFailed") {
  Fixture f;
  f.context.set_error_condition(kyma::istio::Reason::kProxySidecarRestartFailed);
  auto* ready = kyma::istio::find_condition(f.context.conditions, "Ready");
  REQUIRE(ready);
  CHECK(ready->reason == "ReconcileFailed");
  auto* sidecar = kyma::istio::find_condition(f.context.conditions, "ProxySidecarRestartSucceeded");
  REQUIRE(sidecar);
  CHECK(sidecar->status == "False");
}
