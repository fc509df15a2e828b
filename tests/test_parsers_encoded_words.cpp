// encoded_words: RFC 2047 words, raw 8-bit text and control characters in unstructured headers.
#include "parsers/encoded_words.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace appeald::parsers;
using namespace std::string_literals;

namespace {

struct Row {
  std::string what;
  std::string input;
  std::string expected;
  const char* warning; // a warning code that must be present, or nullptr for none at all
};

void check_rows(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CAPTURE(row.input);
    Warnings w;
    CHECK(decode_header_text(row.input, w) == row.expected);
    if (row.warning != nullptr) {
      CHECK(w.has(row.warning));
    } else {
      CHECK(w.entries() == std::vector<std::string>{});
    }
  }
}

} // namespace

TEST_CASE("decode_header_text decodes well-formed words") {
  check_rows({
      {"plain ASCII unchanged", "Appeal for account 1234", "Appeal for account 1234", nullptr},
      {"B word in UTF-8", "=?utf-8?B?w6lsw6h2ZQ==?=", "élève", nullptr},
      {"Q word in ISO-8859-1", "=?ISO-8859-1?Q?Andr=E9?=", "André", nullptr},
      {"lowercase b and q", "=?UTF-8?b?SGk=?= =?utf-8?q?_there?=", "Hi there", nullptr},
      {"Q underscore is a space", "=?utf-8?Q?hello_world?=", "hello world", nullptr},
      {"Cyrillic B word", "=?UTF-8?B?0J/RgNC40LLQtdGCLCDQvNC40YA=?=", "Привет, мир", nullptr},
      {"ISO-2022-JP B word", "=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=", "日本語", nullptr},
      {"Shift_JIS B word", "=?shift_jis?B?k/qWew==?=", "日本", nullptr},
      {"Windows-1252 smart quotes", "=?windows-1252?Q?=93quoted=94?=", "\u201cquoted\u201d",
       nullptr},
      {"text before a word", "Re: =?utf-8?Q?caf=C3=A9?=", "Re: café", nullptr},
      {"space after a word kept", "=?utf-8?Q?caf=C3=A9?= ouvert", "café ouvert", nullptr},
      {"word glued to text", "Re:=?utf-8?Q?x?=!", "Re:x!", nullptr},
      {"language suffix (RFC 2231)", "=?utf-8*en?Q?hi?=", "hi", nullptr},
      {"empty encoded text",
       "a =?utf-8?Q?"
       "?= b",
       "a  b", nullptr},
      {"B word without padding", "=?utf-8?B?SGk?=", "Hi", nullptr},
      {"Q word with spaces (broken encoders)", "=?iso-8859-1?Q?Caf=E9 au lait?=", "Café au lait",
       nullptr},
      {"question mark inside Q text", "=?utf-8?Q?why?_now?=", "why? now", nullptr},
  });
}

TEST_CASE("decode_header_text joins adjacent words") {
  check_rows({
      {"space between words dropped", "=?utf-8?Q?a?= =?utf-8?Q?b?=", "ab", nullptr},
      {"folding whitespace with tab dropped",
       "=?utf-8?Q?Appeal_?=\t =?utf-8?Q?for_you?=", "Appeal for you", nullptr},
      {"CRLF folding left in the value dropped", "=?utf-8?Q?a?=\r\n =?utf-8?Q?b?=", "ab", nullptr},
      {"multi-byte char split across two B words", "=?utf-8?B?4oI=?= =?utf-8?B?rA==?=", "€",
       nullptr},
      {"split char across B words, charset case differs", "=?UTF-8?B?4oI=?= =?utf-8?B?rA==?=", "€",
       nullptr},
      {"split char across B and Q words", "=?utf-8?B?4oI=?==?utf-8?Q?=AC?=", "€", nullptr},
      {"different charsets still joined without space",
       "=?iso-8859-1?Q?=E9?= =?utf-8?Q?=C3=A9?=", "éé", nullptr},
      {"text between words keeps its spaces", "=?utf-8?Q?a?= - =?utf-8?Q?b?=", "a - b", nullptr},
  });
}

TEST_CASE("decode_header_text leaves malformed words readable") {
  check_rows({
      {"B text that is not base64",
       "=?utf-8?B?not base64?=", "=?utf-8?B?not base64?=", "encoded-word-malformed"},
      {"B text with a bad character",
       "=?utf-8?B?SGk*?=", "=?utf-8?B?SGk*?=", "encoded-word-malformed"},
      {"unknown charset decoded as UTF-8 or Windows-1252", "=?unknown-x?Q?abc?=", "abc",
       "encoded-word-malformed"},
      {"unknown charset with 8-bit", "=?unknown-x?Q?caf=E9?=", "café", "encoded-word-malformed"},
      {"missing ?= at the end", "Subject =?utf-8?Q?abc", "Subject =?utf-8?Q?abc",
       "encoded-word-malformed"},
      {"missing ?= before another word", "=?utf-8?Q?abc =?utf-8?Q?def?=", "=?utf-8?Q?abc def",
       "encoded-word-malformed"},
      {"unknown encoding letter", "=?utf-8?X?abc?=", "=?utf-8?X?abc?=", "encoded-word-malformed"},
      {"bad Q escape kept literally", "=?utf-8?Q?100=ZZ?=", "100=ZZ", nullptr},
      {"invalid UTF-8 inside a UTF-8 word", "=?utf-8?Q?a=FFb?=", "a\uFFFDb",
       "charset-invalid-bytes"},
      {"lone =? in text is just text", "what =? is this", "what =? is this", nullptr},
      {"=? followed by space", "x =? y?= z", "x =? y?= z", nullptr},
  });
}

TEST_CASE("decode_header_text handles raw 8-bit and control characters") {
  check_rows({
      {"raw UTF-8 kept", "Grüße aus Köln", "Grüße aus Köln", nullptr},
      {"raw Latin-1 read as Windows-1252",
       "Gr\xfc\xdf"
       "e aus K\xf6ln",
       "Grüße aus Köln", nullptr},
      {"raw Windows-1252 quote", "\x93hi\x94", "\u201chi\u201d", nullptr},
      {"raw UTF-8 next to a word", "Café =?utf-8?Q?cr=C3=A8me?=", "Café crème", nullptr},
      {"CR LF NUL replaced, TAB kept", "a\r\nb\0c\td"s, "a  b c\td", nullptr},
      {"encoded newline replaced", "=?utf-8?Q?a=0D=0Ab?=", "a  b", nullptr},
      {"encoded NUL replaced", "=?utf-8?B?YQBi?=", "a b", nullptr},
  });
}

TEST_CASE("decode_header_text stays linear on hostile input") {
  Warnings w;
  std::string unterminated;
  for (int i = 0; i < 100000; ++i) {
    unterminated += "=?a?Q?x";
  }
  CHECK(decode_header_text(unterminated, w) == unterminated);

  std::string many;
  std::string joined;
  for (int i = 0; i < 100000; ++i) {
    many += "=?utf-8?Q?ab?= ";
    joined += "ab";
  }
  CHECK(decode_header_text(many, w) == joined + " ");

  const std::string junk(1 << 20, '\xff');
  const std::string out = decode_header_text(junk, w);
  CHECK(out.size() == 2 * junk.size()); // each byte is U+00FF, two bytes in UTF-8
}
