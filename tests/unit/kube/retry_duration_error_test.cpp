#include <catch2/catch.hpp>

#include "core/kube/api_error.hpp"
#include "core/kube/discovery.hpp"
#include "core/kube/duration.hpp"
#include "core/kube/http_transport.hpp"
#include "core/kube/retry_policy.hpp"

using namespace kyma::kube;
using std::chrono::milliseconds;
using std::chrono::seconds;

TEST_CASE("retry decisions follow client-go") {
  auto none = TransportFailure::kNone;
  // 429 and 5xx only with Retry-After, waiting what it says.
  auto r = decide_retry("POST", 429, none, "3", 1);
  CHECK(r.retry);
  CHECK(r.wait == seconds(3));
  CHECK(decide_retry("GET", 503, none, "1", 1).retry);
  CHECK(decide_retry("PUT", 500, none, "0", 2).retry);
  CHECK_FALSE(decide_retry("GET", 503, none, std::nullopt, 1).retry);
  CHECK_FALSE(decide_retry("GET", 429, none, "Wed, 21 Oct 2015 07:28:00 GMT", 1).retry);
  CHECK_FALSE(decide_retry("GET", 404, none, "1", 1).retry);
  CHECK_FALSE(decide_retry("GET", 409, none, "1", 1).retry);
  CHECK_FALSE(decide_retry("GET", 200, none, "1", 1).retry);
  // At most 10 tries in all.
  CHECK(decide_retry("GET", 429, none, "1", 9).retry);
  CHECK_FALSE(decide_retry("GET", 429, none, "1", 10).retry);
  // A reset connection: GET only; writes are never retried blindly.
  CHECK(decide_retry("GET", 0, TransportFailure::kConnectionReset, std::nullopt, 1).retry);
  for (const char* write : {"POST", "PUT", "PATCH", "DELETE"})
    CHECK_FALSE(decide_retry(write, 0, TransportFailure::kConnectionReset, std::nullopt, 1).retry);
  CHECK_FALSE(decide_retry("GET", 0, TransportFailure::kOther, std::nullopt, 1).retry);
  CHECK(parse_retry_after(" 7 ") == 7);
  CHECK_FALSE(parse_retry_after("-1"));
}

TEST_CASE("request timeout values as kubectl takes them") {
  CHECK(parse_request_timeout("0") == milliseconds(0));
  CHECK(parse_request_timeout("30s") == seconds(30));
  CHECK(parse_request_timeout("1m") == seconds(60));
  CHECK(parse_request_timeout("1h") == seconds(3600));
  CHECK(parse_request_timeout("1m30s") == seconds(90));
  CHECK(parse_request_timeout("1.5s") == milliseconds(1500));
  CHECK(parse_request_timeout("250ms") == milliseconds(250));
  for (const char* bad : {"30", "", "abc", "1x", "-1s", "s"}) {
    try {
      parse_request_timeout(bad);
      FAIL(std::string("accepted ") + bad);
    } catch (const kyma::UsageError& e) {
      CHECK(std::string(e.what()).find("--request-timeout") != std::string::npos);
      CHECK(e.code() == kyma::ExitCode::kUsage);
    }
  }
}

TEST_CASE("Status bodies become typed errors with the server's message") {
  auto status = [](int code, const std::string& reason, const std::string& message) {
    return nlohmann::json{{"kind", "Status"},   {"apiVersion", "v1"}, {"status", "Failure"},
                          {"message", message}, {"reason", reason},   {"code", code}}
        .dump();
  };
  CHECK_THROWS_AS(throw_api_error(404, status(404, "NotFound", "pods \"x\" not found")),
                  NotFoundError);
  CHECK_THROWS_WITH(throw_api_error(404, status(404, "NotFound", "pods \"x\" not found")),
                    "pods \"x\" not found");
  CHECK_THROWS_AS(throw_api_error(409, status(409, "AlreadyExists", "exists")), AlreadyExistsError);
  CHECK_THROWS_AS(throw_api_error(409, status(409, "Conflict", "modified")), ConflictError);
  CHECK_THROWS_AS(throw_api_error(403, status(403, "Forbidden", "no")), ForbiddenError);
  CHECK_THROWS_AS(throw_api_error(422, status(422, "Invalid", "bad")), InvalidError);
  CHECK_THROWS_AS(throw_api_error(410, status(410, "Expired", "too old")), ExpiredError);
  CHECK_THROWS_AS(throw_api_error(429, status(429, "TooManyRequests", "slow")),
                  TooManyRequestsError);
  CHECK_THROWS_AS(throw_api_error(504, status(504, "Timeout", "late")), ServerTimeoutError);
  CHECK_THROWS_AS(throw_api_error(500, "<html>oops</html>"), InternalError);
  CHECK_THROWS_WITH(throw_api_error(401, ""), Catch::Contains("You must be logged in"));
  CHECK_THROWS_WITH(throw_api_error(404, "", "get deployments.apps x"),
                    Catch::Contains("could not find") && Catch::Contains("deployments.apps x"));
  try {
    throw_api_error(429, R"({"kind":"Status","reason":"TooManyRequests","message":"m",
                            "details":{"retryAfterSeconds":2}})");
  } catch (const ApiError& e) {
    CHECK(e.http_status() == 429);
    CHECK(e.retry_after_seconds() == 2);
    CHECK(e.code() == kyma::ExitCode::kFailure);
  }
}

TEST_CASE("messages never carry credentials") {
  CHECK(redact_url("https://user:secret@host:6443/x") == "https://host:6443/x");
  CHECK(redact_url("https://host:6443") == "https://host:6443");
  ConnectionError e("https://admin:hunter2@k:6443", "Connection refused");
  CHECK(std::string(e.what()) ==
        "Unable to connect to the server https://k:6443: Connection refused");
}

TEST_CASE("Warning header text") {
  CHECK(warning_text("299 - \"policy/v1beta1 is deprecated\"") == "policy/v1beta1 is deprecated");
  CHECK(warning_text("299 - \"quoted \\\"word\\\"\" \"date\"") == "quoted \"word\"");
}

TEST_CASE("discovery cache folder as kubectl names it") {
  CHECK(discovery_cache_folder_name("https://10.0.0.1:6443") == "10.0.0.1_6443");
  CHECK(discovery_cache_folder_name("https://api.example.com:443/") == "api.example.com_443");
}

TEST_CASE("proxy from the environment: never for loopback, NO_PROXY honoured") {
  for (const char* name : {"HTTP_PROXY", "http_proxy", "https_proxy", "no_proxy"}) ::unsetenv(name);
  ::setenv("HTTPS_PROXY", "http://proxy:3128", 1);
  ::setenv("NO_PROXY", ".internal,example.org:8443", 1);
  CHECK(proxy_from_environment("https://127.0.0.1:6443") == "");
  CHECK(proxy_from_environment("https://k.example.com") == "http://proxy:3128");
  CHECK(proxy_from_environment("https://api.internal:6443") == "");
  CHECK(proxy_from_environment("https://example.org:8443") == "");
  CHECK(proxy_from_environment("https://example.org:443") == "http://proxy:3128");
  CHECK(proxy_from_environment("http://k.example.com") == "");
  // A leading dot means subdomains only; a bare name covers the host and its subdomains.
  CHECK(proxy_from_environment("https://internal") == "http://proxy:3128");
  ::setenv("NO_PROXY", "example.org, *.corp", 1);
  CHECK(proxy_from_environment("https://example.org") == "");
  CHECK(proxy_from_environment("https://api.example.org") == "");
  CHECK(proxy_from_environment("https://notexample.org") == "http://proxy:3128");
  CHECK(proxy_from_environment("https://k.corp") == "");
  ::setenv("https_proxy", "lower:8080", 1);
  ::unsetenv("HTTPS_PROXY");
  CHECK(proxy_from_environment("https://k.example.com") == "http://lower:8080");
  ::unsetenv("https_proxy");
  ::unsetenv("HTTPS_PROXY");
  ::unsetenv("NO_PROXY");
}
