// Content-Transfer-Encoding decoding: clean input, and the malformed input real mailers send.
#include "parsers/transfer_encoding.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

using namespace appeald::parsers;
using namespace std::string_view_literals;

TEST_CASE("decode_base64 tolerates what mailers send and reports whether it was clean") {
  struct Row {
    const char* what;
    std::string_view in;
    std::string_view out;
    bool clean;
  };
  const Row rows[] = {
      {"empty", ""sv, ""sv, true},
      {"full quantum", "QUJD"sv, "ABC"sv, true},
      {"one pad", "QUI="sv, "AB"sv, true},
      {"two pads", "QQ=="sv, "A"sv, true},
      {"utf-8 text", "R3LDvMOfZSwg5pel5pys"sv, "Gr\xC3\xBC\xC3\x9F\x65, \xE6\x97\xA5\xE6\x9C\xAC"sv,
       true},
      {"crlf line breaks are skipped", "SGVs\r\nbG8g\r\nd29y\r\nbGQ=\r\n"sv, "Hello world"sv, true},
      {"spaces and tabs are skipped", " SGVs bG8=\t"sv, "Hello"sv, true},
      {"binary output with nul and high bytes", "AP+A"sv, "\x00\xFF\x80"sv, true},
      {"missing padding, two chars", "QQ"sv, "A"sv, false},
      {"missing padding, three chars", "QUI"sv, "AB"sv, false},
      {"only half the padding", "QQ="sv, "A"sv, false},
      {"extra padding", "QQ==="sv, "A"sv, false},
      {"padding where none belongs", "=QUJD"sv, "ABC"sv, false},
      {"data after padding decodes as a new quantum", "QQ==QUJD"sv, "AABC"sv, false},
      {"single trailing char is dropped", "QUJDR"sv, "ABC"sv, false},
      {"odd trailing bits", "QR=="sv, "A"sv, false},
      {"junk characters are skipped", "QU*JD!"sv, "ABC"sv, false},
      {"high bytes are skipped, not used as table indexes", "\x80QU\xFFJD\xC3"sv, "ABC"sv, false},
      {"url-safe alphabet is not base64", "-_-_"sv, ""sv, false},
      {"pad splits across a line break", "QQ=\r\n="sv, "A"sv, true},
  };
  for (const Row& row : rows) {
    const std::string what = row.what;
    CAPTURE(what);
    bool clean = !row.clean;
    CHECK(decode_base64(row.in, &clean) == row.out);
    CHECK(clean == row.clean);
    CHECK(decode_base64(row.in) == row.out); // the report is optional
  }
}

TEST_CASE("decode_quoted_printable follows RFC 2045 and keeps bad escapes") {
  struct Row {
    const char* what;
    std::string_view in;
    QMode mode;
    std::string_view out;
  };
  const Row rows[] = {
      {"plain text", "hello"sv, QMode::body, "hello"sv},
      {"upper hex escapes", "caf=C3=A9"sv, QMode::body, "caf\xC3\xA9"sv},
      {"lowercase hex escapes", "caf=c3=a9"sv, QMode::body, "caf\xC3\xA9"sv},
      {"soft break crlf", "long=\r\nline\r\n"sv, QMode::body, "longline\r\n"sv},
      {"soft break lf", "long=\nline\n"sv, QMode::body, "longline\n"sv},
      {"soft break with transport padding after it", "long=  \r\nline"sv, QMode::body,
       "longline"sv},
      {"hard crlf line ends are kept", "a\r\nb\r\n"sv, QMode::body, "a\r\nb\r\n"sv},
      {"hard lf line ends are kept", "a\nb\n"sv, QMode::body, "a\nb\n"sv},
      {"trailing whitespace before a line end is removed", "a \t\r\nb  \nc "sv, QMode::body,
       "a\r\nb\nc"sv},
      {"encoded trailing space survives", "a=20\r\n"sv, QMode::body, "a \r\n"sv},
      {"bad escape kept literally", "100=ZZ%"sv, QMode::body, "100=ZZ%"sv},
      {"half a hex escape kept literally", "x=4"sv, QMode::body, "x=4"sv},
      {"equals sign before a space kept", "a = b"sv, QMode::body, "a = b"sv},
      {"final equals of the body is a soft break", "no newline="sv, QMode::body, "no newline"sv},
      {"escaped equals", "1+1=3D2"sv, QMode::body, "1+1=2"sv},
      {"control characters are kept",
       "a\tb\x01"
       "c"sv,
       QMode::body,
       "a\tb\x01"
       "c"sv},
      {"underscore stays in body mode", "snake_case"sv, QMode::body, "snake_case"sv},
      {"underscore is a space in header mode", "Gr=C3=BC=C3=9Fe_aus_Wien"sv, QMode::header,
       "Gr\xC3\xBC\xC3\x9F\x65 aus Wien"sv},
      {"escaped underscore in header mode", "a=5Fb"sv, QMode::header, "a_b"sv},
      {"equals at the end of a header word is literal", "abc="sv, QMode::header, "abc="sv},
      {"bad escape in header mode", "=ZZ_x"sv, QMode::header, "=ZZ x"sv},
  };
  for (const Row& row : rows) {
    const std::string what = row.what;
    CAPTURE(what);
    CHECK(decode_quoted_printable(row.in, row.mode) == row.out);
  }
}

TEST_CASE("decode_transfer_encoding dispatches on the header value") {
  struct Row {
    const char* what;
    std::string_view body;
    const char* cte;
    std::string_view out;
    const char* warning; // "" for none
  };
  const Row rows[] = {
      {"empty value is 7bit", "as is=20"sv, "", "as is=20"sv, ""},
      {"7bit", "as is=20"sv, "7bit", "as is=20"sv, ""},
      {"8bit", "caf\xC3\xA9"sv, "8BIT", "caf\xC3\xA9"sv, ""},
      {"binary", "\x00\x01"sv, "binary", "\x00\x01"sv, ""},
      {"base64 mixed case and spaces", "SGk=\r\n"sv, "  Base64 ", "Hi"sv, ""},
      {"base64 with a trailing comment", "SGk="sv, "base64 (sent by foo)", "Hi"sv, ""},
      {"quoted base64 value", "SGk="sv, "\"base64\"", "Hi"sv, ""},
      {"malformed base64 warns", "SGk"sv, "base64", "Hi"sv, "base64-malformed"},
      {"quoted-printable", "caf=C3=A9=\r\n!\r\n"sv, "Quoted-Printable", "caf\xC3\xA9!\r\n"sv, ""},
      {"unknown encoding is passed through", "begin 644 x"sv, "x-uuencode", "begin 644 x"sv,
       "cte-unknown"},
  };
  for (const Row& row : rows) {
    const std::string what = row.what;
    CAPTURE(what);
    Warnings warnings;
    CHECK(decode_transfer_encoding(row.body, row.cte, warnings) == row.out);
    if (std::string_view(row.warning).empty()) {
      CHECK(warnings.empty());
    } else {
      CHECK(warnings.has(row.warning));
    }
  }
}

TEST_CASE("decoders are linear on large hostile input") {
  const std::string equals(1024 * 1024, '=');
  bool clean = true;
  CHECK(decode_base64(equals, &clean).empty());
  CHECK_FALSE(clean);
  // A megabyte of '=' is one line of bad escapes ending in a soft break.
  CHECK(decode_quoted_printable(equals).size() == equals.size() - 1);
  const std::string newlines(1024 * 1024, '\n');
  CHECK(decode_quoted_printable(newlines) == newlines);
  std::string soft;
  for (int i = 0; i < 100000; ++i) {
    soft += "ab=\r\n";
  }
  CHECK(decode_quoted_printable(soft).size() == 200000);
}
