#pragma once
// Byte-level helpers shared by the sentence splitter and the lead-in label reader: ASCII letter
// classes (non-ASCII bytes count as letters, for accented words), whitespace as mail text has it
// after HTML conversion (ASCII blanks, U+00A0 and U+202F), and membership in a short word list.
#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <string_view>

namespace appeald::appeals::sentence_text {

inline bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
inline bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool is_letter(char c) {
  // Non-ASCII bytes count as letters: accented words in labels.
  return is_upper(c) || is_lower(c) || static_cast<unsigned char>(c) >= 0x80;
}
inline char lower(char c) {
  return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

// Bytes of whitespace at `i`: ASCII blanks, U+00A0 and U+202F (HTML conversion leaves them).
inline std::size_t space_at(std::string_view s, std::size_t i) {
  switch (s[i]) {
  case ' ':
  case '\t':
  case '\r':
  case '\f':
  case '\v':
    return 1;
  case '\xC2':
    return s.substr(i, 2) == "\xC2\xA0" ? 2 : 0;
  case '\xE2':
    return s.substr(i, 3) == "\xE2\x80\xAF" ? 3 : 0;
  default:
    return 0;
  }
}

inline std::string_view trim(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size()) {
    const std::size_t k = space_at(s, n);
    if (k == 0) {
      break;
    }
    n += k;
  }
  s.remove_prefix(n);
  while (!s.empty()) {
    std::size_t k = 0;
    if (space_at(s, s.size() - 1) == 1) {
      k = 1;
    } else if (s.ends_with("\xC2\xA0")) {
      k = 2;
    } else if (s.ends_with("\xE2\x80\xAF")) {
      k = 3;
    } else {
      break;
    }
    s.remove_suffix(k);
  }
  return s;
}

// Whether `word` is one of `words` (short lists, compared exactly).
inline bool in(std::string_view word, std::initializer_list<std::string_view> words) {
  return std::ranges::find(words, word) != words.end();
}

} // namespace appeald::appeals::sentence_text
