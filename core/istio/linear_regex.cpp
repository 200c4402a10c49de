#include "core/istio/linear_regex.hpp"

#include <cctype>

#include "core/ui/error.hpp"

namespace kyma::istio {

namespace {

constexpr int kMaxRepeat = 1000;         // Go's limit for {n,m}
constexpr size_t kMaxProgram = 200'000;  // instructions after repeats are expanded

using ByteSet = std::bitset<256>;

struct Node {
  enum Kind { kEmpty, kBytes, kBegin, kEnd, kConcat, kAlt, kRepeat } kind = kEmpty;
  ByteSet bytes;           // kBytes
  std::vector<Node> kids;  // kConcat, kAlt; kRepeat has one
  int min = 0;
  int max = 0;  // kRepeat; -1 is unbounded
};

ByteSet range(unsigned char lo, unsigned char hi) {
  ByteSet set;
  for (int c = lo; c <= hi; ++c) set.set(c);
  return set;
}

ByteSet digits() {
  return range('0', '9');
}
ByteSet word() {
  return range('0', '9') | range('a', 'z') | range('A', 'Z') | range('_', '_');
}
ByteSet space() {
  ByteSet set;
  for (char c : std::string_view("\t\n\f\r ")) set.set(static_cast<unsigned char>(c));
  return set;
}

class Parser {
 public:
  explicit Parser(std::string_view re) : re_(re) {}

  Node parse() {
    Node node = alternation();
    if (pos_ < re_.size()) fail("unexpected )");
    return node;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw Error(what + ": `" + std::string(re_) + "`");
  }
  bool more() const { return pos_ < re_.size(); }
  char peek() const { return re_[pos_]; }

  Node alternation() {
    Node first = concatenation();
    if (!more() || peek() != '|') return first;
    Node alt;
    alt.kind = Node::kAlt;
    alt.kids.push_back(std::move(first));
    while (more() && peek() == '|') {
      ++pos_;
      alt.kids.push_back(concatenation());
    }
    return alt;
  }

  Node concatenation() {
    Node concat;
    concat.kind = Node::kConcat;
    while (more() && peek() != '|' && peek() != ')') {
      char c = peek();
      if (c == '*' || c == '+' || c == '?') fail("missing argument to repetition operator");
      Node atom_node = atom();
      bool repeated = false;
      while (more()) {
        int min = 0, max = 0;
        if (!quantifier(min, max)) break;
        if (repeated) fail("invalid nested repetition operator");
        if (more() && peek() == '?') ++pos_;  // lazy: same set of matches
        Node repeat;
        repeat.kind = Node::kRepeat;
        repeat.min = min;
        repeat.max = max;
        repeat.kids.push_back(std::move(atom_node));
        atom_node = std::move(repeat);
        repeated = true;
      }
      concat.kids.push_back(std::move(atom_node));
    }
    return concat;
  }

  // Reads * + ? {n} {n,} {n,m}; a "{" that starts none of these is a literal, as in Go.
  bool quantifier(int& min, int& max) {
    char c = peek();
    if (c == '*' || c == '+' || c == '?') {
      ++pos_;
      min = c == '+' ? 1 : 0;
      max = c == '?' ? 1 : -1;
      return true;
    }
    if (c != '{') return false;
    size_t p = pos_ + 1;
    auto number = [&](int& out) {
      size_t begin = p;
      long value = 0;
      while (p < re_.size() && std::isdigit(static_cast<unsigned char>(re_[p]))) {
        value = std::min<long>(value * 10 + (re_[p] - '0'), 1'000'000);
        ++p;
      }
      out = static_cast<int>(value);
      return p > begin;
    };
    if (!number(min)) return false;
    max = min;
    if (p < re_.size() && re_[p] == ',') {
      ++p;
      if (!number(max)) max = -1;
    }
    if (p >= re_.size() || re_[p] != '}') return false;
    pos_ = p + 1;
    if (min > kMaxRepeat || max > kMaxRepeat || (max >= 0 && max < min)) {
      fail("invalid repeat count");
    }
    return true;
  }

  Node bytes(const ByteSet& set) {
    Node node;
    node.kind = Node::kBytes;
    node.bytes = set;
    return node;
  }

  Node atom() {
    char c = re_[pos_++];
    switch (c) {
      case '(':
        return group();
      case '[':
        return character_class();
      case '.': {
        ByteSet any;
        any.set();
        any.reset('\n');
        return bytes(any);
      }
      case '^': {
        Node node;
        node.kind = Node::kBegin;
        return node;
      }
      case '$': {
        Node node;
        node.kind = Node::kEnd;
        return node;
      }
      case '\\':
        return escape_atom();
      default:
        return bytes(range(static_cast<unsigned char>(c), static_cast<unsigned char>(c)));
    }
  }

  Node group() {
    if (more() && peek() == '?') {
      std::string_view rest = re_.substr(pos_);
      if (rest.substr(0, 2) == "?:") {
        pos_ += 2;
      } else if (rest.substr(0, 3) == "?P<" || rest.substr(0, 2) == "?<") {
        size_t close = re_.find('>', pos_);
        if (close == std::string_view::npos) fail("invalid named capture");
        pos_ = close + 1;
      } else {
        fail("unsupported group syntax");
      }
    }
    Node inner = alternation();
    if (!more() || peek() != ')') fail("missing closing )");
    ++pos_;
    return inner;
  }

  // An escape outside a class: a class escape, an anchor, or a literal.
  Node escape_atom() {
    if (!more()) fail("trailing backslash at end of expression");
    char c = peek();
    if (c == 'A' || c == 'z') {
      ++pos_;
      Node node;
      node.kind = c == 'A' ? Node::kBegin : Node::kEnd;
      return node;
    }
    return bytes(class_escape());
  }

  // The set an escape stands for (after the backslash).
  ByteSet class_escape() {
    char c = re_[pos_++];
    switch (c) {
      case 'd':
        return digits();
      case 'D':
        return ~digits();
      case 'w':
        return word();
      case 'W':
        return ~word();
      case 's':
        return space();
      case 'S':
        return ~space();
      case 't':
        return range('\t', '\t');
      case 'n':
        return range('\n', '\n');
      case 'r':
        return range('\r', '\r');
      case 'f':
        return range('\f', '\f');
      case 'v':
        return range('\v', '\v');
      default:
        if (std::ispunct(static_cast<unsigned char>(c))) {
          return range(static_cast<unsigned char>(c), static_cast<unsigned char>(c));
        }
        fail(std::string("invalid escape sequence \\") + c);
    }
  }

  // One class member's single byte, for a range end; -1 when it is a multi-byte escape.
  int class_byte(ByteSet& set_out) {
    char c = re_[pos_++];
    if (static_cast<unsigned char>(c) >= 0x80)
      fail("non-ASCII character classes are not supported");
    if (c != '\\') {
      set_out = range(static_cast<unsigned char>(c), static_cast<unsigned char>(c));
      return static_cast<unsigned char>(c);
    }
    if (!more()) fail("missing closing ]");
    set_out = class_escape();
    if (set_out.count() != 1) return -1;
    for (int b = 0; b < 256; ++b) {
      if (set_out.test(b)) return b;
    }
    return -1;
  }

  Node character_class() {
    bool negated = more() && peek() == '^';
    if (negated) ++pos_;
    ByteSet set;
    bool first = true;
    while (true) {
      if (!more()) fail("missing closing ]");
      if (peek() == ']' && !first) {
        ++pos_;
        break;
      }
      first = false;
      if (re_.substr(pos_, 2) == "[:") fail("POSIX character classes are not supported");
      ByteSet item;
      int lo = class_byte(item);
      if (more() && peek() == '-' && pos_ + 1 < re_.size() && re_[pos_ + 1] != ']') {
        ++pos_;
        ByteSet hi_set;
        int hi = class_byte(hi_set);
        if (lo < 0 || hi < 0 || hi < lo) fail("invalid character class range");
        item = range(static_cast<unsigned char>(lo), static_cast<unsigned char>(hi));
      }
      set |= item;
    }
    return bytes(negated ? ~set : set);
  }

  std::string_view re_;
  size_t pos_ = 0;
};

}  // namespace

class LinearRegexCompiler {
 public:
  explicit LinearRegexCompiler(LinearRegex& re) : re_(re) {}

  void emit(const Node& node) {
    if (re_.program_.size() > kMaxProgram) throw Error("expression too large");
    switch (node.kind) {
      case Node::kEmpty:
        break;
      case Node::kBytes:
        re_.classes_.push_back(node.bytes);
        add({LinearRegex::Op::kByte, static_cast<int>(re_.classes_.size() - 1), 0});
        break;
      case Node::kBegin:
        add({LinearRegex::Op::kBegin});
        break;
      case Node::kEnd:
        add({LinearRegex::Op::kEnd});
        break;
      case Node::kConcat:
        for (const auto& kid : node.kids) emit(kid);
        break;
      case Node::kAlt: {
        std::vector<int> jumps;
        for (size_t i = 0; i < node.kids.size(); ++i) {
          if (i + 1 < node.kids.size()) {
            int split = add({LinearRegex::Op::kSplit});
            re_.program_[split].x = split + 1;
            emit(node.kids[i]);
            jumps.push_back(add({LinearRegex::Op::kJump}));
            re_.program_[split].y = here();
          } else {
            emit(node.kids[i]);
          }
        }
        for (int j : jumps) re_.program_[j].x = here();
        break;
      }
      case Node::kRepeat: {
        const Node& kid = node.kids[0];
        for (int i = 0; i < node.min; ++i) emit(kid);
        if (node.max < 0) {
          int split = add({LinearRegex::Op::kSplit});
          re_.program_[split].x = split + 1;
          emit(kid);
          int jump = add({LinearRegex::Op::kJump});
          re_.program_[jump].x = split;
          re_.program_[split].y = here();
        } else {
          std::vector<int> splits;
          for (int i = node.min; i < node.max; ++i) {
            int split = add({LinearRegex::Op::kSplit});
            re_.program_[split].x = split + 1;
            splits.push_back(split);
            emit(kid);
          }
          for (int s : splits) re_.program_[s].y = here();
        }
        break;
      }
    }
  }

 private:
  int here() const { return static_cast<int>(re_.program_.size()); }
  int add(LinearRegex::Inst inst) {
    re_.program_.push_back(inst);
    return here() - 1;
  }
  LinearRegex& re_;
};

LinearRegex::LinearRegex(std::string_view pattern) {
  Node root = Parser(pattern).parse();
  LinearRegexCompiler compiler(*this);
  compiler.emit(root);
  if (program_.size() > kMaxProgram) throw Error("expression too large");
  program_.push_back({Op::kMatch});
}

bool LinearRegex::search(std::string_view text) const {
  // Thompson's simulation: every thread advances together, one byte at a time, so the cost is
  // the program size times the text length whatever the pattern.
  std::vector<int> current, next;
  std::vector<size_t> seen(program_.size(), static_cast<size_t>(-1));
  bool matched = false;
  std::vector<int> stack;

  auto add = [&](std::vector<int>& list, int start, size_t pos, size_t generation) {
    stack.assign(1, start);
    while (!stack.empty()) {
      int pc = stack.back();
      stack.pop_back();
      if (seen[pc] == generation) continue;
      seen[pc] = generation;
      const Inst& inst = program_[pc];
      switch (inst.op) {
        case Op::kByte:
          list.push_back(pc);
          break;
        case Op::kSplit:
          stack.push_back(inst.y);
          stack.push_back(inst.x);
          break;
        case Op::kJump:
          stack.push_back(inst.x);
          break;
        case Op::kBegin:
          if (pos == 0) stack.push_back(pc + 1);
          break;
        case Op::kEnd:
          if (pos == text.size()) stack.push_back(pc + 1);
          break;
        case Op::kMatch:
          matched = true;
          break;
      }
    }
  };

  add(current, 0, 0, 0);
  for (size_t pos = 0; pos < text.size() && !matched; ++pos) {
    next.clear();
    auto byte = static_cast<unsigned char>(text[pos]);
    for (int pc : current) {
      if (classes_[program_[pc].x].test(byte)) add(next, pc + 1, pos + 1, pos + 1);
    }
    add(next, 0, pos + 1, pos + 1);  // a match may also start after this byte
    std::swap(current, next);
  }
  return matched;
}

}  // namespace kyma::istio
