#include "parsers/mbox_splitter.hpp"

#include <algorithm>
#include <deque>
#include <utility>

namespace appeald::parsers {

namespace {

constexpr std::string_view from_space = "From ";
// Longest undecided line start: a postmark plus the '\r' of a CRLF file.
constexpr std::size_t max_head_bytes = max_postmark_bytes + 1;

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
// A line starting with this byte is neither a separator, nor an escape, nor empty: most lines.
bool is_plain(char first) {
  return first != 'F' && first != '>' && first != '\n';
}

// Whether `date` contains both a time ("h:mm" or "hh:mm", seconds optional) and a 4-digit year
// (a run of exactly four digits not touching a ':').
bool looks_like_date(std::string_view date) {
  bool time = false;
  bool year = false;
  std::size_t i = 0;
  while (i < date.size()) {
    if (!is_digit(date[i])) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < date.size() && is_digit(date[i])) {
      ++i;
    }
    const std::size_t len = i - start;
    const char before = start > 0 ? date[start - 1] : ' ';
    const char after = i < date.size() ? date[i] : ' ';
    if (len == 4 && before != ':' && after != ':') {
      year = true;
    }
    if ((len == 1 || len == 2) && after == ':' && i + 2 < date.size() && is_digit(date[i + 1]) &&
        is_digit(date[i + 2]) && (i + 3 == date.size() || !is_digit(date[i + 3]))) {
      time = true;
    }
  }
  return time && year;
}

} // namespace

bool is_mbox_postmark(std::string_view line) {
  if (line.size() > max_postmark_bytes || !line.starts_with(from_space)) {
    return false;
  }
  const std::string_view rest = line.substr(from_space.size());
  std::size_t sender_end = 0;
  while (sender_end < rest.size() && !is_blank(rest[sender_end])) {
    ++sender_end;
  }
  std::size_t date_start = sender_end;
  while (date_start < rest.size() && is_blank(rest[date_start])) {
    ++date_start;
  }
  if (sender_end == 0 || date_start == sender_end) {
    return false;
  }
  return looks_like_date(rest.substr(date_start));
}

// The splitter is a line machine. At a line start it holds the line's first bytes in `head` until
// it knows whether the line is special: a postmark candidate ("From "...) is held whole (up to
// max_postmark_bytes), an mboxrd escape ("^>+From ") is decided as soon as its prefix is seen,
// and anything else is streamed into the message. The line end of each line is held back until
// the next line proves not to be a separator, which strips exactly one line end per message.
struct MboxSplitter::State {
  std::size_t max = 0;
  std::string message;
  bool message_truncated = false;
  bool preamble = true; // no separator seen yet
  std::string head;
  std::size_t head_quotes = 0; // leading '>' in head
  bool at_line_start = true;   // head is still undecided
  std::string_view line_end;   // the previous line's held-back line end
  bool cr_pending = false;     // a streamed '\r' that may start a "\r\n"
  bool finished = false;
  std::deque<std::pair<std::string, bool>> ready;
  std::size_t ready_bytes = 0;
  std::size_t truncated_count = 0;
  bool last_truncated = false;

  void emit(std::string_view s) {
    const std::size_t room = max - std::min(max, message.size());
    if (s.size() > room) {
      if (!message_truncated) {
        message_truncated = true;
        ++truncated_count;
      }
      s = s.substr(0, room);
    }
    message.append(s);
  }

  void emit_held_line_end() {
    emit(line_end);
    line_end = {};
  }

  // Streams line content, holding back a trailing '\r' that may be half of "\r\n".
  void stream(std::string_view s) {
    if (s.empty()) {
      return;
    }
    if (cr_pending) {
      emit("\r");
      cr_pending = false;
    }
    if (s.back() == '\r') {
      cr_pending = true;
      s.remove_suffix(1);
    }
    emit(s);
  }

  void close_message() {
    // Why: an empty preamble (empty input, or a blank line before the first postmark) is no mail.
    if (!preamble || !message.empty() || message_truncated) {
      ready_bytes += message.size();
      ready.emplace_back(std::move(message), message_truncated);
    }
    message.clear();
    message_truncated = false;
    preamble = false;
  }

  void reset_head() {
    head.clear();
    head_quotes = 0;
  }

  // The head turned out to be body text; `drop` leading bytes are removed (one '>' of an escape).
  void flush_head(std::size_t drop) {
    emit_held_line_end();
    stream(std::string_view(head).substr(drop));
    reset_head();
    at_line_start = false;
  }

  // The undecided head has become a complete line (`eol` may be empty at the end of input).
  void complete_head(std::string_view eol) {
    std::string_view content = head;
    if (content.ends_with('\r')) {
      content.remove_suffix(1);
      eol = eol.empty() ? std::string_view() : std::string_view("\r\n");
    }
    if (head_quotes == 0 && is_mbox_postmark(content)) {
      close_message();
      line_end = {};
    } else {
      emit_held_line_end();
      emit(eol.empty() ? std::string_view(head) : content);
      line_end = eol;
    }
    reset_head();
    at_line_start = true;
  }

  // Decides the head after a byte was added; it stays undecided while it may still be special.
  void decide_head() {
    if (head.size() > max_head_bytes) {
      flush_head(0); // too long for a postmark; a longer '>' run is left escaped
      return;
    }
    const std::string_view rest = std::string_view(head).substr(head_quotes);
    if (rest.starts_with(from_space)) {
      if (head_quotes > 0) {
        flush_head(1);
      }
      return; // a postmark candidate: wait for its line end
    }
    if (!from_space.starts_with(rest)) {
      flush_head(0);
    }
  }

  // Consumes bytes at a line start; returns how many were used.
  std::size_t feed_head(std::string_view chunk) {
    if (head_quotes == 0 && head.starts_with(from_space)) {
      const std::size_t nl = chunk.find('\n');
      const std::size_t take = std::min(nl == std::string_view::npos ? chunk.size() : nl,
                                        max_head_bytes + 1 - head.size());
      head.append(chunk.substr(0, take));
      if (take < chunk.size() && chunk[take] == '\n') {
        complete_head("\n");
        return take + 1;
      }
      if (head.size() > max_head_bytes) {
        flush_head(0);
      }
      return take;
    }
    const char c = chunk.front();
    if (head.empty() && is_plain(c)) {
      emit_held_line_end();
      at_line_start = false;
      return 0;
    }
    if (c == '\n') {
      complete_head("\n");
      return 1;
    }
    if (c == '>' && head.size() == head_quotes) {
      ++head_quotes;
    }
    head.push_back(c);
    decide_head();
    return 1;
  }

  // Consumes the rest of a line being streamed, and the lines after it that plainly are not
  // special; returns how many bytes were used.
  std::size_t feed_body(std::string_view chunk) {
    std::size_t nl = chunk.find('\n');
    while (nl != std::string_view::npos && nl + 1 < chunk.size() && is_plain(chunk[nl + 1])) {
      nl = chunk.find('\n', nl + 1);
    }
    if (nl == std::string_view::npos) {
      stream(chunk);
      return chunk.size();
    }
    stream(chunk.substr(0, nl));
    line_end = cr_pending ? "\r\n" : "\n";
    cr_pending = false;
    at_line_start = true;
    return nl + 1;
  }
};

MboxSplitter::MboxSplitter(std::size_t max_message_bytes) : state_(std::make_unique<State>()) {
  state_->max = max_message_bytes;
}
MboxSplitter::~MboxSplitter() = default;
MboxSplitter::MboxSplitter(MboxSplitter&&) noexcept = default;
MboxSplitter& MboxSplitter::operator=(MboxSplitter&&) noexcept = default;

void MboxSplitter::feed(std::string_view chunk) {
  State& s = *state_;
  if (s.finished) {
    return;
  }
  while (!chunk.empty()) {
    chunk.remove_prefix(s.at_line_start ? s.feed_head(chunk) : s.feed_body(chunk));
  }
}

void MboxSplitter::finish() {
  State& s = *state_;
  if (s.finished) {
    return;
  }
  if (s.at_line_start && !s.head.empty()) {
    s.complete_head({});
  }
  if (s.cr_pending) {
    s.emit("\r"); // a lone '\r' at the very end is content, not a line end
    s.cr_pending = false;
  }
  s.line_end = {}; // the last message's final line end is stripped like every other one
  s.close_message();
  s.finished = true;
}

std::optional<std::string> MboxSplitter::next() {
  State& s = *state_;
  if (s.ready.empty()) {
    return std::nullopt;
  }
  auto [bytes, cut] = std::move(s.ready.front());
  s.ready.pop_front();
  s.ready_bytes -= bytes.size();
  s.last_truncated = cut;
  return std::move(bytes);
}

bool MboxSplitter::last_truncated() const {
  return state_->last_truncated;
}
std::size_t MboxSplitter::truncated() const {
  return state_->truncated_count;
}
std::size_t MboxSplitter::buffered_bytes() const {
  return state_->message.size() + state_->head.size() + state_->ready_bytes;
}

} // namespace appeald::parsers
