#include "core/ui/progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

namespace kyma::ui {

namespace {

const char* const kSpinner[] = {"-", "\\", "|", "/"};

int terminal_width() {
  winsize size{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

// At most `columns` characters of UTF-8 text, cut between characters.
std::string fit(const std::string& text, int columns) {
  int seen = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    bool starts_character = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts_character && ++seen > columns) return text.substr(0, i);
  }
  return text;
}

}  // namespace

Progress::Progress(std::ostream& out, bool terminal, int width)
    : out_(out),
      terminal_(terminal),
      width_(width > 0  ? width
             : terminal ? terminal_width()
                        : 80) {}

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
    // Leave the last column free: writing into it makes some terminals wrap.
    out_ << kSpinner[spin_ % 4] << ' ' << fit(current_, width_ - 3);
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
