#pragma once
// Progress on stderr, the way istioctl reports it: on a terminal one line per step that updates
// in place while waiting (with a spinner) and is frozen as "✔ ..." or "✘ ..."; elsewhere plain
// lines, each printed only when its text changed, so CI logs do not fill up.
#include <ostream>
#include <string>

namespace kyma::ui {

class Progress {
 public:
  // `width`: the terminal's columns; the redrawn line is cut to fit, since a line that wraps
  // could not be erased in place. 0 asks the terminal on stderr (80 when it cannot say).
  Progress(std::ostream& out, bool terminal, int width = 0);
  ~Progress();

  // The current step's text; on a terminal it replaces the line being shown.
  void update(const std::string& text);
  // Advances the spinner (terminal only); call while waiting.
  void tick();
  // Ends the current step as succeeded or failed with a final text.
  void succeed(const std::string& text);
  void fail(const std::string& text);
  // A line of its own that does not end the current step.
  void note(const std::string& text);

 private:
  void draw();
  void clear_line();

  std::ostream& out_;
  bool terminal_;
  int width_;
  std::string current_;
  std::string last_printed_;
  int spin_ = 0;
  bool line_open_ = false;
};

}  // namespace kyma::ui
