#include "parsers/encoded_words.hpp"

#include "parsers/charset.hpp"
#include "parsers/transfer_encoding.hpp"

#include <algorithm>
#include <cstddef>

namespace appeald::parsers {

namespace {

constexpr std::size_t npos = std::string_view::npos;
constexpr std::size_t max_charset_length = 64;

// A well-formed =?charset?X?text?= found at [begin, end).
struct EncodedWord {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string_view charset; // as written, language suffix included
  char encoding = 'Q';      // 'B' or 'Q'
  std::string_view text;
};

enum class WordStatus { not_a_word, malformed, ok };

// Finds the first "?=" at or after `from`, remembering the last answer so that a scan over
// many unterminated words stays linear.
class EndFinder {
public:
  explicit EndFinder(std::string_view raw) : raw_(raw) {}
  std::size_t find(std::size_t from) {
    if (!searched_ || (found_ != npos && from > found_)) {
      found_ = raw_.find("?=", from);
      searched_ = true;
    }
    return found_;
  }

private:
  std::string_view raw_;
  std::size_t found_ = npos;
  bool searched_ = false;
};

bool charset_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u <= ' ' || u >= 127) {
    return false;
  }
  return std::string_view("?=\"()<>,;[]/\\@").find(c) == npos;
}

bool base64_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

// B text must be clean base64 (padding may be missing): anything else is more likely plain text
// that happens to look like a word, and decoding it would turn readable text into garbage.
bool clean_base64(std::string_view text) {
  std::size_t data = 0;
  while (data < text.size() && base64_char(text[data])) {
    ++data;
  }
  std::size_t pad = data;
  while (pad < text.size() && text[pad] == '=') {
    ++pad;
  }
  return pad == text.size() && pad - data <= 2 && data % 4 != 1;
}

// Parses the word starting at `pos` (which holds "=?").
WordStatus parse_word(std::string_view raw, std::size_t pos, EndFinder& ends, EncodedWord& w) {
  std::size_t i = pos + 2;
  const std::size_t cs_begin = i;
  while (i < raw.size() && i - cs_begin <= max_charset_length && charset_char(raw[i])) {
    ++i;
  }
  if (i == cs_begin || i >= raw.size() || raw[i] != '?' || i - cs_begin > max_charset_length) {
    return WordStatus::not_a_word;
  }
  w.begin = pos;
  w.charset = raw.substr(cs_begin, i - cs_begin);
  if (i + 2 >= raw.size() || raw[i + 2] != '?') {
    return WordStatus::malformed;
  }
  const char enc = raw[i + 1];
  if (enc != 'B' && enc != 'b' && enc != 'Q' && enc != 'q') {
    return WordStatus::malformed;
  }
  w.encoding = (enc == 'B' || enc == 'b') ? 'B' : 'Q';
  const std::size_t text_begin = i + 3;
  const std::size_t end = ends.find(text_begin);
  if (end == npos) {
    return WordStatus::malformed;
  }
  w.text = raw.substr(text_begin, end - text_begin);
  w.end = end + 2;
  // "=?" inside the text means this word lost its "?=" and the next word's end was found.
  if (w.text.find("=?") != npos) {
    return WordStatus::malformed;
  }
  if (w.encoding == 'B' && !clean_base64(w.text)) {
    return WordStatus::malformed;
  }
  return WordStatus::ok;
}

std::string_view charset_label(std::string_view charset) {
  return charset.substr(0, charset.find('*'));
}

bool same_charset(std::string_view a, std::string_view b) {
  return canonical_charset(charset_label(a)) == canonical_charset(charset_label(b));
}

bool all_whitespace(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

void forward_warnings(const Warnings& from, Warnings& to) {
  for (const std::string& entry : from.entries()) {
    const std::size_t colon = entry.find(':');
    if (colon == npos) {
      to.add(entry);
    } else {
      to.add(std::string_view(entry).substr(0, colon),
             std::string_view(entry).substr(std::min(colon + 2, entry.size())));
    }
  }
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// to_utf8 passes ASCII through without looking the charset up, so an unknown label on ASCII
// text is found by converting one 8-bit byte.
bool known_charset(std::string_view charset) {
  Warnings probe;
  (void)to_utf8("\xA0", charset_label(charset), probe);
  return !probe.has("charset-unknown");
}

// Decoded bytes of consecutive words in one charset, converted together so that a character
// split across two words survives.
class Run {
public:
  bool active() const { return active_; }
  bool accepts(std::string_view charset) const {
    return active_ && same_charset(charset_, charset);
  }
  void start(std::string_view charset) {
    active_ = true;
    charset_ = charset;
    bytes_.clear();
  }
  void add(const EncodedWord& w) {
    if (w.encoding == 'B') {
      bytes_ += decode_base64(w.text);
    } else {
      bytes_ += decode_quoted_printable(w.text, QMode::header);
    }
  }
  void flush(std::string& out, Warnings& warnings) {
    if (!active_) {
      return;
    }
    Warnings local;
    out += to_utf8(bytes_, charset_label(charset_), local);
    if (local.has("charset-unknown") || (is_ascii(bytes_) && !known_charset(charset_))) {
      // Kept readable: to_utf8 already fell back to UTF-8 or Windows-1252.
      warnings.add("encoded-word-malformed", charset_);
    }
    forward_warnings(local, warnings);
    active_ = false;
  }

private:
  bool active_ = false;
  std::string_view charset_;
  std::string bytes_;
};

void append_literal(std::string& out, std::string_view text, Warnings& warnings) {
  if (is_ascii(text)) {
    out += text;
  } else {
    // Raw 8-bit header text: UTF-8 when valid (modern clients), else Windows-1252.
    out += to_utf8(text, "", warnings);
  }
}

} // namespace

std::string decode_header_text(std::string_view raw, Warnings& warnings) {
  std::string out;
  out.reserve(raw.size());
  EndFinder ends(raw);
  Run run;
  std::size_t literal_begin = 0;
  std::size_t i = 0;
  while (i < raw.size()) {
    const std::size_t start = raw.find("=?", i);
    if (start == npos) {
      break;
    }
    EncodedWord word;
    const WordStatus status = parse_word(raw, start, ends, word);
    if (status != WordStatus::ok) {
      if (status == WordStatus::malformed) {
        warnings.add("encoded-word-malformed", raw.substr(start, 40));
      }
      i = start + 1;
      continue;
    }
    const std::string_view between = raw.substr(literal_begin, start - literal_begin);
    // RFC 2047 6.2: whitespace between adjacent encoded words is not displayed.
    if (!(run.active() && all_whitespace(between))) {
      run.flush(out, warnings);
      append_literal(out, between, warnings);
    }
    if (!run.accepts(word.charset)) {
      run.flush(out, warnings);
      run.start(word.charset);
    }
    run.add(word);
    i = literal_begin = word.end;
  }
  run.flush(out, warnings);
  append_literal(out, raw.substr(literal_begin), warnings);
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t') {
      c = ' ';
    }
  }
  return out;
}

} // namespace appeald::parsers
