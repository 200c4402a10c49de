#pragma once
// `kubectl kyma-istio manifest`: renders, offline, every object an install would apply for an
// Istio CR (or the default one), and prints the stream on stdout.
#include "core/plugin/api.hpp"

namespace kyma::install {

int run_manifest(plugin::Invocation& invocation);

}  // namespace kyma::install
