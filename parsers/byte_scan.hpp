#pragma once
// Scans over bytes eight at a time (a 64-bit word, no SIMD intrinsics): the parsers' loops that
// look for rare bytes (a CR, a NUL, a byte above ASCII) in long runs of ordinary text.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace appeald::parsers::byte_scan {

inline constexpr std::uint64_t ones = 0x0101010101010101ULL;
inline constexpr std::uint64_t highs = 0x8080808080808080ULL;

inline std::uint64_t load(const char* p) {
  std::uint64_t w = 0;
  std::memcpy(&w, p, sizeof w);
  return w;
}

// Whether some byte of `w` is zero (exact).
constexpr bool has_zero(std::uint64_t w) {
  return ((w - ones) & ~w & highs) != 0;
}

// Whether some byte of `w` equals `c`.
constexpr bool has_byte(std::uint64_t w, unsigned char c) {
  return has_zero(w ^ (ones * c));
}

// The first index at or after `from` where `s` holds a byte above 0x7F, or s.size().
inline std::size_t find_non_ascii(std::string_view s, std::size_t from = 0) {
  std::size_t i = from;
  while (i + 8 <= s.size() && (load(s.data() + i) & highs) == 0) {
    i += 8;
  }
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) {
    ++i;
  }
  return i;
}

// The first index at or after `from` where `s` holds `a` or `b`, or s.size().
inline std::size_t find_either(std::string_view s, char a, char b, std::size_t from = 0) {
  std::size_t i = from;
  while (i + 8 <= s.size()) {
    const std::uint64_t w = load(s.data() + i);
    if (has_byte(w, static_cast<unsigned char>(a)) || has_byte(w, static_cast<unsigned char>(b))) {
      break;
    }
    i += 8;
  }
  while (i < s.size() && s[i] != a && s[i] != b) {
    ++i;
  }
  return i;
}

} // namespace appeald::parsers::byte_scan
