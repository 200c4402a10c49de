// List and delete options on the wire: what the client sends for them and that the server acts
// on it.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "core/kube/client.hpp"
#include "tests/integration/kube/fixture.hpp"
#include "tests/support/process.hpp"

using namespace kyma::kube;
using kyma::kube::test::config_map;
using kyma::kube::test::contains;
using kyma::kube::test::Fixture;
using kyma::test::wait_until;
using nlohmann::json;
using std::chrono::seconds;

namespace {

// The decoded value of `key` in a raw query string ("" when absent).
std::string query_param(const std::string& query, const std::string& key) {
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    std::string pair = query.substr(start, end - start);
    if (pair.rfind(key + "=", 0) == 0) {
      std::string raw = pair.substr(key.size() + 1), value;
      for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '%' && i + 2 < raw.size()) {
          value += static_cast<char>(std::strtol(raw.substr(i + 1, 2).c_str(), nullptr, 16));
          i += 2;
        } else {
          value += raw[i] == '+' ? ' ' : raw[i];
        }
      }
      return value;
    }
    start = end + 1;
  }
  return "";
}

// The last request the server saw with this verb and path.
fakekube::RequestRecord last(const Fixture& f, const std::string& verb, const std::string& path) {
  auto requests = f.server.requests();
  for (auto it = requests.rbegin(); it != requests.rend(); ++it)
    if (it->verb == verb && it->path == path) return *it;
  FAIL("no " << verb << " " << path << " reached the server");
  return {};
}

std::vector<std::string> names(const json& list) {
  std::vector<std::string> out;
  for (const auto& item : list["items"]) out.push_back(item["metadata"]["name"]);
  return out;
}

json pod(const std::string& name, const std::string& phase) {
  return {{"apiVersion", "v1"},
          {"kind", "Pod"},
          {"metadata", {{"name", name}, {"namespace", "itest"}}},
          {"spec",
           {{"nodeName", "fakekube-node-1"},
            {"containers", json::array({{{"name", "c"}, {"image", "i"}}})}}},
          {"status", {{"phase", phase}}}};
}

json owned_by(json object, const json& owner) {
  object["metadata"]["ownerReferences"] = json::array({{{"apiVersion", owner["apiVersion"]},
                                                        {"kind", owner["kind"]},
                                                        {"name", owner["metadata"]["name"]},
                                                        {"uid", owner["metadata"]["uid"]}}});
  return object;
}

}  // namespace

TEST_CASE("a list with a field selector sends fieldSelector and gets only the matches") {
  Fixture f;
  f.create_namespace("itest");
  f.create_namespace("other");
  for (const char* name : {"a", "b", "c"}) f.server.seed(config_map(name));
  f.server.seed(config_map("b", "other"));
  Client client = f.client();

  SECTION("metadata.name") {
    json list = client.list("v1", "ConfigMap", "itest", {.field_selector = "metadata.name=b"});
    CHECK(names(list) == std::vector<std::string>{"b"});
    auto request = last(f, "GET", "/api/v1/namespaces/itest/configmaps");
    CHECK(query_param(request.query, "fieldSelector") == "metadata.name=b");
    CHECK(contains(request.query, "fieldSelector=metadata.name%3Db"));  // '=' escaped
  }
  SECTION("metadata.namespace, across all namespaces") {
    json list = client.list("v1", "ConfigMap", "", {.field_selector = "metadata.namespace=other"});
    REQUIRE(names(list) == std::vector<std::string>{"b"});
    CHECK(list["items"][0]["metadata"]["namespace"] == "other");
    auto request = last(f, "GET", "/api/v1/configmaps");
    CHECK(query_param(request.query, "fieldSelector") == "metadata.namespace=other");
  }
  SECTION("status.phase, with a label selector too") {
    f.server.seed(pod("running", "Running"));
    f.server.seed(pod("done", "Succeeded"));
    json list = client.list("v1", "Pod", "itest",
                            {.label_selector = "", .field_selector = "status.phase!=Running"});
    CHECK(names(list) == std::vector<std::string>{"done"});
    auto request = last(f, "GET", "/api/v1/namespaces/itest/pods");
    CHECK(query_param(request.query, "fieldSelector") == "status.phase!=Running");
  }
  SECTION("no field selector: no fieldSelector parameter") {
    CHECK(names(client.list("v1", "ConfigMap", "itest")) ==
          std::vector<std::string>{"a", "b", "c"});
    auto request = last(f, "GET", "/api/v1/namespaces/itest/configmaps");
    CHECK_FALSE(contains(request.query, "fieldSelector"));
  }
}

// client-go and kubectl put the propagation policy in the DeleteOptions body, not in the query;
// the server reads either. The log records no bodies, so the body is judged by its effect: the
// query carries no policy, yet the server orphans the dependent, which it does only when told.
TEST_CASE("a delete sends its propagation policy in the DeleteOptions body") {
  Fixture f;
  f.create_namespace("itest");
  Client client = f.client();
  json owner = client.create(config_map("owner"));
  f.server.seed(owned_by(config_map("child"), owner));

  CHECK(client.remove("v1", "ConfigMap", "itest", "owner", {.propagation_policy = "Orphan"}));
  auto request = last(f, "DELETE", "/api/v1/namespaces/itest/configmaps/owner");
  CHECK_FALSE(contains(request.query, "propagationPolicy"));
  CHECK(request.content_type == "application/json");
  REQUIRE(
      wait_until([&] { return !f.server.get("v1", "ConfigMap", "itest", "owner"); }, seconds(10)));
  auto child = f.server.get("v1", "ConfigMap", "itest", "child");
  REQUIRE(child);
  CHECK_FALSE((*child)["metadata"].contains("ownerReferences"));

  // Without a policy the same setup loses its dependent: the orphaning above was the policy's.
  json second = client.create(config_map("second-owner"));
  f.server.seed(owned_by(config_map("second-child"), second));
  CHECK(client.remove("v1", "ConfigMap", "itest", "second-owner"));
  CHECK(wait_until([&] { return !f.server.get("v1", "ConfigMap", "itest", "second-child"); },
                   seconds(10)));
}
