#include "parsers/reply_extractor.hpp"

#include "parsers/attribution_lines.hpp"
#include "parsers/reply_line_text.hpp"
#include "parsers/signature_trimmer.hpp"

#include <array>
#include <optional>
#include <span>

namespace appeald::parsers {

namespace {

using namespace reply_text;

// The question an inline answer answers is one paragraph; a longer quoted run keeps its end.
constexpr std::size_t max_context_lines = 40;
constexpr std::size_t max_context_bytes = 16 * 1024;
// Some clients, and HTML conversion of indented quotes, put a few spaces before the '>'.
constexpr std::size_t max_quote_indent = 3;
// Blank lines allowed between a separator ("-----Original Message-----", underscores) and the
// header block under it.
constexpr std::size_t max_blank_before_header_block = 2;

struct Line {
  std::size_t start = 0;    // offset of the line in the text
  std::size_t next = 0;     // offset of the following line
  std::string_view raw;     // without "\n" or "\r\n"
  std::size_t depth = 0;    // number of '>' markers
  std::string_view content; // after the markers and the spaces between them; raw at depth 0
};

Line read_line(std::string_view text, std::size_t pos) {
  const std::size_t nl = text.find('\n', pos);
  const std::size_t end = nl == text.npos ? text.size() : nl;
  Line line{pos, nl == text.npos ? text.size() : nl + 1, text.substr(pos, end - pos), 0, {}};
  if (line.raw.ends_with('\r')) {
    line.raw.remove_suffix(1);
  }
  const std::string_view raw = line.raw;
  std::size_t i = 0;
  while (i < raw.size() && i < max_quote_indent && raw[i] == ' ') {
    ++i;
  }
  if (i < raw.size() && raw[i] == '>') {
    for (; i < raw.size() && (raw[i] == '>' || is_ascii_space(raw[i])); ++i) {
      line.depth += raw[i] == '>' ? 1 : 0;
    }
    line.content = raw.substr(i);
  } else {
    line.content = raw;
  }
  return line;
}

// At most `max` bytes of `s`, cut before a UTF-8 continuation byte.
std::string_view cut_utf8(std::string_view s, std::size_t max) {
  if (s.size() <= max) {
    return s;
  }
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) {
    --n;
  }
  return s.substr(0, n);
}

std::string join_lines(const std::vector<std::string_view>& lines) {
  std::size_t size = 0;
  for (std::string_view l : lines) {
    size += l.size() + 1;
  }
  std::string out;
  out.reserve(size);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out.append(i == 0 ? "" : "\n").append(lines[i]);
  }
  return out;
}

// The last max_context_lines lines of a quoted paragraph, in a fixed ring: quoted runs can be
// millions of lines, and this keeps them allocation-free.
class ParagraphTail {
public:
  void clear() { size_ = 0; }
  void push_back(std::string_view line) {
    lines_[(head_ + size_) % lines_.size()] = line;
    if (size_ < lines_.size()) {
      ++size_;
    } else {
      head_ = (head_ + 1) % lines_.size();
    }
  }
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  std::string_view operator[](std::size_t i) const { return lines_[(head_ + i) % lines_.size()]; }
  std::string_view back() const { return (*this)[size_ - 1]; }

private:
  std::array<std::string_view, max_context_lines> lines_{};
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

// The end of the quoted paragraph, at most max_context_bytes of whole lines (or the end of a
// single longer line): the question sits right above the answer.
std::string context_of(const ParagraphTail& paragraph) {
  if (paragraph.empty()) {
    return {};
  }
  std::size_t first = paragraph.size();
  std::size_t bytes = 0;
  while (first > 0 && bytes + paragraph[first - 1].size() + 1 <= max_context_bytes + 1) {
    bytes += paragraph[--first].size() + 1;
  }
  if (first == paragraph.size()) {
    const std::string_view last = paragraph.back();
    std::size_t cut = last.size() - max_context_bytes;
    while (cut < last.size() && (static_cast<unsigned char>(last[cut]) & 0xC0) == 0x80) {
      ++cut;
    }
    return std::string(last.substr(cut));
  }
  std::string out;
  out.reserve(bytes);
  for (std::size_t i = first; i < paragraph.size(); ++i) {
    out.append(i == first ? "" : "\n").append(paragraph[i]);
  }
  return out;
}

struct PendingBlock {
  std::string context;
  std::vector<std::string_view> lines; // views into the text; "" for a (collapsed) blank line
};

class Extractor {
public:
  Extractor(std::string_view text, const ParserLimits& limits, Warnings& warnings)
      : text_(text), limits_(limits), warnings_(warnings) {}

  ReplyText run() {
    std::size_t pos = 0;
    while (pos < text_.size()) {
      const Line line = read_line(text_, pos);
      pos = line.next;
      const bool first = !started_;
      started_ = started_ || line.depth > 0 || !is_blank(line.content);
      if (line.depth > 0) {
        on_quoted(line);
      } else if (is_blank(line.content)) {
        on_blank();
      } else if (first && is_reply_above_marker(line.content)) {
        // A helpdesk's outgoing update opens with its own banner; the newest comment follows.
        helpdesk_ = true;
        pos = helpdesk_header_end(pos);
      } else if (helpdesk_ && is_helpdesk_rule(line.content)) {
        break; // the ticket's older comments follow
      } else if (const std::optional<std::size_t> end = marker_end(line)) {
        close_block();
        const std::size_t after = skip_blank_lines(*end, text_.size());
        if (after >= text_.size() || read_line(text_, after).depth == 0) {
          break; // top-posted: the history under the marker is not '>'-prefixed
        }
        in_quote_run_ = false; // the marker introduces a new quoted run
        pos = after;
      } else if (!on_new_line(line)) {
        break;
      }
    }
    close_block();
    return finish();
  }

private:
  void on_quoted(const Line& line) {
    close_block();
    if (!in_quote_run_) {
      in_quote_run_ = true;
      paragraph_.clear();
      paragraph_break_ = false;
      quote_depth_ = line.depth;
    }
    const std::string_view t = trim(line.content);
    if (t.empty()) {
      paragraph_break_ = true;
      return;
    }
    if (line.depth != quote_depth_) {
      paragraph_break_ = true;
      quote_depth_ = line.depth;
    }
    if (t.size() <= max_marker_bytes &&
        (is_attribution(t) || separator_kind(t) != SeparatorKind::none)) {
      paragraph_break_ = true; // "> On ... wrote:" is nobody's question
      return;
    }
    if (paragraph_break_) {
      paragraph_.clear();
      paragraph_break_ = false;
    }
    paragraph_.push_back(kept_line(t));
  }

  void on_blank() {
    if (in_quote_run_) {
      paragraph_break_ = true;
    } else if (block_open_) {
      blank_pending_ = true;
    }
  }

  // Adds one of the sender's lines; false once max_text_bytes is spent.
  bool on_new_line(const Line& line) {
    if (!block_open_) {
      PendingBlock block;
      if (in_quote_run_) {
        block.context = context_of(paragraph_);
      }
      in_quote_run_ = false;
      if (!charge(block.context.size())) {
        return false;
      }
      blocks_.push_back(std::move(block));
      block_open_ = true;
      blank_pending_ = false;
    }
    std::vector<std::string_view>& lines = blocks_.back().lines;
    if (blank_pending_) {
      if (!charge(1)) {
        return false;
      }
      lines.emplace_back();
      blank_pending_ = false;
    }
    const std::string_view kept = kept_line(trim_right(line.raw));
    if (!charge(kept.size() + 1)) {
      return false;
    }
    lines.push_back(kept);
    return true;
  }

  std::string_view kept_line(std::string_view line) {
    if (line.size() <= limits_.max_line_bytes) {
      return line;
    }
    warnings_.add("reply-line-truncated");
    return cut_utf8(line, limits_.max_line_bytes);
  }

  bool charge(std::size_t bytes) {
    if (kept_bytes_ + bytes > limits_.max_text_bytes) {
      warnings_.add("reply-truncated");
      return false;
    }
    kept_bytes_ += bytes;
    return true;
  }

  void close_block() {
    block_open_ = false;
    blank_pending_ = false;
  }

  // Where the marker starting at the unquoted, non-blank `line` ends, or nullopt if it is not
  // one: an attribution (also wrapped onto the next line, which may be '>'-quoted), a separator,
  // or a header block.
  std::optional<std::size_t> marker_end(const Line& line) {
    const std::string_view t = trim(line.content);
    if (t.size() > max_marker_bytes) {
      return std::nullopt;
    }
    if (is_attribution(t)) {
      return line.next;
    }
    if (may_start_wrapped_attribution(t) && line.next < text_.size()) {
      const Line second = read_line(text_, line.next);
      const std::string_view rest = trim(second.content);
      if (second.depth <= 1 && !rest.empty() && rest.size() <= max_marker_bytes) {
        joined_.assign(t).append(1, ' ').append(rest); // reused: no allocation per line
        if (is_attribution(joined_)) {
          return second.next;
        }
      }
    }
    switch (separator_kind(t)) {
    case SeparatorKind::history:
      return header_block_end(skip_blank_lines(line.next, max_blank_before_header_block))
          .value_or(line.next);
    case SeparatorKind::rule:
      return header_block_end(skip_blank_lines(line.next, max_blank_before_header_block));
    case SeparatorKind::none:
      break;
    }
    if (header_line(t).key == HeaderKey::from) {
      return header_block_end(line.start);
    }
    return std::nullopt;
  }

  // End of the unquoted header block starting at `pos`, if one starts there.
  std::optional<std::size_t> header_block_end(std::size_t pos) const {
    std::array<std::string_view, max_header_block_lines + 1> lines;
    std::array<std::size_t, max_header_block_lines + 1> ends{};
    std::size_t n = 0;
    while (pos < text_.size() && n < lines.size()) {
      const Line line = read_line(text_, pos);
      if (line.depth != 0 || is_blank(line.content) || line.content.size() > max_marker_bytes) {
        break; // a block is a run of short unquoted lines
      }
      lines[n] = line.content;
      ends[n++] = pos = line.next;
    }
    const std::size_t length = header_block_length(std::span(lines.data(), n));
    if (length == 0) {
      return std::nullopt;
    }
    return ends[length - 1];
  }

  // Where the newest comment's text starts in a helpdesk update whose banner ends at `pos`.
  std::size_t helpdesk_header_end(std::size_t pos) const {
    std::array<std::string_view, max_helpdesk_header_lines> lines;
    std::array<std::size_t, max_helpdesk_header_lines> ends{};
    std::size_t n = 0;
    for (std::size_t at = pos; at < text_.size() && n < lines.size();) {
      const Line line = read_line(text_, at);
      if (line.depth != 0 || line.content.size() > max_marker_bytes) {
        break; // the framing is short unquoted lines
      }
      lines[n] = line.content;
      ends[n++] = at = line.next;
    }
    const std::size_t length = helpdesk_header_length(std::span(lines.data(), n));
    return length == 0 ? pos : ends[length - 1];
  }

  // The first line at or after `pos` that is not an unquoted blank line, skipping at most
  // `max_lines` of them.
  std::size_t skip_blank_lines(std::size_t pos, std::size_t max_lines) const {
    for (std::size_t skipped = 0; pos < text_.size() && skipped < max_lines; ++skipped) {
      const Line line = read_line(text_, pos);
      if (line.depth != 0 || !is_blank(line.content)) {
        break;
      }
      pos = line.next;
    }
    return pos;
  }

  ReplyText finish() {
    // The last block is the last one with words left after trimming: a list footer or a lone
    // "-- " signature under the quotes must not turn the real closing name into an inner block.
    bool later_empty = true;
    for (std::size_t i = blocks_.size(); i-- > 0;) {
      trim_signature(blocks_[i].lines, later_empty ? BlockPlace::last : BlockPlace::inner);
      later_empty = later_empty && blocks_[i].lines.empty();
    }
    ReplyText out;
    for (PendingBlock& block : blocks_) {
      if (block.lines.empty()) {
        continue;
      }
      ReplyBlock reply{std::move(block.context), join_lines(block.lines)};
      if (!out.text.empty()) {
        out.text += "\n\n";
      }
      out.text += reply.text;
      out.blocks.push_back(std::move(reply));
    }
    return out;
  }

  std::string_view text_;
  const ParserLimits& limits_;
  Warnings& warnings_;
  std::vector<PendingBlock> blocks_;
  bool block_open_ = false;
  bool blank_pending_ = false;
  bool in_quote_run_ = false;
  bool paragraph_break_ = false;
  std::size_t quote_depth_ = 0;
  ParagraphTail paragraph_; // the last paragraph of the current quoted run
  std::size_t kept_bytes_ = 0;
  bool started_ = false;  // a non-blank line was read
  bool helpdesk_ = false; // the text is a helpdesk's update: its rules separate older comments
  std::string joined_;    // scratch for a wrapped attribution's two halves
};

} // namespace

ReplyText extract_reply(std::string_view text, const ParserLimits& limits, Warnings& warnings) {
  return Extractor(text, limits, warnings).run();
}

ReplyText extract_reply(std::string_view text) {
  Warnings ignored;
  return extract_reply(text, ParserLimits{}, ignored);
}

} // namespace appeald::parsers
