#pragma once
// Byte-level helpers shared by the reply extractor's line recognisers (reply_extractor,
// attribution_lines, signature_trimmer). Case folding is ASCII only: every marker they look for
// is matched byte for byte, so "Grüße" must be spelled as mail clients spell it.
#include <array>
#include <cstddef>
#include <string_view>

namespace appeald::parsers::reply_text {

// Lines longer than this are never markers, signatures or names; they are content. Keeps every
// recogniser O(short) per line, so hostile megabyte lines cost one scan.
inline constexpr std::size_t max_marker_bytes = 300;

// A stray '\r' (a lone CR inside a CRLF text) counts as space.
inline bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}
inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
inline char ascii_lower(char c) {
  return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

// Length of a trailing space, tab, U+00A0 or U+202F at the end of `s` (0 if none). HTML
// conversion leaves non-breaking spaces, and Gmail writes "3:00\u202fPM".
inline std::size_t trailing_space_length(std::string_view s) {
  if (!s.empty() && is_ascii_space(s.back())) {
    return 1;
  }
  if (s.ends_with("\xC2\xA0")) {
    return 2;
  }
  if (s.ends_with("\xE2\x80\xAF")) {
    return 3;
  }
  return 0;
}

inline std::size_t leading_space_length(std::string_view s) {
  if (!s.empty() && is_ascii_space(s.front())) {
    return 1;
  }
  if (s.starts_with("\xC2\xA0")) {
    return 2;
  }
  if (s.starts_with("\xE2\x80\xAF")) {
    return 3;
  }
  return 0;
}

inline std::string_view trim_right(std::string_view s) {
  for (std::size_t n = trailing_space_length(s); n != 0; n = trailing_space_length(s)) {
    s.remove_suffix(n);
  }
  return s;
}

inline std::string_view trim_left(std::string_view s) {
  for (std::size_t n = leading_space_length(s); n != 0; n = leading_space_length(s)) {
    s.remove_prefix(n);
  }
  return s;
}

inline std::string_view trim(std::string_view s) {
  return trim_left(trim_right(s));
}

inline bool is_blank(std::string_view s) {
  return trim_left(s).empty();
}

inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) {
      return false;
    }
  }
  return true;
}

inline bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

inline bool iends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

// Case-insensitive search; callers pass short lines only (<= max_marker_bytes).
inline bool icontains(std::string_view s, std::string_view needle) {
  for (std::size_t i = 0; i + needle.size() <= s.size(); ++i) {
    if (iequals(s.substr(i, needle.size()), needle)) {
      return true;
    }
  }
  return false;
}

// True when `word` equals one of `list`, ASCII case-insensitively.
template <std::size_t N>
bool in_list_icase(std::string_view word, const std::array<std::string_view, N>& list) {
  for (std::string_view w : list) {
    if (iequals(word, w)) {
      return true;
    }
  }
  return false;
}

// Number of space-separated words.
inline std::size_t word_count(std::string_view s) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    const bool space = is_ascii_space(c);
    words += (!space && !in_word) ? 1 : 0;
    in_word = !space;
  }
  return words;
}

// Calls f(word) for each space-separated word, with surrounding punctuation ",.;:!?()" removed.
template <class F> void for_each_word(std::string_view s, F&& f) {
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_ascii_space(s[i])) {
      ++i;
    }
    std::size_t end = i;
    while (end < s.size() && !is_ascii_space(s[end])) {
      ++end;
    }
    std::string_view word = s.substr(i, end - i);
    while (!word.empty() && std::string_view(",.;:!?()\"'").find(word.back()) != word.npos) {
      word.remove_suffix(1);
    }
    while (!word.empty() && std::string_view("(\"'").find(word.front()) != word.npos) {
      word.remove_prefix(1);
    }
    if (!word.empty()) {
      f(word);
    }
    i = end;
  }
}

} // namespace appeald::parsers::reply_text
