#include <catch2/catch.hpp>
#include <sstream>

#include "core/ui/progress.hpp"
#include "core/ui/table_printer.hpp"

TEST_CASE("without a terminal, progress prints a line only when the text changes") {
  std::ostringstream out;
  {
    kyma::ui::Progress progress(out, false);
    progress.update("Processing resources for Istiod");
    progress.tick();
    progress.update("Processing resources for Istiod");
    progress.update("Processing resources for Istiod. Waiting for Deployment/istio-system/istiod");
    progress.succeed("Istiod installed");
  }
  CHECK(out.str() ==
        "- Processing resources for Istiod\n"
        "- Processing resources for Istiod. Waiting for Deployment/istio-system/istiod\n"
        "\u2714 Istiod installed\n");
}

TEST_CASE("on a terminal, progress redraws one line and freezes it when done") {
  std::ostringstream out;
  kyma::ui::Progress progress(out, true);
  progress.update("Waiting");
  progress.tick();
  progress.fail("Istiod encountered an error: boom");
  CHECK(out.str() ==
        "- Waiting\r\033[K\\ Waiting\r\033[K\u2718 Istiod encountered an error: boom\n");
}

TEST_CASE("tables pad columns like kubectl and drop trailing spaces") {
  kyma::ui::TablePrinter table({"NAME", "VERSION", "FILE"});
  table.add_row({"install", "0.1.0", "/x/install.so"});
  table.add_row({"xff", "10.0.0", ""});
  std::ostringstream out;
  table.print(out);
  CHECK(out.str() ==
        "NAME      VERSION   FILE\n"
        "install   0.1.0     /x/install.so\n"
        "xff       10.0.0\n");
}

TEST_CASE("on a terminal, a long step is cut to the width so that it can be redrawn in place") {
  std::ostringstream out;
  kyma::ui::Progress progress(out, true, 20);
  progress.update("Waiting for deployment \"istiod\" rollout to finish: 0 of 3 updated");
  CHECK(out.str() == "- Waiting for deplo");  // 20 columns, the last one left free
  std::ostringstream utf8;
  kyma::ui::Progress narrow(utf8, true, 8);
  narrow.update("\u2714\u2714\u2714\u2714\u2714\u2714\u2714");  // cut between characters
  CHECK(utf8.str() == "- \u2714\u2714\u2714\u2714\u2714");
}
