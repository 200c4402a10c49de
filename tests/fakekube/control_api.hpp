#pragma once
// The test-control API over HTTP, under /_fakekube/ (outside the Kubernetes URL space; admin
// users only), so a standalone server can be driven from a shell:
//   POST   /_fakekube/seed                    object, List, JSON array or YAML stream
//   GET    /_fakekube/requests                request log;  DELETE clears it
//   POST   /_fakekube/faults                  {"verb","pathPrefix","count","status",
//                                              "retryAfterSeconds","delayMs","closeConnection"}
//   DELETE /_fakekube/faults
//   POST   /_fakekube/expire-continue-tokens
//   POST   /_fakekube/compact-watch-history
//   POST   /_fakekube/close-watches
//   POST   /_fakekube/fail-pods               {"namespace","namePrefix","reason"}
//   PUT    /_fakekube/access-rules            [{"verb","group","resource","namespace","allowed"}]
#include "tests/fakekube/cluster.hpp"
#include "tests/fakekube/http_exchange.hpp"
#include "tests/fakekube/test_control.hpp"

namespace fakekube {

void handle_control(Cluster& cluster, TestControl& control, Exchange& exchange);

nlohmann::json record_to_json(const RequestRecord& record);

}  // namespace fakekube
