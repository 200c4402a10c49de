#include <catch2/catch.hpp>

#include "plugins/xff/ingress_restart_rule.hpp"

using kyma::xff::ingress_restart_triggers;
using nlohmann::json;

TEST_CASE("a changed number of trusted proxies restarts the gateway, an equal one does not") {
  json last = json::parse(R"({"config":{"numTrustedProxies":1},"IstioTag":"1.23.2"})");
  CHECK(
      ingress_restart_triggers(json::parse(R"({"config":{"numTrustedProxies":1}})"), last).empty());
  CHECK(ingress_restart_triggers(json::parse(R"({"config":{"numTrustedProxies":2}})"), last) ==
        std::vector<std::string>{"numTrustedProxies"});
}

TEST_CASE("set and unset count as a change, and without an annotation every set field does") {
  json last = json::parse(R"({"config":{"numTrustedProxies":1}})");
  CHECK(ingress_restart_triggers(json::object(), last) ==
        std::vector<std::string>{"numTrustedProxies"});
  CHECK(ingress_restart_triggers(json::parse(R"({"config":{"trustDomain":"a"}})"), std::nullopt) ==
        std::vector<std::string>{"trustDomain"});
  CHECK(ingress_restart_triggers(json::object(), std::nullopt).empty());
}

TEST_CASE("stats matcher lists compare sorted, and empty equals unset") {
  json last = json::parse(R"({"config":{"proxyStatsMatcher":{"inclusionRegexps":["b","a"]}}})");
  CHECK(ingress_restart_triggers(
            json::parse(R"({"config":{"proxyStatsMatcher":{"inclusionRegexps":["a","b"]}}})"), last)
            .empty());
  CHECK(
      ingress_restart_triggers(
          json::parse(R"({"config":{"proxyStatsMatcher":{"inclusionRegexps":[]}}})"), std::nullopt)
          .empty());
  CHECK(ingress_restart_triggers(
            json::parse(R"({"config":{"forwardClientCertDetails":"APPEND_FORWARD"}})"),
            std::nullopt) == std::vector<std::string>{"forwardClientCertDetails"});
}
