// The word-at-a-time scans find the first wanted byte wherever it sits: inside the first word,
// on either side of an 8-byte edge, in the byte-by-byte tail, or nowhere (size()); and they
// start where they are told.
#include "parsers/byte_scan.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace appeald::parsers;

TEST_CASE("find_either and find_non_ascii find the first wanted byte at every position") {
  for (std::size_t size = 0; size <= 40; ++size) {
    const std::string plain(size, 'a');
    CAPTURE(size);
    CHECK(byte_scan::find_either(plain, '\r', '\0') == size);
    CHECK(byte_scan::find_non_ascii(plain) == size);
    for (std::size_t at = 0; at < size; ++at) {
      CAPTURE(at);
      std::string s = plain;
      s[at] = '\0';
      CHECK(byte_scan::find_either(s, '\r', '\0') == at);
      s[at] = '\r';
      CHECK(byte_scan::find_either(s, '\r', '\0') == at);
      CHECK(byte_scan::find_non_ascii(s) == size);
      s[at] = '\x80';
      CHECK(byte_scan::find_non_ascii(s) == at);
      CHECK(byte_scan::find_either(s, '\r', '\0') == size);
      s[at] = '\xFF';
      CHECK(byte_scan::find_non_ascii(s) == at);
      CHECK(byte_scan::find_non_ascii(s, at + 1) == size); // starts where it is told
    }
  }
}

TEST_CASE("find_either returns the earlier of two wanted bytes") {
  const std::string s = "0123456789abcdef\nxyz\r";
  CHECK(byte_scan::find_either(s, '\r', '\n') == 16);
  CHECK(byte_scan::find_either(s, '\r', '\n', 17) == 20);
  CHECK(byte_scan::find_either(s, 'Q', 'R') == s.size());
}
