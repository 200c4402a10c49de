#pragma once
// The benchmarks' numeric arguments: a positive whole number, or a one-line usage error (exit 2)
// instead of an endless loop on 0 or an abort on text.
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace kyma::bench {

inline int count_argument(int argc, char** argv, int index, int fallback, const char* usage) {
  if (argc <= index) return fallback;
  const char* text = argv[index];
  int value = 0;
  auto [end, error] = std::from_chars(text, text + std::strlen(text), value);
  if (error != std::errc() || *end != '\0' || value <= 0) {
    std::fprintf(stderr, "error: \"%s\" is not a positive whole number\nusage: %s %s\n", text,
                 argv[0], usage);
    std::exit(2);
  }
  return value;
}

}  // namespace kyma::bench
