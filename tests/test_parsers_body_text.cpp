// Body selection: which leaf is the text, what is an attachment, forwarded mail kept apart.
#include "parsers/body_text.hpp"
#include "parsers/message_parser.hpp"
#include "parsers/utf8.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

using namespace appeald::parsers;

TEST_CASE("body text: the chosen body per structure") {
  struct Row {
    std::string what;
    std::string input;
    std::string text;
  };
  const std::vector<Row> rows = {
      {"plain text", "Subject: x\n\nhello there\n", "hello there\n"},
      {"alternative prefers text/plain",
       "Content-Type: multipart/alternative; boundary=a\n\n--a\nContent-Type: "
       "text/plain\n\nplain words\n--a\nContent-Type: text/html\n\n<p>html words</p>\n--a--\n",
       "plain words"},
      {"alternative with an empty text/plain falls back to HTML",
       "Content-Type: multipart/alternative; boundary=a\n\n--a\nContent-Type: "
       "text/plain\n\n \n--a\nContent-Type: text/html\n\n<p>html words</p>\n--a--\n",
       "html words"},
      {"HTML only is converted",
       "Content-Type: text/html; charset=utf-8\n\n<html><body><p>One</p><p>Two</p></body></html>",
       "One\n\nTwo"},
      {"mixed joins inline text parts around an image",
       "Content-Type: multipart/mixed; boundary=m\n\n--m\nContent-Type: text/plain\n\nbefore "
       "image\n--m\nContent-Type: image/jpeg\nContent-Disposition: inline; "
       "filename=a.jpg\nContent-Transfer-Encoding: base64\n\nAAAA\n--m\nContent-Type: "
       "text/plain\n\nafter image\n--m--\n",
       "before image\n\nafter image"},
      {"base64 UTF-8 body",
       "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
       "V2UgcmVtb3ZlZCB0aGUgbGlzdCDigJMgYWxsIG9mIGl0Lg==\n",
       "We removed the list \xE2\x80\x93 all of it."},
      {"quoted-printable windows-1252 body",
       "Content-Type: text/plain; charset=windows-1252\nContent-Transfer-Encoding: "
       "quoted-printable\n\nWe=92ve fixed it =96 finally.=\n Done.\n",
       "We\xE2\x80\x99ve fixed it \xE2\x80\x93 finally. Done.\n"},
      {"CRLF becomes LF", "Subject: x\r\n\r\nline one\r\nline two\r\n", "line one\nline two\n"},
      {"related uses its root part",
       "Content-Type: multipart/related; boundary=r\n\n--r\nContent-Type: text/html\n\n<div>root "
       "html</div>\n--r\nContent-Type: text/plain\nContent-ID: <x>\n\nnot the body\n--r--\n",
       "root html"},
      {"a delivery report's body is its human-readable part",
       "Content-Type: multipart/report; report-type=delivery-status; boundary=d\n\n--d\n"
       "Content-Type: text/plain\n\nCould not deliver.\n--d\nContent-Type: "
       "message/delivery-status\n\nAction: failed\n--d\nContent-Type: "
       "text/rfc822-headers\n\nSubject: original\n--d--\n",
       "Could not deliver."},
      {"a multipart whose boundary never appears is read as text",
       "Content-Type: multipart/mixed; boundary=gone\n\nWe fixed the form.\n",
       "We fixed the form.\n"},
      {"a forwarded message is not merged into the body",
       "Content-Type: multipart/mixed; boundary=f\n\n--f\nContent-Type: text/plain\n\nSee the "
       "forwarded notice.\n--f\nContent-Type: message/rfc822\n\nFrom: desk@x.example\nSubject: "
       "notice\n\nPlease explain how it happened.\n--f--\n",
       "See the forwarded notice."},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const Message m = parse_message(row.input, ParseOptions{});
    CHECK(m.text == row.text);
  }
}

namespace {

// RFC 4648 base64 of `bytes`, in lines of 76 symbols with CRLF, padded with '='.
std::string base64_lines(const std::string& bytes) {
  static constexpr char alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string flat;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < 3; ++k) {
      v = v << 8 | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
    }
    for (std::size_t k = 0; k < 4; ++k) {
      flat += k <= n ? alphabet[(v >> (18 - 6 * k)) & 63u] : '=';
    }
  }
  std::string out;
  for (std::size_t i = 0; i < flat.size(); i += 76) {
    out += flat.substr(i, 76) + "\r\n";
  }
  return out;
}

} // namespace

TEST_CASE("body text: a base64 attachment's decoded size is exact at every length") {
  // Sizes around the counting blocks (255 symbols) and line lengths, and a large one.
  for (const std::size_t size :
       {0u, 1u, 2u, 3u, 190u, 191u, 192u, 193u, 254u, 255u, 256u, 1000u, 65536u, 300001u}) {
    CAPTURE(size);
    std::string bytes(size, '\0');
    for (std::size_t i = 0; i < size; ++i) {
      bytes[i] = static_cast<char>((i * 131 + 7) & 0xFF); // every byte value
    }
    const std::string input = "Content-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\n"
                              "Content-Type: text/plain\r\n\r\nSee attached.\r\n--m\r\n"
                              "Content-Type: application/octet-stream\r\n"
                              "Content-Disposition: attachment; filename=x.bin\r\n"
                              "Content-Transfer-Encoding: base64\r\n\r\n" +
                              base64_lines(bytes) + "--m--\r\n";
    const Message m = parse_message(input, ParseOptions{});
    REQUIRE(m.attachments.size() == 1);
    CHECK(m.attachments[0].bytes == size);
  }
}

TEST_CASE("body text: attachments are listed with name, type and decoded size") {
  const std::string input =
      "Content-Type: multipart/mixed; boundary=m\n\n--m\nContent-Type: text/plain\n\nSee "
      "attached.\n--m\nContent-Type: application/pdf; name=\"old.pdf\"\nContent-Disposition: "
      "attachment; filename*=utf-8''r%C3%A9sum%C3%A9.pdf\nContent-Transfer-Encoding: "
      "base64\n\nJVBERi0xLjQK\n--m\nContent-Type: text/csv\nContent-Disposition: attachment; "
      "filename=list.csv\n\na,b\nc,d\n--m\nContent-Type: message/rfc822\n\nFrom: Desk "
      "<desk@x.example>\nSubject: =?utf-8?Q?notice_=E2=80=93_C-1?=\nMessage-ID: "
      "<n1@x.example>\n\nquoted notice text\n--m--\n";
  const Message m = parse_message(input, ParseOptions{});
  CHECK(m.text == "See attached.");
  REQUIRE(m.attachments.size() == 3);
  CHECK(m.attachments[0].filename == "r\xC3\xA9sum\xC3\xA9.pdf");
  CHECK(m.attachments[0].content_type == "application/pdf");
  CHECK(m.attachments[0].bytes == 9);
  CHECK(m.attachments[1].filename == "list.csv");
  CHECK(m.attachments[1].content_type == "text/csv");
  CHECK(m.attachments[1].bytes == 7);
  CHECK(m.attachments[2].content_type == "message/rfc822");
  REQUIRE(m.embedded.size() == 1);
  CHECK(m.embedded[0].subject == "notice \xE2\x80\x93 C-1");
  CHECK(m.embedded[0].from.address == "desk@x.example");
  CHECK(m.embedded[0].message_id == "<n1@x.example>");
  CHECK(m.embedded[0].text == "quoted notice text");
  CHECK(m.reply.text.find("quoted notice") == std::string::npos);
}

TEST_CASE("body text: the text fed onwards is bounded by max_text_bytes") {
  ParseOptions options;
  options.limits.max_text_bytes = 100;
  std::string body;
  for (int i = 0; i < 100; ++i) {
    body += "\xC3\xA9t\xC3\xA9 "; // multibyte characters straddle the cut
  }
  const Message m = parse_message("Content-Type: text/plain; charset=utf-8\n\n" + body, options);
  CHECK(m.text.size() <= 100);
  CHECK(m.warnings.has("text-truncated"));
  CHECK(is_valid_utf8(m.text));
}

TEST_CASE("body text: format=flowed paragraphs are joined (RFC 3676)") {
  struct Row {
    std::string what;
    std::string input;
    bool delsp;
    std::string expected;
  };
  const std::vector<Row> rows = {
      {"soft breaks join", "We removed the \nold list.\nNext line.", false,
       "We removed the old list.\nNext line."},
      {"delsp removes the joining space", "super\x20\ncalifragilistic", true,
       "supercalifragilistic"},
      {"space-stuffing is undone", " From now on we confirm.\n", false,
       "From now on we confirm.\n"},
      {"quoted flowed lines join within their depth", "> quoted \n> text\nmine", false,
       "> quoted text\nmine"},
      {"a depth change ends the paragraph", "> quoted \nmine", false, "> quoted \nmine"},
      {"the signature separator never flows", "-- \nSam", false, "-- \nSam"},
      {"empty quoted lines stay bare", ">\n> text", false, ">\n> text"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CHECK(unflow(row.input, row.delsp) == row.expected);
  }
}
