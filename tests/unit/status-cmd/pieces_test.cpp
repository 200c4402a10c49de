// The small pieces of `status`: ages, version counts, the injector's image, pod facts and the
// workload that owns a pod.
#include <catch2/catch.hpp>

#include "core/kube/exec_credentials.hpp"
#include "plugins/status/age.hpp"
#include "plugins/status/injector_image.hpp"
#include "plugins/status/proxy_pods.hpp"
#include "plugins/status/version_count.hpp"
#include "plugins/status/workload_owner.hpp"
#include "tests/unit/status-cmd/fixtures.hpp"

using namespace kyma::status;
using namespace kyma::status::test;
using std::chrono::seconds;

TEST_CASE("ages are written as kubectl's AGE column writes them") {
  CHECK(human_duration(seconds(-5)) == "<invalid>");
  CHECK(human_duration(seconds(-1)) == "0s");
  CHECK(human_duration(seconds(0)) == "0s");
  CHECK(human_duration(seconds(119)) == "119s");
  CHECK(human_duration(seconds(120)) == "2m");
  CHECK(human_duration(seconds(200)) == "3m20s");
  CHECK(human_duration(seconds(600)) == "10m");
  CHECK(human_duration(seconds(179 * 60 + 59)) == "179m");
  CHECK(human_duration(seconds(3 * 3600)) == "3h");
  CHECK(human_duration(seconds(5 * 3600 + 10 * 60)) == "5h10m");
  CHECK(human_duration(seconds(30 * 3600)) == "30h");
  CHECK(human_duration(seconds(3 * 86400 + 4 * 3600)) == "3d4h");
  CHECK(human_duration(seconds(400 * 86400)) == "400d");
  CHECK(human_duration(seconds((2 * 365 + 15) * 86400LL)) == "2y15d");
  CHECK(human_duration(seconds(9 * 365 * 86400LL)) == "9y");
  auto now = *kyma::kube::parse_rfc3339("2026-01-01T10:05:00Z");
  CHECK(age_of("2026-01-01T10:00:00Z", now) == "5m");
  CHECK(age_of("yesterday", now) == "<unknown>");
}

TEST_CASE("versions are counted newest first, anything that is not a version last") {
  auto counts = count_versions({"1.22.3", "1.23.2", "latest", "1.23.2", "1.9.0", "unknown"});
  REQUIRE(counts.size() == 5);
  CHECK(counts[0] == VersionCount{"1.23.2", 2});
  CHECK(counts[1] == VersionCount{"1.22.3", 1});
  CHECK(counts[2] == VersionCount{"1.9.0", 1});
  CHECK(counts[3].version == "latest");
  CHECK(counts[4].version == "unknown");
  CHECK(describe_counts({{"1.23.2", 40}, {"1.22.3", 1}}) == "1.23.2: 40 pods, 1.22.3: 1 pod");
}

TEST_CASE("the injector's image is hub/image:tag, or the image when it is a full reference") {
  CHECK(injector_proxy_image(injector("1.23.2-distroless")).image == proxy("1.23.2-distroless"));
  CHECK(injector_proxy_image(injector("1.23.2", "my.registry/istio/proxyv2:custom")).image ==
        "my.registry/istio/proxyv2:custom");
  json no_values = {{"data", {{"config", "x"}}}};
  CHECK(injector_proxy_image(no_values).image.empty());
  CHECK(injector_proxy_image(no_values).problem == "it has no key \"values\"");
  json not_json = {{"data", {{"values", "{oops"}}}};
  CHECK(injector_proxy_image(not_json).problem == "its key \"values\" is not JSON");
  json no_tag = {{"data", {{"values", R"({"global":{"hub":"h","proxy":{"image":"proxyv2"}}})"}}}};
  CHECK(injector_proxy_image(no_tag).problem == "its values have no global.hub or global.tag");
}

TEST_CASE("a proxy image is current when it is the injector's, or that image with a variant") {
  const std::string expected = proxy("1.23.2");
  CHECK(proxy_image_is_current(proxy("1.23.2"), expected));
  CHECK(proxy_image_is_current(proxy("1.23.2-distroless"), expected));
  CHECK_FALSE(proxy_image_is_current(proxy("1.23.2-"), expected));
  CHECK_FALSE(proxy_image_is_current(proxy("1.23.20"), expected));
  CHECK_FALSE(proxy_image_is_current(proxy("1.22.3-distroless"), expected));
  CHECK_FALSE(proxy_image_is_current("docker.io/istio/proxyv2:1.23.2", expected));
}

TEST_CASE("pod facts: proxy images in containers and init containers, liveness, versions") {
  json p = pod("shop", "web-1", proxy("1.22.3-distroless"));
  CHECK(has_proxy(p));
  CHECK(container_images(p, "istio-proxy") == std::vector<std::string>{proxy("1.22.3-distroless")});
  json native = pod("shop", "native", "");
  CHECK_FALSE(has_proxy(native));
  native["spec"]["initContainers"] = json::array({{{"name", "istio-proxy"}, {"image", "x:1.0.0"}}});
  CHECK(has_proxy(native));
  CHECK(is_live(p));
  json done = p;
  done["status"]["phase"] = "Succeeded";
  CHECK_FALSE(is_live(done));
  json going = p;
  going["metadata"]["deletionTimestamp"] = "2026-01-01T00:00:00Z";
  CHECK_FALSE(is_live(going));
  CHECK(image_istio_version(proxy("1.23.2-distroless")) == "1.23.2");
  CHECK(image_istio_version("registry:5000/proxyv2:latest") == "latest");
  CHECK(image_istio_version("registry:5000/proxyv2") == "unknown");
}

TEST_CASE("a slim pod keeps what status reads and drops pods it does not care about") {
  json p = pod("shop", "web-1", proxy("1.22.3"), "ReplicaSet", "web-abc");
  p["metadata"]["labels"] = {{"app", "web"}};
  p["metadata"]["annotations"] = {{"sidecar.istio.io/status", "{}"}, {"other", "x"}};
  p["spec"]["volumes"] = json::array({{{"name", "v"}}});
  json slim = slim_pod(p);
  CHECK(slim["metadata"]["name"] == "web-1");
  CHECK_FALSE(slim["metadata"].contains("labels"));  // only control-plane pods keep labels
  CHECK_FALSE(slim["metadata"].contains("annotations"));
  CHECK(slim["metadata"]["ownerReferences"][0]["name"] == "web-abc");
  CHECK(slim["spec"]["containers"].size() == 1);  // only the istio-proxy container
  CHECK(slim["status"]["phase"] == "Running");
  CHECK_FALSE(slim["spec"].contains("volumes"));

  p["metadata"]["annotations"]["sidecar.istio.io/proxyImage"] = "mine:1";
  CHECK(has_custom_proxy_image(slim_pod(p)));

  CHECK(slim_pod(pod("shop", "plain", "")).is_null());
  json istiod = component_pod("istiod-1", kIstiodLabels, "discovery", pilot("1.23.2"));
  CHECK(slim_pod(istiod)["metadata"]["labels"] == kIstiodLabels);
}

TEST_CASE("the workload of a pod follows the operator's owner rules") {
  ReplicaSetIndex index;
  index.add(replica_set("shop", "web-abc", "web"));
  index.add(replica_set("shop", "bare-rs", ""));
  index.missing.insert("shop/gone-rs");

  auto of = [&](const std::string& kind, const std::string& name) {
    return owning_workload(pod("shop", "p-1", proxy("1"), kind, name), index);
  };
  Workload w = of("ReplicaSet", "web-abc");
  CHECK((w.kind == "Deployment" && w.name == "web" && !w.manual));
  w = of("ReplicaSet", "bare-rs");
  CHECK((w.kind == "ReplicaSet" && w.name == "bare-rs" && !w.manual));
  w = of("ReplicaSet", "gone-rs");
  CHECK((w.kind == "Pod" && w.name == "p-1" && w.manual));
  CHECK(w.reason == "its ReplicaSet gone-rs was not found");
  w = of("StatefulSet", "db");
  CHECK((w.kind == "StatefulSet" && !w.manual));
  w = of("DaemonSet", "agent");
  CHECK((w.kind == "DaemonSet" && !w.manual));
  w = of("ReplicationController", "old");
  CHECK(!w.manual);
  w = of("Job", "migrate");
  CHECK((w.kind == "Job" && w.manual && w.reason == "owned by a Job"));
  w = of("", "");
  CHECK((w.kind == "Pod" && w.name == "p-1" && w.manual && w.reason == "no owner"));
  w = of("Rollout", "canary");
  CHECK((w.manual && w.reason == "kind Rollout is not supported for rollout"));

  CHECK_FALSE(replica_set_to_look_up(pod("shop", "a", "x", "ReplicaSet", "web-abc"), index));
  CHECK_FALSE(replica_set_to_look_up(pod("shop", "a", "x", "ReplicaSet", "gone-rs"), index));
  CHECK(replica_set_to_look_up(pod("shop", "a", "x", "ReplicaSet", "new-rs"), index) ==
        std::optional<std::string>("shop/new-rs"));
  CHECK_FALSE(replica_set_to_look_up(pod("shop", "a", "x", "StatefulSet", "db"), index));
}
