#pragma once
// Column output as kubectl prints it: upper-case headers, columns padded to the widest cell
// and separated by three spaces, no trailing spaces.
#include <ostream>
#include <string>
#include <vector>

namespace kyma::ui {

class TablePrinter {
 public:
  explicit TablePrinter(std::vector<std::string> headers);
  void add_row(std::vector<std::string> cells);
  void print(std::ostream& out, bool with_headers = true) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace kyma::ui
