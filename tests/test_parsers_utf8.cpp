// utf8: well-formed text passes unchanged, and ill-formed bytes become U+FFFD the way the
// parsed message and every reply show them, wherever they fall against the ASCII fast path's
// 8-byte words.
#include "parsers/utf8.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using appeald::parsers::sanitize_utf8;

namespace {

const std::string fffd = "\xEF\xBF\xBD";

// `n` ASCII letters, to put a byte before, across and after an 8-byte word boundary.
std::string letters(std::size_t n) {
  return std::string(n, 'a');
}

} // namespace

TEST_CASE("sanitize_utf8 keeps valid text and replaces each ill-formed subpart, wherever it "
          "falls") {
  struct Row {
    std::string what;
    std::string in;
    std::string out;
  };
  const std::vector<Row> rows = {
      {"empty", "", ""},
      {"ASCII", "We removed the list.", "We removed the list."},
      {"two-, three- and four-byte characters", "caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80",
       "caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80"},
      {"stray continuation byte", "a\x80z", "a" + fffd + "z"},
      {"Latin-1 byte in ASCII", "caf\xE9!", "caf" + fffd + "!"},
      // A sequence cut short is one U+FFFD (its bytes were a valid start); a byte that can
      // start or continue nothing is one each (Unicode 3.9, maximal subparts).
      {"truncated sequence at the end", "ok\xE2\x80", "ok" + fffd},
      {"truncated sequence before ASCII", "a\xE2\x80z", "a" + fffd + "z"},
      {"two truncated sequences in a row", "\xF0\x9F\x98\xE2\x80", fffd + fffd},
      {"a lead byte alone", "\xC3z", fffd + "z"},
      {"overlong slash", "\xC0\xAF", fffd + fffd},
      {"surrogate", "\xED\xA0\x80", fffd + fffd + fffd},
      {"above U+10FFFF", "\xF4\x90\x80\x80", fffd + fffd + fffd + fffd},
      {"bad byte at index 7, the end of the first word", letters(7) + "\xFF" + letters(9),
       letters(7) + fffd + letters(9)},
      {"bad byte at index 8, the start of the second word", letters(8) + "\xFF" + letters(8),
       letters(8) + fffd + letters(8)},
      {"valid character split across two words", letters(7) + "\xC3\xA9" + letters(7),
       letters(7) + "\xC3\xA9" + letters(7)},
      {"bad byte after a long ASCII run", letters(100) + "\xFE", letters(100) + fffd},
      {"NUL is ASCII and kept", std::string("a\0b", 3), std::string("a\0b", 3)},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CHECK(sanitize_utf8(row.in) == row.out);
  }
}
