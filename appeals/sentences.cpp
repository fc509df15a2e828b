#include "appeals/sentences.hpp"

#include "appeals/lead_in_label.hpp"
#include "appeals/sentence_text.hpp"
#include "appeals/text_tokens.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace appeald::appeals {

namespace {

using namespace sentence_text;

// The longest abbreviation looked back at ("approx").
constexpr std::size_t max_abbreviation_bytes = 8;

struct Marker {
  std::size_t length = 0; // bytes of the marker; 0 when the line starts no item
  int number = 0;
};

// The item marker that `line` (trimmed) starts with: a bullet, or a number or letter with '.'
// or ')', or one in parentheses, followed by whitespace or the end of the line.
Marker item_marker(std::string_view line) {
  auto ends_marker = [line](std::size_t at) {
    return at == line.size() || space_at(line, at) != 0;
  };
  for (std::string_view bullet : {"-", "*", "\xE2\x80\xA2", "\xE2\x80\x93"}) {
    if (line.starts_with(bullet) && ends_marker(bullet.size())) {
      return {bullet.size(), 0};
    }
  }
  const bool paren = line.starts_with('(');
  std::size_t i = paren ? 1 : 0;
  int number = 0;
  std::size_t digits = 0;
  while (i < line.size() && is_digit(line[i]) && digits < 3) {
    number = number * 10 + (line[i] - '0');
    ++digits;
    ++i;
  }
  if (digits == 0 && i < line.size() && (is_lower(line[i]) || is_upper(line[i]))) {
    ++i; // a letter marker: "a)", "(b)"
  } else if (digits == 0 || digits > 2) {
    return {};
  }
  if (i >= line.size()) {
    return {};
  }
  const char close = line[i];
  const bool closes = paren ? close == ')' : (close == ')' || (close == '.' && digits > 0));
  if (!closes || !ends_marker(i + 1)) {
    return {};
  }
  return {i + 1, number};
}

// '.', '!', '?' or '…' at `i`: its length, else 0.
std::size_t terminator_at(std::string_view t, std::size_t i) {
  switch (t[i]) {
  case '.':
  case '!':
  case '?':
    return 1;
  case '\xE2':
    return t.substr(i, 3) == "\xE2\x80\xA6" ? 3 : 0;
  default:
    return 0;
  }
}

// The next byte at or after `i` that may start a terminator, or t.size().
std::size_t next_mark(std::string_view t, std::size_t i) {
  while (i < t.size() && t[i] != '.' && t[i] != '!' && t[i] != '?' && t[i] != '\xE2') {
    ++i;
  }
  return i;
}

// A closing quote or bracket that may follow a sentence's final punctuation.
std::size_t closer_at(std::string_view t, std::size_t i) {
  if (t[i] == '"' || t[i] == '\'' || t[i] == ')' || t[i] == ']') {
    return 1;
  }
  const std::string_view three = t.substr(i, 3);
  return three == "\xE2\x80\x9D" || three == "\xE2\x80\x99" ? 3 : 0;
}

// Whether a sentence may start at `i`: an uppercase letter (ASCII or Latin-1), a digit or an
// opening quote.
bool starts_sentence(std::string_view t, std::size_t i) {
  const char c = t[i];
  if (is_upper(c) || is_digit(c) || c == '"' || c == '\'') {
    return true;
  }
  const std::string_view three = t.substr(i, 3);
  if (three == "\xE2\x80\x9C" || three == "\xE2\x80\x98") {
    return true;
  }
  if (static_cast<unsigned char>(c) == 0xC3 && i + 1 < t.size()) {
    const auto b = static_cast<unsigned char>(t[i + 1]);
    return b >= 0x80 && b <= 0x9E && b != 0x97; // À..Þ without ×
  }
  return false;
}

// Whether the '.' at `dot` ends an abbreviation rather than a sentence; `next` starts the
// following word. Looks back at most max_abbreviation_bytes.
bool is_abbreviation(std::string_view t, std::size_t dot, std::size_t next) {
  std::size_t b = dot;
  while (b > 0 && t[b - 1] != ' ' && t[b - 1] != '(' && t[b - 1] != '"') {
    if (dot - b == max_abbreviation_bytes) {
      return false;
    }
    --b;
  }
  if (dot - b == 1 && is_upper(t[b])) {
    return true; // an initial: "J. Smith"
  }
  std::string word; // short: no allocation
  for (std::size_t k = b; k < dot; ++k) {
    word += lower(t[k]);
  }
  if (word == "no") {
    return is_digit(t[next]);
  }
  return in(word, {"e.g", "i.e", "eg",  "ie",  "etc", "vs",     "cf",  "mr",  "mrs",
                   "ms",  "dr",  "inc", "ltd", "co",  "approx", "jan", "feb", "mar",
                   "apr", "jun", "jul", "aug", "sep", "sept",   "oct", "nov", "dec"});
}

// Whether `line` has words separated by single ' ' only: no other whitespace (nor a byte that
// may begin U+00A0 or U+202F), no runs of spaces, none at the ends. Block::append copies such a
// line as it is.
bool single_spaced(std::string_view line) {
  static constexpr auto other_space = [] {
    std::array<bool, 256> t{};
    for (const unsigned char c : {'\t', '\r', '\f', '\v', '\xC2', '\xE2'}) {
      t[c] = true;
    }
    return t;
  }();
  if (line.empty() || line.front() == ' ' || line.back() == ' ') {
    return false;
  }
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    if (other_space[c] || (c == ' ' && line[i + 1] == ' ')) {
      return false;
    }
  }
  return true;
}

// A paragraph or list item being collected.
struct Block {
  std::string text; // lines joined, whitespace collapsed to single spaces
  bool open = false;
  bool item = false;
  int number = 0;

  void append(std::string_view line) {
    if (single_spaced(line)) { // most lines: copied whole
      if (!text.empty()) {
        text += ' ';
      }
      text.append(line);
      return;
    }
    bool space = !text.empty();
    for (std::size_t i = 0; i < line.size();) {
      if (const std::size_t k = space_at(line, i); k != 0) {
        space = true;
        i += k;
        continue;
      }
      if (space && !text.empty()) {
        text += ' ';
      }
      space = false;
      std::size_t j = i + 1; // copy the run up to the next possible space in one go
      while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r' &&
             line[j] != '\f' && line[j] != '\v' && line[j] != '\xC2' && line[j] != '\xE2') {
        ++j;
      }
      text.append(line.substr(i, j - i));
      i = j;
    }
  }
};

class Splitter {
public:
  void line(std::string_view raw) {
    std::string_view content = trim(raw);
    if (content.empty()) {
      finish();
      return;
    }
    if (const Marker marker = item_marker(content); marker.length != 0) {
      finish();
      block_ = Block{.text = {}, .open = true, .item = true, .number = marker.number};
      content = trim(content.substr(marker.length));
    } else if (!block_.open) {
      block_ = Block{.text = {}, .open = true, .item = false, .number = 0};
    }
    block_.append(content);
  }

  std::vector<Sentence> take() {
    finish();
    return std::move(out_);
  }

private:
  void finish() {
    if (!block_.open) {
      return;
    }
    block_.open = false;
    std::string_view text = block_.text;
    std::string label;
    if (const auto found = lead_in_label(text)) {
      label = found->label;
      text = found->rest;
    }
    int number = block_.number;
    if (!has_word(text)) {
      // Only "Label:" or "2.": it introduces what follows.
      if (!label.empty()) {
        pending_label_ = label;
        label_on_list_ = false;
      }
      if (number != 0) {
        pending_number_ = number;
      }
      return;
    }
    if (block_.item) {
      if (label.empty()) {
        label = pending_label_;
      }
      label_on_list_ = !pending_label_.empty();
    } else {
      if (label.empty() && !label_on_list_) {
        label = pending_label_;
      }
      if (number == 0) {
        number = pending_number_;
      }
      pending_label_.clear();
      label_on_list_ = false;
    }
    pending_number_ = 0;
    const std::size_t before = out_.size();
    split(text, label, number);
    if (out_.size() != before) {
      ++paragraph_;
    }
  }

  void split(std::string_view t, const std::string& label, int number) {
    std::size_t start = 0;
    for (std::size_t i = next_mark(t, 0); i < t.size();) {
      std::size_t k = terminator_at(t, i);
      if (k == 0) {
        i = next_mark(t, i + 1);
        continue;
      }
      std::size_t j = i;
      std::size_t marks = 0;
      while (j < t.size() && (k = terminator_at(t, j)) != 0) {
        j += k;
        ++marks;
      }
      while (j < t.size() && (k = closer_at(t, j)) != 0) {
        j += k;
      }
      if (j + 1 < t.size() && t[j] == ' ' && starts_sentence(t, j + 1) &&
          !(marks == 1 && t[i] == '.' && is_abbreviation(t, i, j + 1))) {
        emit(t.substr(start, j - start), label, number);
        start = j + 1;
      }
      i = next_mark(t, j);
    }
    emit(t.substr(start), label, number);
  }

  void emit(std::string_view sentence, const std::string& label, int number) {
    sentence = trim(sentence);
    if (has_word(sentence)) {
      out_.push_back(Sentence{std::string(sentence), label, number, paragraph_});
    }
  }

  Block block_;
  std::string pending_label_;
  bool label_on_list_ = false; // the pending label has labelled an item: it stays with the list
  int pending_number_ = 0;
  std::size_t paragraph_ = 0;
  std::vector<Sentence> out_;
};

} // namespace

std::vector<Sentence> split_sentences(std::string_view text) {
  Splitter splitter;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    splitter.line(text.substr(start, end - start));
    start = end + 1;
  }
  return splitter.take();
}

} // namespace appeald::appeals
