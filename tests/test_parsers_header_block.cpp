// header_block: splitting, unfolding and the small string helpers.
#include "parsers/header_block.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using namespace appeald::parsers;
using namespace std::string_literals;

namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

} // namespace

namespace doctest {
template <> struct StringMaker<Fields> {
  static String convert(const Fields& fields) {
    std::string s = "[";
    for (const auto& [name, value] : fields) {
      s += " {\"" + name + "\", \"" + value + "\"}";
    }
    return (s + " ]").c_str();
  }
};
} // namespace doctest

namespace {

Fields as_pairs(const HeaderBlock& b) {
  Fields out;
  for (const HeaderField& f : b.fields) {
    out.emplace_back(f.name, f.value);
  }
  return out;
}

struct SplitRow {
  std::string what;
  std::string input;
  Fields fields;
  std::string body;    // input.substr(body_offset)
  const char* warning; // expected warning code, or nullptr for none
};

} // namespace

TEST_CASE("split_header_block splits, unfolds and finds the body") {
  const std::vector<SplitRow> rows = {
      {"CRLF block and body",
       "From: a@x\r\nSubject: Hi\r\n\r\nbody\r\n",
       {{"From", "a@x"}, {"Subject", "Hi"}},
       "body\r\n",
       nullptr},
      {"bare LF line ends",
       "From: a@x\nSubject: Hi\n\nbody",
       {{"From", "a@x"}, {"Subject", "Hi"}},
       "body",
       nullptr},
      {"mixed CRLF then LF empty line", "A: 1\r\n\nbody", {{"A", "1"}}, "body", nullptr},
      {"folded with tab keeps the tab",
       "Subject: one\r\n\ttwo\r\n three\r\n\r\nx",
       {{"Subject", "one\ttwo three"}},
       "x",
       nullptr},
      {"folding with several lines",
       "References: <a@x>\r\n <b@x>\r\n\t<c@x>\r\nTo: t@x\r\n\r\n",
       {{"References", "<a@x> <b@x>\t<c@x>"}, {"To", "t@x"}},
       "",
       nullptr},
      {"Gmail-style folded Authentication-Results",
       "Authentication-Results: mx.google.com;\r\n       dkim=pass header.i=@x.com;\r\n"
       "       spf=pass smtp.mailfrom=x.com\r\nSubject: =?utf-8?Q?a?=\r\n =?utf-8?Q?b?=\r\n\r\n",
       {{"Authentication-Results",
         "mx.google.com;       dkim=pass header.i=@x.com;       spf=pass smtp.mailfrom=x.com"},
        {"Subject", "=?utf-8?Q?a?= =?utf-8?Q?b?="}},
       "",
       nullptr},
      {"name case kept, value trimmed",
       "sUbJeCt:    padded   \r\n\r\n",
       {{"sUbJeCt", "padded"}},
       "",
       nullptr},
      {"value without space after colon", "X-A:b\n\n", {{"X-A", "b"}}, "", nullptr},
      {"obsolete space before colon", "Subject : old\n\n", {{"Subject", "old"}}, "", nullptr},
      {"empty value", "X-Empty:\r\nY: y\r\n\r\n", {{"X-Empty", ""}, {"Y", "y"}}, "", nullptr},
      {"colon inside value", "Subject: Re: Re: x\n\n", {{"Subject", "Re: Re: x"}}, "", nullptr},
      {"no empty line: everything is header",
       "A: 1\r\nB: 2",
       {{"A", "1"}, {"B", "2"}},
       "",
       nullptr},
      {"empty input", "", {}, "", nullptr},
      {"starts with empty line: no headers", "\r\nbody", {}, "body", nullptr},
      {"mbox From_ line skipped",
       "From sam@x Mon Nov  2 08:30:10 2026\nFrom: s@x\n\nb",
       {{"From", "s@x"}},
       "b",
       nullptr},
      {"a line without a colon starts the body (blank line left out)",
       "A: 1\nthis is the body\nB: 2\n\n",
       {{"A", "1"}},
       "this is the body\nB: 2\n\n",
       "header-no-blank-line"},
      {"an invalid name starts the body",
       "Bad Name: v\nA: 1\n\n",
       {},
       "Bad Name: v\nA: 1\n\n",
       "header-no-blank-line"},
      {"continuation before first field dropped",
       " leading\nA: 1\n\n",
       {{"A", "1"}},
       "",
       "header-junk"},
      {"NUL bytes become spaces", "Subject: a\0b\n\n"s, {{"Subject", "a b"}}, "", nullptr},
      {"8-bit bytes kept", "Subject: caf\xe9\n\n", {{"Subject", "caf\xe9"}}, "", nullptr},
      {"double CR before LF is one line end",
       "A: 1\r\r\nB: 2\r\r\n\r\r\nbody",
       {{"A", "1"}, {"B", "2"}},
       "body",
       nullptr},
      {"bare CR line ends", "A: 1\rB: 2\r\rbody", {{"A", "1"}, {"B", "2"}}, "body", nullptr},
      {"whitespace-only line is a continuation",
       "A: 1\r\n \r\nB: 2\r\n\r\n",
       {{"A", "1"}, {"B", "2"}},
       "",
       nullptr},
  };
  for (const SplitRow& row : rows) {
    CAPTURE(row.what);
    Warnings w;
    const HeaderBlock b = split_header_block(row.input, ParserLimits{}, w);
    CHECK(as_pairs(b) == row.fields);
    CHECK(row.input.substr(b.body_offset) == row.body);
    if (row.warning != nullptr) {
      CHECK(w.has(row.warning));
    } else {
      CHECK(w.empty());
    }
  }
}

TEST_CASE("split_header_block obeys max_header_bytes and max_header_count") {
  ParserLimits limits;
  limits.max_header_bytes = 32;
  limits.max_header_count = 2;

  SUBCASE("a block over the byte limit keeps the fields before it and still finds the body") {
    Warnings w;
    const std::string in = "A: 1\nB: " + std::string(100, 'x') + "\nC: 3\n\nbody";
    const HeaderBlock b = split_header_block(in, limits, w);
    CHECK(as_pairs(b) == Fields{{"A", "1"}});
    CHECK(in.substr(b.body_offset) == "body");
    CHECK(w.has("header-too-large"));
  }
  SUBCASE("a folded field crossing the limit stops at the last whole line") {
    Warnings w;
    const std::string in = "A: 1\n 2\n" + std::string(40, ' ') + "3\n\nbody";
    const HeaderBlock b = split_header_block(in, limits, w);
    CHECK(as_pairs(b) == Fields{{"A", "1 2"}});
    CHECK(in.substr(b.body_offset) == "body");
  }
  SUBCASE("fields beyond the count are dropped") {
    Warnings w;
    const HeaderBlock b = split_header_block("A: 1\nB: 2\nC: 3\n\n", limits, w);
    CHECK(as_pairs(b) == Fields{{"A", "1"}, {"B", "2"}});
    CHECK(w.has("header-too-many"));
  }
}

TEST_CASE("split_header_block stays linear on hostile blocks") {
  Warnings w;
  // A megabyte of continuation lines and a megabyte of junk lines: must finish quickly.
  std::string in = "Subject: x\n";
  for (int i = 0; i < 100000; ++i) {
    in += " y\n";
  }
  const std::size_t body_start = in.size();
  for (int i = 0; i < 100000; ++i) {
    in += "junk\r";
  }
  in += "\n\nbody";
  const HeaderBlock b = split_header_block(in, ParserLimits{}, w);
  REQUIRE(b.fields.size() == 1);
  CHECK(b.fields[0].value.size() == 1 + 2 * 100000);
  // The first junk line has no colon: the block ended without its blank line, and the junk
  // is body, kept rather than dropped.
  CHECK(b.body_offset == body_start);
  CHECK(w.has("header-no-blank-line"));
}

TEST_CASE("string helpers") {
  CHECK(iequals("Content-Type", "content-TYPE"));
  CHECK_FALSE(iequals("Content-Type", "Content-Typ"));
  CHECK_FALSE(iequals("a", "b"));
  CHECK(iequals("", ""));
  CHECK_FALSE(iequals("\xc9", "\xe9")); // not ASCII: no case folding
  CHECK(ascii_lower("MiXeD-123\xC9") == "mixed-123\xC9");
  CHECK(trim(" \t\r\n a b \r\n") == "a b");
  CHECK(trim("   ").empty());

  const std::vector<HeaderField> fields{{"Received", "1"}, {"received", "2"}, {"To", "t"}};
  REQUIRE(find_field(fields, "RECEIVED") != nullptr);
  CHECK(find_field(fields, "RECEIVED")->value == "1");
  CHECK(find_field(fields, "Cc") == nullptr);
}
