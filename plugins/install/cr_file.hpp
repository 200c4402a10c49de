#pragma once
// The Istio CR file that install and manifest take with -f, read as kubectl reads -f: a path, or
// "-" for standard input.
#include <string>

#include "core/istio/istio_cr.hpp"

namespace kyma::install {

// Parsed, not yet validated. A path that does not exist, is a directory or cannot be read is one
// line naming it (exit code 1, as kubectl's "the path ... does not exist").
istio::IstioCR read_cr_file(const std::string& path);

}  // namespace kyma::install
