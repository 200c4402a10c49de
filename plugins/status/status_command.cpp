#include "plugins/status/status_command.hpp"

#include <ostream>

#include "core/istio/conditions.hpp"
#include "core/kube/client.hpp"
#include "core/kube/duration.hpp"
#include "core/manifest/yaml.hpp"
#include "core/ui/error.hpp"
#include "plugins/status/snapshot_reader.hpp"
#include "plugins/status/status_document.hpp"
#include "plugins/status/status_table.hpp"
#include "plugins/status/status_watch.hpp"

namespace kyma::status {

namespace {

using plugin::FlagKind;

enum class Format { kTable, kJson, kYaml };

Format parse_format(const std::string& text) {
  if (text == "table") return Format::kTable;
  if (text == "json") return Format::kJson;
  if (text == "yaml") return Format::kYaml;
  // kubectl's words for an unknown -o value.
  throw UsageError("unable to match a printer suitable for the output format \"" + text +
                   "\", allowed formats are: json,table,yaml");
}

std::optional<std::chrono::milliseconds> parse_watch_timeout(const plugin::Arguments& args) {
  auto text = args.get("timeout");
  if (!text) return std::nullopt;
  if (!args.enabled("watch")) throw UsageError("--timeout is only used with --watch");
  auto duration = kube::parse_duration(*text);
  if (!duration || duration->count() < 0) {
    throw UsageError("invalid value \"" + *text +
                     "\" for --timeout: a duration such as 30s or 5m (0: until interrupted)");
  }
  if (duration->count() == 0) return std::nullopt;
  return *duration;
}

// Prints each status; in a watch, the ones after the first are set apart so that each can be
// read (table), parsed line by line (json: one document per line) or as a stream (yaml).
class StatusPrinter {
 public:
  StatusPrinter(std::ostream& out, Format format, bool watching)
      : out_(out), format_(format), watching_(watching) {}

  void print(const MeshStatus& status) {
    switch (format_) {
      case Format::kTable:
        if (printed_ > 0) out_ << "\n--- " << istio::rfc3339_now() << " ---\n";
        print_status_table(out_, status, std::chrono::system_clock::now());
        break;
      case Format::kJson:
        out_ << (watching_ ? status_document(status).dump() : status_document(status).dump(2))
             << '\n';
        break;
      case Format::kYaml:
        if (watching_) out_ << "---\n";
        out_ << manifest::to_yaml(nlohmann::json(status_document(status)));
        break;
    }
    out_.flush();
    ++printed_;
  }

 private:
  std::ostream& out_;
  Format format_;
  bool watching_;
  int printed_ = 0;
};

}  // namespace

plugin::CommandSpec status_command_spec() {
  return {
      "status",
      "Show the Istio CR state, the control plane and the data-plane proxies",
      "Shows the Istio CR the module reconciles (the oldest in kyma-system: state, conditions, "
      "the Istio version last applied and whether the spec changed since), the control plane "
      "(istiod, the gateways, the CNI node agent: versions and ready replicas), the data-plane "
      "proxies by version, and the workloads whose sidecar runs another image than the injector "
      "gives new pods (restart them with \"kubectl kyma-istio restart\"). Exits 0 whenever the "
      "status could be read; -o json says \"healthy\" and lists the \"problems\". With --watch "
      "the status is printed again whenever it changes, until interrupted or --timeout: tables "
      "are separated by a \"--- <time> ---\" line, -o json prints one compact document per "
      "line, -o yaml a stream of documents each starting with \"---\".",
      "[-o table|json|yaml] [--watch [--timeout D]]",
      {{"output",
        "o",
        // No `choices`: the binary would refuse other values with its own words before this
        // command could answer with kubectl's (parse_format).
        "Output format: table, json or yaml",
        FlagKind::kString,
        "table",
        {},
        "format"},
       {"watch",
        "w",
        "Print the status again whenever it changes",
        FlagKind::kBool,
        "false",
        {},
        ""},
       {"timeout",
        "",
        "With --watch: stop watching after this long (0: until interrupted)",
        FlagKind::kString,
        "0",
        {},
        "duration"}},
      true,
      run_status};
}

int run_status(plugin::Invocation& inv) {
  const Format format = parse_format(inv.args.get_or("output", "table"));
  const bool watching = inv.args.enabled("watch");
  WatchSettings settings;
  settings.duration = parse_watch_timeout(inv.args);
  StatusPrinter printer(*inv.out, format, watching);
  kube::Client client = kube::Client::from_flags(inv.connection);
  if (!watching) {
    ClusterSnapshot snapshot = read_snapshot(client);
    printer.print(complete_status(client, snapshot));
    return 0;
  }
  watch_status(client, settings, [&](const MeshStatus& status) { printer.print(status); });
  return 0;
}

}  // namespace kyma::status
