// utf8_text: the byte-level helpers for text that leaves appeald.
#include "responders/utf8_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace appeald::responders;

namespace {

// `n` ASCII letters, to put a byte before, across and after an 8-byte word boundary.
std::string letters(std::size_t n) {
  return std::string(n, 'a');
}

} // namespace

TEST_CASE("is_ascii finds a high byte at any position") {
  CHECK(is_ascii(""));
  CHECK(is_ascii(letters(64)));
  for (std::size_t at = 0; at < 20; ++at) {
    CAPTURE(at);
    std::string s = letters(20);
    s[at] = '\x80';
    CHECK_FALSE(is_ascii(s));
  }
}
