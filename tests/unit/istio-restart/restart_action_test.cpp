#include <catch2/catch.hpp>

#include "core/istio/restart_action.hpp"

using nlohmann::json;
using namespace kyma::istio;

namespace {

json owned(const std::string& name, const std::string& kind, const std::string& owner,
           const std::string& uid = "u1") {
  json o = {{"metadata", {{"name", name}, {"namespace", "shop"}}}};
  if (!kind.empty()) {
    o["metadata"]["ownerReferences"] =
        json::array({{{"kind", kind}, {"name", owner}, {"uid", uid}}});
  }
  return o;
}

struct FakeCluster {
  std::vector<json> replicasets;
  OwnerLookup lookup() {
    return {[this](const std::string&, const std::string& name) -> std::optional<json> {
              for (const auto& rs : replicasets) {
                if (rs["metadata"]["name"] == name) return rs;
              }
              return std::nullopt;
            },
            [this](const std::string&) { return replicasets; }};
  }
};

}  // namespace

TEST_CASE("pods without an owner or owned by a Job need a manual restart") {
  FakeCluster cluster;
  auto bare = decide_restart(owned("p", "", ""), cluster.lookup());
  CHECK(bare.kind == ActionKind::kWarn);
  CHECK(bare.message == kNoOwnerWarning);
  CHECK(bare.target_kind == "Pod");
  auto job = decide_restart(owned("p", "Job", "j"), cluster.lookup());
  CHECK(job.kind == ActionKind::kWarn);
  CHECK(job.message == kJobOwnerWarning);
}

TEST_CASE("a Deployment's pod rolls out the Deployment") {
  FakeCluster cluster;
  cluster.replicasets.push_back(owned("web-abc", "Deployment", "web", "d1"));
  auto action = decide_restart(owned("web-abc-1", "ReplicaSet", "web-abc"), cluster.lookup());
  CHECK(action.kind == ActionKind::kRollout);
  CHECK(action.target_kind == "Deployment");
  CHECK(action.name == "web");
}

TEST_CASE("a Deployment with another ReplicaSet still rolling out is left alone") {
  FakeCluster cluster;
  cluster.replicasets.push_back(owned("web-abc", "Deployment", "web", "d1"));
  auto rolling = owned("web-def", "Deployment", "web", "d1");
  rolling["status"] = {{"replicas", 2}, {"readyReplicas", 1}};
  cluster.replicasets.push_back(rolling);
  auto action = decide_restart(owned("web-abc-1", "ReplicaSet", "web-abc"), cluster.lookup());
  CHECK(action.kind == ActionKind::kSkip);
  // A sibling scaled to zero does not hold it back.
  cluster.replicasets[1]["status"] = {{"replicas", 0}, {"readyReplicas", 0}};
  CHECK(decide_restart(owned("web-abc-1", "ReplicaSet", "web-abc"), cluster.lookup()).kind ==
        ActionKind::kRollout);
}

TEST_CASE("ReplicaSet edge cases: gone, or without an owner") {
  FakeCluster cluster;
  CHECK(decide_restart(owned("p", "ReplicaSet", "gone"), cluster.lookup()).kind ==
        ActionKind::kWarn);
  cluster.replicasets.push_back(owned("lonely", "", ""));
  CHECK(decide_restart(owned("p", "ReplicaSet", "lonely"), cluster.lookup()).kind ==
        ActionKind::kDeletePod);
}

TEST_CASE("other owners: rollout, delete, or unsupported") {
  FakeCluster cluster;
  CHECK(decide_restart(owned("p", "StatefulSet", "db"), cluster.lookup()).kind ==
        ActionKind::kRollout);
  CHECK(decide_restart(owned("p", "DaemonSet", "agent"), cluster.lookup()).kind ==
        ActionKind::kRollout);
  CHECK(decide_restart(owned("p", "ReplicationController", "rc"), cluster.lookup()).kind ==
        ActionKind::kDeletePod);
  auto odd = decide_restart(owned("p", "Rollout", "r"), cluster.lookup());
  CHECK(odd.kind == ActionKind::kError);
  CHECK(odd.message == "kind Rollout is not supported for rollout");
}
