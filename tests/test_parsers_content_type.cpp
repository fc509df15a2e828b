// content_type: Content-Type and Content-Disposition with RFC 2045 and RFC 2231 parameters.
#include "parsers/content_type.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

using namespace appeald::parsers;
using namespace std::string_literals;

namespace {

using Params = appeald::parsers::MimeParams;

} // namespace

namespace doctest {
template <> struct StringMaker<Params> {
  static String convert(const Params& params) {
    std::string s = "{";
    for (const auto& [name, value] : params) {
      s += " " + name + "=\"" + value + "\"";
    }
    return (s + " }").c_str();
  }
};
} // namespace doctest

namespace {

struct Row {
  std::string what;
  std::string input;
  std::string value;
  Params params;
  const char* warning; // a warning code that must be present, or nullptr for none at all
};

void check_rows(const std::vector<Row>& rows, MimeValue (*parse)(std::string_view, Warnings&)) {
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CAPTURE(row.input);
    Warnings w;
    const MimeValue v = parse(row.input, w);
    CHECK(v.value == row.value);
    CHECK(v.params == row.params);
    if (row.warning != nullptr) {
      CHECK(w.has(row.warning));
    } else {
      CHECK(w.entries() == std::vector<std::string>{});
    }
  }
}

} // namespace

TEST_CASE("parse_content_type reads RFC 2045 values") {
  check_rows(
      {
          {"simple", "text/plain", "text/plain", {}, nullptr},
          {"charset", "text/plain; charset=utf-8", "text/plain", {{"charset", "utf-8"}}, nullptr},
          {"type and names lowercased, values kept",
           "Text/HTML; CHARSET=\"UTF-8\"",
           "text/html",
           {{"charset", "UTF-8"}},
           nullptr},
          {"no space after ;",
           "text/plain;charset=us-ascii;format=flowed",
           "text/plain",
           {{"charset", "us-ascii"}, {"format", "flowed"}},
           nullptr},
          {"multipart boundary kept byte for byte",
           "multipart/mixed;\r\n\tboundary=\"----=_Part_1_=?x?=\"",
           "multipart/mixed",
           {{"boundary", "----=_Part_1_=?x?="}},
           nullptr},
          {"quoted value with escapes and ;",
           "text/plain; name=\"a \\\"b\\\"; c.txt\"",
           "text/plain",
           {{"name", "a \"b\"; c.txt"}},
           nullptr},
          {"comments ignored",
           "text/plain (body) ; charset=utf-8 (really)",
           "text/plain",
           {{"charset", "utf-8"}},
           nullptr},
          {"spaces around = and /",
           "text / plain ; charset = utf-8",
           "text/plain",
           {{"charset", "utf-8"}},
           nullptr},
          {"trailing ;",
           "text/plain; charset=utf-8;",
           "text/plain",
           {{"charset", "utf-8"}},
           nullptr},
          {"duplicate parameter: first wins",
           "text/plain; charset=utf-8; charset=latin1",
           "text/plain",
           {{"charset", "utf-8"}},
           nullptr},
          {"unquoted filename with spaces",
           "application/pdf; name=my appeal.pdf",
           "application/pdf",
           {{"name", "my appeal.pdf"}},
           nullptr},
          {"missing ; between parameters",
           "text/plain charset=utf-8 format=flowed",
           "text/plain",
           {{"charset", "utf-8"}, {"format", "flowed"}},
           nullptr},
          {"RFC 2047 word in a quoted name (Outlook)",
           "application/pdf; name=\"=?utf-8?B?w6lsw6h2ZQ==?=.pdf\"",
           "application/pdf",
           {{"name", "élève.pdf"}},
           nullptr},
          {"raw UTF-8 in a name",
           "application/pdf; name=\"Grüße.pdf\"",
           "application/pdf",
           {{"name", "Grüße.pdf"}},
           nullptr},
      },
      parse_content_type);
}

TEST_CASE("parse_content_type joins RFC 2231 parameters") {
  check_rows(
      {
          {"continuations with charset",
           "application/pdf; filename*0*=utf-8''%E2%82%AC; "
           "filename*1=rate.pdf",
           "application/pdf",
           {{"filename", "€rate.pdf"}},
           nullptr},
          {"single extended value with language",
           "application/pdf; name*=iso-8859-1'fr'Andr%E9.pdf",
           "application/pdf",
           {{"name", "André.pdf"}},
           nullptr},
          {"plain continuations without charset",
           "message/external-body; URL*0=\"ftp://\"; URL*1=\"example.com/a\"",
           "message/external-body",
           {{"url", "ftp://example.com/a"}},
           nullptr},
          {"sections out of order are sorted",
           "text/plain; name*1=b; name*0=a; name*2=c",
           "text/plain",
           {{"name", "abc"}},
           nullptr},
          {"extended later section percent-decoded",
           "text/plain; name*0*=utf-8''caf; name*1*=%C3%A9.txt",
           "text/plain",
           {{"name", "café.txt"}},
           nullptr},
          {"RFC 2231 form wins over the plain one",
           "text/plain; name=\"fallback.txt\"; name*=utf-8''%E2%82%AC.txt",
           "text/plain",
           {{"name", "€.txt"}},
           nullptr},
          {"stray % kept",
           "text/plain; name*=utf-8''100%.txt",
           "text/plain",
           {{"name", "100%.txt"}},
           nullptr},
          {"missing charset quotes: decoded as UTF-8",
           "text/plain; name*=%C3%A9.txt",
           "text/plain",
           {{"name", "é.txt"}},
           nullptr},
          {"gap in sections noted",
           "text/plain; name*0=a; name*2=c",
           "text/plain",
           {{"name", "ac"}},
           "rfc2231-malformed"},
          {"absurd section number skipped",
           "text/plain; name*99999=x",
           "text/plain",
           {},
           "content-type-malformed"},
      },
      parse_content_type);
}

TEST_CASE("parse_content_type tolerates junk") {
  check_rows(
      {
          {"empty gives text/plain silently", "", "text/plain", {}, nullptr},
          {"blank gives text/plain silently", "  ", "text/plain", {}, nullptr},
          {"missing subtype",
           "text; charset=utf-8",
           "text/plain",
           {{"charset", "utf-8"}},
           "content-type-malformed"},
          {"unusable type", "garbage", "text/plain", {}, "content-type-malformed"},
          {"type without subtype after /",
           "text/; charset=utf-8",
           "text/plain",
           {},
           "content-type-malformed"},
          {"unbalanced quote runs to the end",
           "text/plain; name=\"cut off",
           "text/plain",
           {{"name", "cut off"}},
           "content-type-malformed"},
          {"backslash ending an unterminated comment",
           "text/plain (x\\",
           "text/plain",
           {},
           nullptr},
          {"unbalanced comment",
           "text/plain; charset=utf-8 (oops",
           "text/plain",
           {{"charset", "utf-8"}},
           nullptr},
          {"parameter without value skipped",
           "text/plain; flowed; charset=utf-8",
           "text/plain",
           {{"charset", "utf-8"}},
           "content-type-malformed"},
          {"junk characters skipped",
           "text/plain; @@@ charset=utf-8",
           "text/plain",
           {{"charset", "utf-8"}},
           "content-type-malformed"},
          {"NUL and 8-bit junk",
           "text/plain; \0\xff=1; charset=utf-8"s,
           "text/plain",
           {{"charset", "utf-8"}},
           "content-type-malformed"},
      },
      parse_content_type);
}

TEST_CASE("parse_content_disposition") {
  check_rows(
      {
          {"attachment with filename",
           "attachment; filename=\"appeal.pdf\"",
           "attachment",
           {{"filename", "appeal.pdf"}},
           nullptr},
          {"inline lowercased", "INLINE", "inline", {}, nullptr},
          {"RFC 2231 filename",
           "attachment; filename*=UTF-8''%E2%82%AC%20rate.pdf",
           "attachment",
           {{"filename", "€ rate.pdf"}},
           nullptr},
          {"only parameters",
           "filename=a.pdf",
           "",
           {{"filename", "a.pdf"}},
           "content-disposition-malformed"},
          {"empty", "", "", {}, nullptr},
          {"a type is not a disposition", "text/plain", "", {}, "content-disposition-malformed"},
      },
      parse_content_disposition);
}

TEST_CASE("MimeValue::param is case-insensitive and empty when absent") {
  Warnings w;
  const MimeValue v = parse_content_type("text/plain; Charset=utf-8", w);
  CHECK(v.param("CHARSET") == "utf-8");
  CHECK(v.param("format").empty());
}

TEST_CASE("parse_content_type stays linear on hostile input") {
  Warnings w;
  std::string many = "text/plain";
  for (int i = 0; i < 100000; ++i) {
    many += "; p" + std::to_string(i % 1000) + "*" + std::to_string(i % 700) + "*=%41";
  }
  const MimeValue v = parse_content_type(many, w);
  CHECK(v.value == "text/plain");
  CHECK(v.params.size() == 1000);

  const std::string spaces = "text/plain; name=a" + std::string(1 << 20, ' ') + "b";
  CHECK(parse_content_type(spaces, w).param("name").size() == (1u << 20) + 2);

  const std::string quotes(1 << 20, '"');
  CHECK(parse_content_type(quotes, w).value == "text/plain");
}
