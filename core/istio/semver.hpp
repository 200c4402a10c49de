#pragma once
// Strict semantic versions as the operator parses them (coreos/go-semver): exactly
// MAJOR.MINOR.PATCH[-PRERELEASE][+METADATA], no "v" prefix, no missing parts. Used for the target
// tag of a Kyma profile (operator-behaviour.md §3.3 step 1) and by the version guard (§4).
#include <cstdint>
#include <optional>
#include <string>

namespace kyma::istio {

struct Semver {
  std::int64_t major = 0;
  std::int64_t minor = 0;
  std::int64_t patch = 0;
  std::string pre_release;  // "distroless" in "1.23.2-distroless"
  std::string metadata;     // after "+"

  // Throws kyma::Error whose message is go-semver's error text, e.g.
  // "fake is not in dotted-tri format" or `strconv.ParseInt: parsing "v1": invalid syntax`.
  static Semver parse(const std::string& text);
  static std::optional<Semver> try_parse(const std::string& text);

  std::string to_string() const;
  // MAJOR.MINOR.PATCH only: "1.23.2".
  std::string core() const;

  // go-semver's order: the numbers, then a version without pre-release above one with it, then
  // the pre-release identifiers (numeric below alphanumeric, fewer below more). Metadata is
  // ignored.
  int compare(const Semver& other) const;
  bool same_core(const Semver& other) const {
    return major == other.major && minor == other.minor && patch == other.patch;
  }
  friend bool operator<(const Semver& a, const Semver& b) { return a.compare(b) < 0; }
  friend bool operator==(const Semver& a, const Semver& b) { return a.compare(b) == 0; }
};

}  // namespace kyma::istio
