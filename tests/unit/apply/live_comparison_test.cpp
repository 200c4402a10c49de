#include <catch2/catch.hpp>

#include "core/manifest/live_comparison.hpp"

using nlohmann::json;
using namespace kyma::manifest;

namespace {
json deployment(const std::string& cpu, json extra = json::object()) {
  json d = {{"apiVersion", "apps/v1"},
            {"kind", "Deployment"},
            {"metadata", {{"name", "istiod"}, {"namespace", "istio-system"}}},
            {"spec",
             {{"template",
               {{"spec",
                 {{"containers",
                   json::array(
                       {{{"name", "discovery"},
                         {"resources", {{"limits", {{"cpu", cpu}, {"memory", "2Gi"}}}}}}})}}}}}}}};
  d.merge_patch(extra);
  return d;
}
}  // namespace

TEST_CASE("a live object with server defaults and canonical quantities still matches") {
  json desired = deployment("4000m");
  json live = deployment("4");
  live["metadata"]["uid"] = "u";
  live["spec"]["template"]["spec"]["containers"][0]["imagePullPolicy"] = "IfNotPresent";
  CHECK(live_contains(desired, live));
  CHECK_FALSE(live_contains(deployment("3"), live));
}

TEST_CASE("lists must match element by element") {
  json desired = deployment("1");
  json live = deployment("1");
  live["spec"]["template"]["spec"]["containers"].push_back({{"name", "extra"}});
  CHECK_FALSE(live_contains(desired, live));
}

TEST_CASE("the digest catches a field that is no longer asked for") {
  json with_policy = with_applied_digest(deployment("1", {{"spec", {{"paused", true}}}}));
  json live = with_policy;  // as applied last time
  json without_policy = with_applied_digest(deployment("1"));
  CHECK(apply_would_change_nothing(with_policy, live));
  CHECK(live_contains(deployment("1"), live));  // a subset check alone would skip it
  CHECK_FALSE(apply_would_change_nothing(without_policy, live));  // the digest does not
}

TEST_CASE("the digest ignores itself and key order") {
  json a = json::parse(R"({"b":1,"a":{"y":2,"x":1}})");
  json b = json::parse(R"({"a":{"x":1,"y":2},"b":1})");
  CHECK(applied_digest(a) == applied_digest(b));
  CHECK(applied_digest(with_applied_digest(a)) == applied_digest(a));
  CHECK(applied_digest(a).size() == 16);
}

TEST_CASE("an object whose annotations are rendered empty (null) gets a digest too") {
  json desired = json::parse(R"({"kind":"Service","metadata":{"name":"s","annotations":null}})");
  json stamped = kyma::manifest::with_applied_digest(desired);
  CHECK(stamped["metadata"]["annotations"].size() == 1);
  CHECK(kyma::manifest::applied_digest(stamped) == kyma::manifest::applied_digest(desired));
}

TEST_CASE("a field left out after stamping does not count as a change of the rendered object") {
  json rendered = deployment("1", {{"spec", {{"paused", true}}}});
  json live = with_applied_digest(rendered);  // as applied last time
  json adjusted = with_applied_digest(rendered);
  adjusted["spec"].erase("paused");  // left to another field manager
  CHECK(apply_would_change_nothing(adjusted, live));
  // Without the stamp the digest is taken from what is there, and the change shows.
  adjusted["metadata"].erase("annotations");
  CHECK_FALSE(apply_would_change_nothing(adjusted, live));
}
