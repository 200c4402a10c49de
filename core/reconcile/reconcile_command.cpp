#include "core/reconcile/reconcile_command.hpp"

#include <ostream>

#include "core/reconcile/operator_stages.hpp"
#include "core/ui/progress.hpp"

namespace kyma::reconcile {

int run_reconcile_command(plugin::Invocation& invocation, kube::Client& client,
                          const ReconcileRequest& request) {
  ui::Progress progress(*invocation.err, invocation.err_is_terminal);
  plugin::ReconcileContext context(client, progress, request.options, request.cr_namespace,
                                   request.cr_name);
  if (request.pending_cr) context.cr = *request.pending_cr;
  int code = run_reconcile(context, invocation.stages);

  std::ostream& out = *invocation.out;
  for (const auto& line : context.summary()) out << line << '\n';
  const auto& error = context.error();
  std::string state = error ? error->state() : "Ready";
  if (!context.cr.is_null()) {
    out << "Istio CR " << request.cr_namespace << "/" << request.cr_name << ": " << state
        << (request.options.dry_run ? " (dry run, status not written)" : "") << '\n';
  }
  out.flush();
  if (error) {
    *invocation.err << (error->level == istio::Level::kWarning ? "warning: " : "error: ")
                    << error->command_line_text() << '\n';
  }
  return code;
}

}  // namespace kyma::reconcile
