#include "parsers/utf8.hpp"

#include "parsers/byte_scan.hpp"

namespace appeald::parsers {

namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD"; // U+FFFD

// Length of the well-formed UTF-8 sequence at s[i], or 0 when ill-formed. `bad` receives the
// length of the maximal ill-formed subpart (Unicode 15, 3.9 "U+FFFD substitution") in that case.
std::size_t utf8_sequence(std::string_view s, std::size_t i, std::size_t& bad) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  bad = 1;
  if (c < 0x80) {
    return 1;
  }
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    lo = c == 0xE0 ? 0xA0 : 0x80; // no overlongs
    hi = c == 0xED ? 0x9F : 0xBF; // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    lo = c == 0xF0 ? 0x90 : 0x80;
    hi = c == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
  } else {
    return 0;
  }
  for (std::size_t k = 1; k < len; ++k) {
    if (i + k >= s.size()) {
      return 0;
    }
    const unsigned char t = b(i + k);
    if (k == 1 ? (t < lo || t > hi) : (t < 0x80 || t > 0xBF)) {
      return 0;
    }
    bad = k + 1;
  }
  return len;
}

} // namespace

bool is_valid_utf8(std::string_view s) {
  std::size_t bad = 0;
  for (std::size_t i = byte_scan::find_non_ascii(s); i < s.size();
       i = byte_scan::find_non_ascii(s, i)) {
    const std::size_t n = utf8_sequence(s, i, bad);
    if (n == 0) {
      return false;
    }
    i += n;
  }
  return true;
}

std::string sanitize_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t bad = 0;
  for (std::size_t i = 0; i < s.size();) {
    // ASCII runs (most of most text) are found a word at a time and copied whole.
    const std::size_t run_end = byte_scan::find_non_ascii(s, i);
    out.append(s.substr(i, run_end - i));
    i = run_end;
    if (i == s.size()) {
      break;
    }
    const std::size_t n = utf8_sequence(s, i, bad);
    if (n == 0) {
      out += replacement;
      i += bad;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

} // namespace appeald::parsers
