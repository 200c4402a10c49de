#include "core/ui/progress.hpp"

namespace kyma::ui {

namespace {
const char* const kSpinner[] = {"-", "\\", "|", "/"};
}

Progress::Progress(std::ostream& out, bool terminal) : out_(out), terminal_(terminal) {}

Progress::~Progress() {
  if (line_open_) {
    clear_line();
    out_.flush();
  }
}

void Progress::clear_line() {
  if (terminal_ && line_open_) out_ << "\r\033[K";
  line_open_ = false;
}

void Progress::draw() {
  if (terminal_) {
    clear_line();
    out_ << kSpinner[spin_ % 4] << ' ' << current_;
    line_open_ = true;
    out_.flush();
    return;
  }
  if (current_ != last_printed_) {
    out_ << "- " << current_ << '\n';
    last_printed_ = current_;
  }
}

void Progress::update(const std::string& text) {
  current_ = text;
  draw();
}

void Progress::tick() {
  if (!terminal_ || current_.empty()) return;
  ++spin_;
  draw();
}

void Progress::succeed(const std::string& text) {
  clear_line();
  out_ << "\u2714 " << text << '\n';
  current_.clear();
  last_printed_.clear();
}

void Progress::fail(const std::string& text) {
  clear_line();
  out_ << "\u2718 " << text << '\n';
  current_.clear();
  last_printed_.clear();
}

void Progress::note(const std::string& text) {
  clear_line();
  out_ << text << '\n';
  if (terminal_ && !current_.empty()) draw();
}

}  // namespace kyma::ui
