#include "core/ui/error.hpp"

namespace kyma {

int to_int(ExitCode code) {
  return static_cast<int>(code);
}

}  // namespace kyma
