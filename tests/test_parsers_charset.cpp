// Charset conversion: labels as found in mail, legacy encodings decoded through iconv, and the
// lenient paths (empty, unknown and lying labels). Byte fixtures were produced with Python's
// codecs, e.g. `python3 -c "print('こんにちは'.encode('shift_jis'))"`.
#include "parsers/charset.hpp"
#include "parsers/utf8.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <string_view>

using namespace appeald::parsers;

namespace {

struct Row {
  const char* what;
  const char* charset;
  std::string_view bytes;
  std::string_view utf8;
  const char* warning; // expected warning code, or "" for none
};

} // namespace

TEST_CASE("to_utf8 decodes legacy mail charsets to UTF-8") {
  using namespace std::string_view_literals;
  const Row rows[] = {
      {"utf-8 passes through", "utf-8", "Gr\xC3\xBC\xC3\x9F\x65 \xE2\x82\xAC"sv,
       "Gr\xC3\xBC\xC3\x9F\x65 \xE2\x82\xAC"sv, ""},
      {"utf8 label without hyphen", "UTF8", "\xC3\xA9t\xC3\xA9"sv, "\xC3\xA9t\xC3\xA9"sv, ""},
      {"us-ascii", "us-ascii", "plain text\r\n"sv, "plain text\r\n"sv, ""},
      {"us-ascii label with 8-bit bytes reads as windows-1252", "us-ascii", "caf\xE9"sv,
       "caf\xC3\xA9"sv, ""},
      {"iso-8859-1", "ISO-8859-1", "Caf\xE9 M\xFCller"sv, "Caf\xC3\xA9 M\xC3\xBCller"sv, ""},
      {"iso-8859-1 label with windows-1252 smart quotes and euro", "iso-8859-1",
       "\x93Hi\x94 \x96 \x80"
       "5"sv,
       "\xE2\x80\x9CHi\xE2\x80\x9D \xE2\x80\x93 \xE2\x82\xAC"
       "5"sv,
       ""},
      {"latin1 alias", "latin1", "\xE0 bient\xF4t"sv, "\xC3\xA0 bient\xC3\xB4t"sv, ""},
      {"windows-1252 undefined byte maps to C1 like browsers", "windows-1252", "a\x81z"sv,
       "a\xC2\x81z"sv, ""},
      {"iso-8859-2", "iso-8859-2", "Za\xBF\xF3\xB3\xE6 g\xEA\xB6l\xB1 ja\xBC\xF1"sv,
       "Za\xC5\xBC\xC3\xB3\xC5\x82\xC4\x87 g\xC4\x99\xC5\x9Bl\xC4\x85 ja\xC5\xBA\xC5\x84"sv, ""},
      {"iso-8859-5", "iso-8859-5", "\xBF\xE0\xD8\xD2\xD5\xE2"sv,
       "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82"sv, ""},
      {"iso-8859-7", "iso-8859-7", "\xCA\xE1\xEB\xE7\xEC\xDD\xF1\xE1"sv,
       "\xCE\x9A\xCE\xB1\xCE\xBB\xCE\xB7\xCE\xBC\xCE\xAD\xCF\x81\xCE\xB1"sv, ""},
      {"iso-8859-15 euro at 0xA4", "iso-8859-15", "Prix 10 \xA4"sv, "Prix 10 \xE2\x82\xAC"sv, ""},
      {"windows-1250", "windows-1250", "P\xF8\xEDli\x9A \x9Elu\x9Dou\xE8k\xFD"sv,
       "P\xC5\x99\xC3\xADli\xC5\xA1 \xC5\xBElu\xC5\xA5ou\xC4\x8Dk\xC3\xBD"sv, ""},
      {"windows-1251", "windows-1251", "\xC7\xE4\xF0\xE0\xE2\xF1\xF2\xE2\xF3\xE9\xF2\xE5"sv,
       "\xD0\x97\xD0\xB4\xD1\x80\xD0\xB0\xD0\xB2\xD1\x81\xD1\x82\xD0\xB2\xD1\x83\xD0\xB9\xD1\x82"
       "\xD0\xB5"sv,
       ""},
      {"cp1251 alias", "cp1251", "\xC4\xE0"sv, "\xD0\x94\xD0\xB0"sv, ""},
      {"koi8-r", "koi8-r", "\xF0\xD2\xC9\xD7\xC5\xD4 \xCD\xC9\xD2"sv,
       "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 \xD0\xBC\xD0\xB8\xD1\x80"sv, ""},
      {"shift_jis", "Shift_JIS",
       "\x82\xB1\x82\xF1\x82\xC9\x82\xBF\x82\xCD\x81"
       "A\x90\xA2\x8A"
       "E"sv,
       "\xE3\x81\x93\xE3\x82\x93\xE3\x81\xAB\xE3\x81\xA1\xE3\x81\xAF\xE3\x80\x81\xE4\xB8\x96\xE7"
       "\x95\x8C"sv,
       ""},
      {"x-sjis label with a cp932-only circled digit", "x-sjis", "\x87@\x94\xD4"sv,
       "\xE2\x91\xA0\xE7\x95\xAA"sv, ""},
      {"iso-2022-jp", "iso-2022-jp", "\x1B$B$3$s$K$A$O@$3&\x1B(B"sv,
       "\xE3\x81\x93\xE3\x82\x93\xE3\x81\xAB\xE3\x81\xA1\xE3\x81\xAF\xE4\xB8\x96\xE7\x95\x8C"sv,
       ""},
      {"iso-2022-jp label with jis x 0212 (iso-2022-jp-2)", "iso-2022-jp", "Gr\x1B$(D+d)N\x1B(B"sv,
       "Gr\xC3\xBC\xC3\x9F"sv, ""},
      {"iso-2022-jp label with jis x 0213 (iso-2022-jp-3 fallback)", "iso-2022-jp",
       "\x1B$(O.\x22\x1B$B$G$9\x1B(B"sv, "\xF0\xA0\x80\x8B\xE3\x81\xA7\xE3\x81\x99"sv, ""},
      {"euc-jp", "euc-jp", "\xC6\xFC\xCB\xDC\xB8\xEC\xA4\xCE\xA5\xC6\xA5\xAD\xA5\xB9\xA5\xC8"sv,
       "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE\xE3\x83\x86\xE3\x82\xAD\xE3\x82\xB9\xE3"
       "\x83\x88"sv,
       ""},
      {"gb2312 decoded as gb18030", "gb2312", "\xC4\xE3\xBA\xC3\xCA\xC0\xBD\xE7"sv,
       "\xE4\xBD\xA0\xE5\xA5\xBD\xE4\xB8\x96\xE7\x95\x8C"sv, ""},
      {"gb2312 label with a gbk-only fullwidth comma", "gb2312",
       "\xC4\xE3\xBA\xC3\xA3\xAC\xCA\xC0\xBD\xE7"sv,
       "\xE4\xBD\xA0\xE5\xA5\xBD\xEF\xBC\x8C\xE4\xB8\x96\xE7\x95\x8C"sv, ""},
      {"gbk", "GBK", "\xC4\xE3\xBA\xC3\xA3\xAC\xCA\xC0\xBD\xE7"sv,
       "\xE4\xBD\xA0\xE5\xA5\xBD\xEF\xBC\x8C\xE4\xB8\x96\xE7\x95\x8C"sv, ""},
      {"gb18030 four-byte sequence", "gb18030",
       "\xC4\xE3\xBA\xC3\x95"
       "2\x82"
       "6"sv,
       "\xE4\xBD\xA0\xE5\xA5\xBD\xF0\xA0\x80\x80"sv, ""},
      {"big5", "big5",
       "\xA7"
       "A\xA6n\xA5@\xAC\xC9"sv,
       "\xE4\xBD\xA0\xE5\xA5\xBD\xE4\xB8\x96\xE7\x95\x8C"sv, ""},
      {"big5 label with a hkscs character", "big5", "\x9D\xEF"sv, "\xE5\x98\x85"sv, ""},
      {"euc-kr", "euc-kr", "\xBE\xC8\xB3\xE7\xC7\xCF\xBC\xBC\xBF\xE4"sv,
       "\xEC\x95\x88\xEB\x85\x95\xED\x95\x98\xEC\x84\xB8\xEC\x9A\x94"sv, ""},
      {"ks_c_5601-1987 with a cp949-only syllable", "ks_c_5601-1987",
       "\x8C"
       "c\xB9\xE6\xB0\xA2\xC7\xCF"sv,
       "\xEB\x98\xA0\xEB\xB0\xA9\xEA\xB0\x81\xED\x95\x98"sv, ""},
      {"utf-16le", "utf-16le", "H\x00\xE9\x00"sv, "H\xC3\xA9"sv, ""},
      {"utf-16 with byte order mark", "utf-16", "\xFF\xFEH\x00\xE9\x00"sv, "H\xC3\xA9"sv, ""},
      {"quoted label with spaces", " \"KOI8-R\" ", "\xF0"sv, "\xD0\x9F"sv, ""},
      {"rfc 2231 language suffix", "iso-8859-2*pl", "\xB3"sv, "\xC5\x82"sv, ""},
      {"empty charset with valid utf-8", "", "na\xC3\xAFve"sv, "na\xC3\xAFve"sv, ""},
      {"empty charset with latin-1 bytes", "", "na\xEFve \x80"sv, "na\xC3\xAFve \xE2\x82\xAC"sv,
       ""},
      {"unknown charset with latin-1 bytes is best effort", "x-klingon", "caf\xE9"sv,
       "caf\xC3\xA9"sv, "charset-unknown"},
      {"unknown charset with utf-8 bytes", "x-klingon", "caf\xC3\xA9"sv, "caf\xC3\xA9"sv,
       "charset-unknown"},
      {"label with an iconv suffix is not passed to iconv", "utf-16//ignore", "caf\xE9"sv,
       "caf\xC3\xA9"sv, "charset-unknown"},
      {"label that looks like a path", "../../tmp/x", "caf\xE9"sv, "caf\xC3\xA9"sv,
       "charset-unknown"},
      {"utf-8 label lying about latin-1 bytes", "utf-8", "caf\xE9 ok"sv, "caf\xEF\xBF\xBD ok"sv,
       "charset-invalid-bytes"},
      {"utf-8 truncated at the end", "utf-8", "ab\xE2\x82"sv, "ab\xEF\xBF\xBD"sv,
       "charset-invalid-bytes"},
      {"shift_jis truncated at the end", "shift_jis", "\x82\xB1\x82"sv,
       "\xE3\x81\x93\xEF\xBF\xBD"sv, "charset-invalid-bytes"},
      {"euc-kr invalid byte in the middle continues", "euc-kr", "\xBE\xC8\xFF\xBE\xC8"sv,
       "\xEC\x95\x88\xEF\xBF\xBD\xEC\x95\x88"sv, "charset-invalid-bytes"},
      {"gb18030 truncated four-byte sequence", "gb18030",
       "a\x95"
       "2"sv,
       "a\xEF\xBF\xBD"sv, "charset-invalid-bytes"},
      {"empty input", "shift_jis", ""sv, ""sv, ""},
  };
  for (const Row& row : rows) {
    const std::string what = row.what;
    CAPTURE(what);
    Warnings warnings;
    const std::string got = to_utf8(row.bytes, row.charset, warnings);
    CHECK(got == row.utf8);
    CHECK(is_valid_utf8(got));
    if (std::string_view(row.warning).empty()) {
      CHECK(warnings.empty());
    } else {
      CHECK(warnings.has(row.warning));
    }
  }
}

TEST_CASE("to_utf8 reuses cached descriptors without leaking shift state") {
  // An ISO-2022-JP text that ends in the JIS X 0208 state must not leak into the next call.
  Warnings warnings;
  const std::string first = to_utf8("\x1B$B$3", "iso-2022-jp", warnings);
  CHECK(first == "\xE3\x81\x93");
  const std::string second = to_utf8("$3 plain", "iso-2022-jp", warnings);
  CHECK(second == "$3 plain");
  // More charsets than cache slots, twice over, still decode correctly.
  for (int round = 0; round < 2; ++round) {
    for (const char* cs : {"iso-8859-2", "iso-8859-5", "iso-8859-7", "koi8-r", "koi8-u",
                           "windows-1250", "windows-1251", "euc-jp", "big5", "gb2312", "cp949"}) {
      const std::string charset = cs;
      CAPTURE(charset);
      CHECK(is_valid_utf8(to_utf8("\xC0\xC1\xC2\xC3", cs, warnings)));
    }
  }
}

TEST_CASE("canonical_charset applies mail and browser mislabels") {
  struct Label {
    const char* label;
    const char* name;
  };
  const Label rows[] = {
      {"ISO-8859-1", "WINDOWS-1252"},
      {"latin1", "WINDOWS-1252"},
      {"us-ascii", "WINDOWS-1252"},
      {"ascii", "WINDOWS-1252"},
      {"iso_8859-1", "WINDOWS-1252"},
      {"cp1252", "WINDOWS-1252"},
      {"gb2312", "GB18030"},
      {"GBK", "GB18030"},
      {"x-gbk", "GB18030"},
      {"cp936", "GB18030"},
      {"ks_c_5601-1987", "CP949"},
      {"euc-kr", "CP949"},
      {"ks_c_5601", "CP949"},
      {"shift_jis", "CP932"},
      {"x-sjis", "CP932"},
      {"sjis", "CP932"},
      {"ms_kanji", "CP932"},
      {"utf8", "UTF-8"},
      {"unicode-1-1-utf-8", "UTF-8"},
      {"\"UTF-8\"", "UTF-8"},
      {"windows-1251", "WINDOWS-1251"},
      {"cp1250", "WINDOWS-1250"},
      {"koi8-r", "KOI8-R"},
      {"koi8-u", "KOI8-U"},
      {"big5", "BIG5-HKSCS"},
      {"euc-jp", "EUC-JP"},
      {"iso-2022-jp", "ISO-2022-JP-2"},
      {"iso8859-2", "ISO-8859-2"},
      {"ISO-8859-15", "ISO-8859-15"},
      {"iso-8859-9", "WINDOWS-1254"},
      {"utf-16le", "UTF-16LE"},
      {"utf-16be", "UTF-16BE"},
      {"x-unknown-thing", "X-UNKNOWN-THING"},
      {"  ", ""},
      {"", ""},
  };
  for (const Label& row : rows) {
    const std::string label = row.label;
    CAPTURE(label);
    CHECK(canonical_charset(row.label) == row.name);
  }
}

TEST_CASE("is_valid_utf8 and sanitize_utf8 agree on ill-formed sequences") {
  struct Utf8Row {
    const char* what;
    std::string_view in;
    bool valid;
    std::string_view sanitized;
  };
  using namespace std::string_view_literals;
  const Utf8Row rows[] = {
      {"ascii", "hello"sv, true, "hello"sv},
      {"embedded nul", "a\0b"sv, true, "a\0b"sv},
      {"four-byte emoji", "\xF0\x9F\x98\x80"sv, true, "\xF0\x9F\x98\x80"sv},
      {"lone continuation", "a\x80z"sv, false, "a\xEF\xBF\xBDz"sv},
      {"overlong slash", "\xC0\xAF"sv, false, "\xEF\xBF\xBD\xEF\xBF\xBD"sv},
      {"overlong three-byte", "\xE0\x80\xAF"sv, false, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"sv},
      {"surrogate", "\xED\xA0\x80"sv, false, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"sv},
      {"above U+10FFFF", "\xF4\x90\x80\x80"sv, false,
       "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"sv},
      {"truncated four-byte is one replacement", "\xF0\x9F\x98"sv, false, "\xEF\xBF\xBD"sv},
      {"truncated then ascii", "\xE2\x82z"sv, false, "\xEF\xBF\xBDz"sv},
      {"0xFF byte", "\xFF"sv, false, "\xEF\xBF\xBD"sv},
  };
  for (const Utf8Row& row : rows) {
    const std::string what = row.what;
    CAPTURE(what);
    CHECK(is_valid_utf8(row.in) == row.valid);
    CHECK(sanitize_utf8(row.in) == row.sanitized);
    CHECK(is_valid_utf8(sanitize_utf8(row.in)));
  }
}

TEST_CASE("to_utf8 stays linear on large hostile input") {
  // Bytes that are invalid in every position for EUC-KR: one replacement each. (Kept small
  // because iconv is ~100x slower under ASan; unsanitized, 2 MB take about 150 ms.)
  const std::string junk(128 * 1024, '\xFF');
  Warnings warnings;
  const auto start = std::chrono::steady_clock::now();
  const std::string got = to_utf8(junk, "euc-kr", warnings);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(got.size() == junk.size() * 3);
  CHECK(warnings.has("charset-invalid-bytes"));
  CHECK(elapsed < std::chrono::seconds(10));
}
