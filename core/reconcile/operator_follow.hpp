#pragma once
// Following an in-cluster Kyma Istio operator after a command wrote the Istio CR (operator
// mode): watch the CR from the write on, show its state and Ready condition as they change
// (progress on stderr), and end with the same summary line client mode prints
// (`Istio CR <ns>/<name>: <State>` on stdout) and the operator's description as the final
// `error:`/`warning:` line. The exit code comes from the outcome (operator_status.hpp), or is 5
// when the deadline passes first.
#include <chrono>

#include <nlohmann/json.hpp>

#include "core/plugin/api.hpp"

namespace kyma::kube {
class Client;
}

namespace kyma::reconcile {

struct CrWrite {
  std::string ns;
  std::string name;
  nlohmann::json before;  // the CR before the write; null when the write created it
  nlohmann::json after;   // the CR as the write left it; null when it is gone
  bool deletion = false;  // the write deleted the CR: success is the CR gone
};

// Follows the operator until it settles on `write`, or reports the status at once when the write
// gave the operator nothing to do (operator_will_act).
int follow_operator(plugin::Invocation& invocation, kube::Client& client, const CrWrite& write,
                    std::chrono::milliseconds timeout);

}  // namespace kyma::reconcile
