// Rendering the production installation of the default Istio version, as `manifest` does: load
// the compiled bundle, render, print. Run on demand; prints figures (target: well under 50 ms
// and under 30 MB peak RSS for load + render).
//
//   bench_manifest [bundle root]   (default: the build tree's compiled bundle)
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include "core/istio/cr_schema.hpp"
#include "core/istio/go_regexp.hpp"
#include "core/istio/istio_cr.hpp"
#include "core/istio/istio_merge.hpp"
#include "core/istio/profile.hpp"
#include "core/manifest/bundle.hpp"
#include "core/manifest/compiled_yaml.hpp"
#include "core/manifest/renderer.hpp"
#include "core/manifest/yaml.hpp"

namespace fs = std::filesystem;
using kyma::istio::Profile;

namespace {

struct Clock {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  double cpu = cpu_seconds();

  static double cpu_seconds() {
    timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
  }
  double wall_ms() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall)
        .count();
  }
  double cpu_ms() const { return (cpu_seconds() - cpu) * 1000.0; }
};

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

kyma::istio::MergedConfig default_config(const fs::path& root, const std::string& version) {
  const fs::path file = root / version / "kyma" / "istio-operator.yaml";
  const std::string text = kyma::manifest::read_text_file(file);
  auto compiled = kyma::manifest::read_compiled(file, text);
  kyma::istio::MergedConfig config;
  config.iop = compiled ? (*compiled)[0] : kyma::manifest::parse_yaml(text, file.string());
  config.iop["spec"]["meshConfig"]["enablePrometheusMerge"] = false;
  config.istio_version = version;
  config.tag = config.iop["spec"]["tag"];
  config.profile = Profile::kProduction;
  return config;
}

// The fastest of `runs` runs of `work`, in milliseconds (the machine is shared: the minimum is
// the figure least disturbed by other work).
template <typename Work>
double fastest_ms(int runs, Work work) {
  double best = 1e9;
  for (int i = 0; i < runs; ++i) {
    Clock clock;
    work();
    best = std::min(best, clock.wall_ms());
  }
  return best;
}

// What core/istio reads per run, from the compiled JSON (as the product does) and from the YAML
// (the fallback for a bundle without compiled files), and the CRD's trustDomain pattern on a
// 255-character near-miss (a backtracking engine needs seconds for it).
void print_core_istio_figures(const fs::path& root, const std::string& version) {
  const fs::path crd = root / "crd" / kyma::istio::kIstioCrdFile;
  const double schema_json = fastest_ms(10, [&] { kyma::istio::IstioCrSchema::load(root); });
  const double schema_yaml = fastest_ms(10, [&] {
    const std::string text = kyma::manifest::read_text_file(crd);
    kyma::istio::IstioCrSchema::from_crd(kyma::manifest::parse_yaml(text, crd.string()),
                                         crd.string());
  });
  const fs::path profile = kyma::istio::profile_path(root, version, Profile::kProduction);
  const double profile_json =
      fastest_ms(10, [&] { kyma::istio::load_profile(root, version, Profile::kProduction); });
  const double profile_yaml = fastest_ms(10, [&] {
    kyma::manifest::parse_yaml(kyma::manifest::read_text_file(profile), profile.string());
  });
  const kyma::istio::GoRegexp trust_domain(
      R"(^[a-z0-9]*([a-z0-9-_]*)?(\.[a-z0-9]*([a-z0-9-_]*[a-z0-9]*)?)*$)");
  const std::string near_miss = std::string(127, 'a') + "." + std::string(126, 'a') + "A";
  bool matched = false;
  const double regexp_ms = fastest_ms(100, [&] { matched |= trust_domain.match(near_miss); });
  std::printf("CR schema load:         %7.2f ms compiled JSON, %.2f ms from YAML (fastest of 10)\n",
              schema_json, schema_yaml);
  std::printf("Kyma profile load:      %7.2f ms compiled JSON, %.2f ms from YAML (fastest of 10)\n",
              profile_json, profile_yaml);
  std::printf("trustDomain pattern, %zu-char near-miss: %.1f us (%s, fastest of 100)\n",
              near_miss.size(), regexp_ms * 1000.0, matched ? "matched?!" : "no match");
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path root = argc > 1 ? fs::path(argv[1]) : fs::path(KYMA_BENCH_BUNDLE_DIR);
  const std::string version = "1.23.2";
  const long rss_at_start = peak_rss_kib();

  Clock cold;
  auto loaded = kyma::manifest::load_bundle(root, version, Profile::kProduction);
  const double load_wall = cold.wall_ms(), load_cpu = cold.cpu_ms();
  auto config = default_config(root, version);
  auto installation = kyma::manifest::render_installation(config, std::move(loaded));
  const double cold_wall = cold.wall_ms(), cold_cpu = cold.cpu_ms();
  const long rss_after_render = peak_rss_kib();

  Clock output;
  std::string yaml = kyma::manifest::to_yaml_manifest(installation);
  const double yaml_wall = output.wall_ms();
  const long rss_after_output = peak_rss_kib();

  // Warm runs and the pipeline below need the bundle again (not timed as the cold path).
  auto bundle = kyma::manifest::load_bundle(root, version, Profile::kProduction);

  constexpr int kRuns = 20;
  Clock warm;
  size_t objects = 0;
  for (int i = 0; i < kRuns; ++i) {
    objects = kyma::manifest::render_installation(config, bundle).all_objects().size();
  }
  const double warm_wall = warm.wall_ms() / kRuns, warm_cpu = warm.cpu_ms() / kRuns;

  // What `manifest` does around the render: the default CR checked against the CRD schema and
  // merged into the profile (core/istio).
  Clock pipeline;
  auto cr = kyma::istio::IstioCR::default_cr();
  kyma::istio::throw_if_invalid(cr, kyma::istio::IstioCrSchema::load(root).validate(cr));
  const double schema_wall = pipeline.wall_ms();
  kyma::istio::MergeRequest request;
  request.bundle_root = root;
  request.istio_version = version;
  request.forced_profile = Profile::kProduction;
  auto merged = kyma::istio::merge_istio_config(cr, request);
  const double merge_wall = pipeline.wall_ms() - schema_wall;
  kyma::manifest::render_installation(merged, bundle);

  std::printf("bundle %s (%s), Istio %s production: %zu objects, %zu bytes of YAML\n", root.c_str(),
              bundle.all_compiled ? "compiled" : "YAML", version.c_str(), objects, yaml.size());
  std::printf("load bundle:            %7.2f ms wall  %7.2f ms cpu\n", load_wall, load_cpu);
  std::printf("load + render (cold):   %7.2f ms wall  %7.2f ms cpu   (target: well under 50 ms)\n",
              cold_wall, cold_cpu);
  std::printf("render only (warm avg): %7.2f ms wall  %7.2f ms cpu\n", warm_wall, warm_cpu);
  std::printf("CR schema check + merge: %7.2f ms + %.2f ms wall (core/istio, before the render)\n",
              schema_wall, merge_wall);
  std::printf("YAML output:            %7.2f ms wall\n", yaml_wall);
  print_core_istio_figures(root, version);
  std::printf(
      "peak RSS: %.1f MiB at start, %.1f MiB after load + render (target: under 30 MB), "
      "%.1f MiB after output\n",
      rss_at_start / 1024.0, rss_after_render / 1024.0, rss_after_output / 1024.0);
  return 0;
}
