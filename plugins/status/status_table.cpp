#include "plugins/status/status_table.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "core/ui/table_printer.hpp"
#include "plugins/status/age.hpp"
#include "plugins/status/proxy_pods.hpp"

namespace kyma::status {

namespace {

constexpr int kLabelWidth = 16;  // "Outdated pods:  " and the like line up

void line(std::ostream& out, const std::string& label, const std::string& value) {
  std::string head = label + ":";
  if (value.empty()) {
    out << head << '\n';
    return;
  }
  head.resize(std::max<size_t>(head.size() + 1, kLabelWidth), ' ');
  out << head << value << '\n';
}

// A table indented under its section.
void indented(std::ostream& out, const ui::TablePrinter& table) {
  std::ostringstream text;
  table.print(text);
  std::istringstream lines(text.str());
  for (std::string l; std::getline(lines, l);) out << "  " << l << '\n';
}

std::string plural(int n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

void print_cr(std::ostream& out, const CrSummary& cr, std::chrono::system_clock::time_point now) {
  if (!cr.crd_installed) {
    line(out, "Istio CR", "none: the Istio CRD (istios.operator.kyma-project.io) is not installed");
    return;
  }
  if (!cr.found) {
    line(out, "Istio CR", "none in kyma-system (kubectl kyma-istio install creates one)");
    return;
  }
  line(out, "Istio CR", cr.ns + "/" + cr.name);
  for (const auto& other : cr.ignored) {
    line(out, "Ignored CR", other + " (not the oldest, so the module does not reconcile it)");
  }
  line(out, "State", cr.state ? *cr.state : "<none> (not reconciled yet)");
  if (!cr.description.empty()) line(out, "Description", cr.description);
  if (!cr.last_applied_error.empty()) {
    line(out, "Last applied", "unreadable: " + cr.last_applied_error);
  } else if (!cr.last_applied) {
    line(out, "Last applied", "never");
  } else {
    std::string tag = cr.last_applied->istio_tag.empty() ? "no Istio tag recorded"
                                                         : "Istio " + cr.last_applied->istio_tag;
    line(out, "Last applied",
         tag + (cr.last_applied->spec_changed ? ", the spec has changed since"
                                              : ", the spec is unchanged since"));
  }
  if (cr.conditions.empty()) {
    line(out, "Conditions", "<none>");
    return;
  }
  line(out, "Conditions", "");
  ui::TablePrinter table({"TYPE", "STATUS", "REASON", "AGE", "MESSAGE"});
  for (const auto& c : cr.conditions) {
    table.add_row(
        {c.type, c.status, c.reason,
         c.last_transition_time.empty() ? "<unknown>" : age_of(c.last_transition_time, now),
         c.message});
  }
  indented(out, table);
}

std::string component_version(const Component& c) {
  std::string version = c.version.empty() ? "<unknown>" : c.version;
  bool pods_differ = c.pod_versions.size() > 1 ||
                     (c.pod_versions.size() == 1 && c.pod_versions[0].version != c.version);
  if (pods_differ) version += " (pods " + describe_counts(c.pod_versions) + ")";
  return version;
}

void print_control_plane(std::ostream& out, const ControlPlane& plane) {
  std::string summary;
  if (plane.versions.empty()) {
    summary = "not found in " + std::string(kControlPlaneNamespace);
  } else if (plane.mixed()) {
    summary = "MIXED versions:";
    for (const auto& v : plane.versions) summary += " " + v;
  } else {
    summary = plane.versions.front();
  }
  line(out, "Control plane", summary);
  ui::TablePrinter table({"COMPONENT", "KIND", "VERSION", "READY"});
  for (const auto& c : plane.components) {
    if (!c.found) {
      table.add_row({c.name, c.kind, "<not found>", "-"});
      continue;
    }
    table.add_row({c.name, c.kind, component_version(c),
                   std::to_string(c.ready) + "/" + std::to_string(c.desired)});
  }
  indented(out, table);
}

void print_data_plane(std::ostream& out, const DataPlane& plane) {
  if (plane.pods == 0) {
    line(out, "Data plane", "no pods with an Istio sidecar");
  } else {
    line(out, "Data plane",
         plural(plane.pods, "pod") + " with an Istio sidecar: " + describe_counts(plane.versions));
  }
  if (plane.custom_image_pods > 0) {
    line(out, "Custom proxies",
         plural(plane.custom_image_pods, "pod") +
             " set their own image (sidecar.istio.io/proxyImage), not "
             "checked");
  }
  if (plane.injector.image.empty()) {
    line(out, "New sidecars", "<unknown>: " + plane.injector.problem);
  } else {
    line(out, "New sidecars",
         image_istio_version(plane.injector.image) + " (" + plane.injector.image + ")");
  }
}

void print_outdated(std::ostream& out, const DataPlane& plane) {
  if (plane.injector.image.empty()) {
    line(out, "Outdated", "<unknown> (the injector's image is not known)");
    return;
  }
  if (plane.outdated.empty()) {
    line(out, "Outdated", "none");
    return;
  }
  line(out, "Outdated",
       plural(plane.outdated_pods, "pod") + " in " +
           plural(static_cast<int>(plane.outdated.size()), "workload") +
           (plane.outdated_pods == 1 ? " runs" : " run") +
           " a proxy image other than the injector's");
  ui::TablePrinter table({"NAMESPACE", "WORKLOAD", "PODS", "PROXY", "RESTART"});
  bool any_automatic = false;
  bool any_manual = false;
  for (const auto& w : plane.outdated) {
    std::string versions;
    for (const auto& v : w.versions) versions += (versions.empty() ? "" : ",") + v;
    std::string restart = w.workload.manual ? "manual: " + w.workload.reason : "automatic";
    (w.workload.manual ? any_manual : any_automatic) = true;
    table.add_row({w.workload.ns, lower(w.workload.kind) + "/" + w.workload.name,
                   std::to_string(w.pods), versions, restart});
  }
  indented(out, table);
  if (any_automatic) {
    out << "  Run \"kubectl kyma-istio restart\" to restart the workloads marked automatic.\n";
  }
  if (any_manual) {
    out << "  Restart the workloads marked manual yourself (delete their pods or re-create "
           "them).\n";
  }
}

void print_problems(std::ostream& out, const std::vector<std::string>& problems) {
  if (problems.empty()) {
    line(out, "Summary", "healthy and up to date");
    return;
  }
  line(out, "Problems", "");
  for (const auto& p : problems) out << "  - " << p << '\n';
}

}  // namespace

void print_status_table(std::ostream& out, const MeshStatus& status,
                        std::chrono::system_clock::time_point now) {
  print_cr(out, status.cr, now);
  out << '\n';
  print_control_plane(out, status.control_plane);
  out << '\n';
  print_data_plane(out, status.data_plane);
  print_outdated(out, status.data_plane);
  out << '\n';
  print_problems(out, status.problems);
}

}  // namespace kyma::status
