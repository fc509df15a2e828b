// outgoing_mail: rendering a reply as RFC 5322 bytes, with hostile values neutralised.
#include "parsers/message_parser.hpp"
#include "responders/header_encoding.hpp"
#include "responders/mail_date.hpp"
#include "responders/outgoing_mail.hpp"

#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

using namespace appeald;
using namespace appeald::responders;
using namespace std::string_literals;

namespace {

using Lines = std::vector<std::string>;

// 2026-11-02T08:30:10Z
constexpr std::int64_t nov2 = 1793608210;

OutgoingMail base_mail() {
  OutgoingMail m;
  m.from = {"Enforcement Team", "enforcement@example.com"};
  m.to = {{"", "ops@customer.example"}};
  m.subject = "Re: [C-1001] Our appeal";
  m.message_id = "<appeald.1@example.com>";
  m.in_reply_to = "<a1@customer.example>";
  m.references = {"<n-1001@enforcement.example>", "<a1@customer.example>"};
  m.extra_headers = {{"Auto-Submitted", "auto-replied"}};
  m.date = {nov2, 0};
  m.body = "Hello,\nthanks.\n";
  return m;
}

// The header block's physical lines (CRLF-split, up to the empty line).
Lines header_lines(const std::string& rendered) {
  Lines out;
  std::size_t pos = 0;
  while (pos < rendered.size()) {
    const std::size_t end = rendered.find("\r\n", pos);
    REQUIRE(end != std::string::npos);
    if (end == pos) {
      break;
    }
    out.push_back(rendered.substr(pos, end - pos));
    pos = end + 2;
  }
  return out;
}

std::string body_of(const std::string& rendered) {
  const std::size_t sep = rendered.find("\r\n\r\n");
  REQUIRE(sep != std::string::npos);
  return rendered.substr(sep + 4);
}

// Every line ends in CRLF: no bare CR, no bare LF.
bool crlf_only(const std::string& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r')) {
      return false;
    }
    if (s[i] == '\r' && (i + 1 >= s.size() || s[i + 1] != '\n')) {
      return false;
    }
  }
  return s.ends_with("\r\n");
}

parsers::Message parse_back(const std::string& rendered) {
  return parsers::parse_message(rendered, parsers::ParseOptions{});
}

} // namespace

TEST_CASE("render_rfc5322 writes a plain ASCII reply exactly") {
  const std::string expected = "Date: Mon, 02 Nov 2026 08:30:10 +0000\r\n"
                               "From: Enforcement Team <enforcement@example.com>\r\n"
                               "To: ops@customer.example\r\n"
                               "Subject: Re: [C-1001] Our appeal\r\n"
                               "Message-ID: <appeald.1@example.com>\r\n"
                               "In-Reply-To: <a1@customer.example>\r\n"
                               "References: <n-1001@enforcement.example> <a1@customer.example>\r\n"
                               "Auto-Submitted: auto-replied\r\n"
                               "MIME-Version: 1.0\r\n"
                               "Content-Type: text/plain; charset=utf-8\r\n"
                               "Content-Transfer-Encoding: 7bit\r\n"
                               "\r\n"
                               "Hello,\r\n"
                               "thanks.\r\n";
  CHECK(render_rfc5322(base_mail()) == expected);
}

TEST_CASE("render_rfc5322 neutralises CR/LF injection in every value") {
  struct Row {
    std::string what;
    std::function<void(OutgoingMail&)> change;
    Lines expected; // the whole header block
  };
  const Lines tail = {"MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
                      "Content-Transfer-Encoding: 7bit"};
  auto block = [&](Lines head) {
    head.insert(head.end(), tail.begin(), tail.end());
    return head;
  };
  const std::string date = "Date: Mon, 02 Nov 2026 08:30:10 +0000";
  const std::string from = "From: Enforcement Team <enforcement@example.com>";
  const std::string to = "To: ops@customer.example";
  const std::string subject = "Subject: Re: [C-1001] Our appeal";
  const std::string id = "Message-ID: <appeald.1@example.com>";
  const std::string irt = "In-Reply-To: <a1@customer.example>";
  const std::string refs = "References: <n-1001@enforcement.example> <a1@customer.example>";
  const std::string auto_sub = "Auto-Submitted: auto-replied";

  const std::vector<Row> rows = {
      {"CRLF in the subject stays inside the Subject line",
       [](OutgoingMail& m) { m.subject = "Hi\r\nBcc: victim@evil.example\r\n\r\nbody"; },
       block(
           {date, from, to, "Subject: Hi Bcc: victim@evil.example body", id, irt, refs, auto_sub})},
      {"bare LF, bare CR, NUL and other controls in the subject",
       [](OutgoingMail& m) {
         m.subject = "a\nb\rc\0d\x01\x7f"
                     "e\tf"s;
       },
       block({date, from, to, "Subject: a b c d e f", id, irt, refs, auto_sub})},
      {"CRLF in a display name is quoted into the name",
       [](OutgoingMail& m) {
         m.to = {{"Sam\r\nBcc: victim@evil.example", "ops@customer.example"}};
       },
       block({date, from, "To: \"Sam Bcc: victim@evil.example\" <ops@customer.example>", subject,
              id, irt, refs, auto_sub})},
      {"CRLF in a recipient address drops the recipient",
       [](OutgoingMail& m) {
         m.to = {{"", "ops@customer.example\r\nBcc: victim@evil.example"},
                 {"", "boss@customer.example"}};
       },
       block({date, from, "To: boss@customer.example", subject, id, irt, refs, auto_sub})},
      {"CRLF in the From address omits From",
       [](OutgoingMail& m) { m.from.address = "enforcement@example.com\r\nBcc: x@evil.example"; },
       block({date, to, subject, id, irt, refs, auto_sub})},
      {"CRLF in the Message-ID drops it",
       [](OutgoingMail& m) { m.message_id = "<a@b>\r\nBcc: victim@evil.example"; },
       block({date, from, to, subject, irt, refs, auto_sub})},
      {"CRLF in In-Reply-To drops it",
       [](OutgoingMail& m) { m.in_reply_to = "<a@b>\r\nBcc: victim@evil.example"; },
       block({date, from, to, subject, id, refs, auto_sub})},
      {"a bad id in References is dropped, the others kept",
       [](OutgoingMail& m) { m.references.insert(m.references.begin() + 1, "<x@y>\nBcc: v@e.x"); },
       block({date, from, to, subject, id, irt, refs, auto_sub})},
      {"CRLF in an extra header's value",
       [](OutgoingMail& m) {
         m.extra_headers = {{"X-Appeald-Case", "C-1\r\nBcc: v@evil.example"}};
       },
       block({date, from, to, subject, id, irt, refs, "X-Appeald-Case: C-1 Bcc: v@evil.example"})},
      {"CRLF in an extra header's name drops it",
       [](OutgoingMail& m) {
         m.extra_headers = {{"X-A\r\nBcc", "v@evil.example"}};
       },
       block({date, from, to, subject, id, irt, refs})},
      {"extra headers cannot add Bcc or override From/Subject",
       [](OutgoingMail& m) {
         m.extra_headers = {{"Bcc", "v@evil.example"},
                            {"from", "x@evil.example"},
                            {"SUBJECT", "other"},
                            {"Content-Type", "text/html"},
                            {"X-Ok", "yes"}};
       },
       block({date, from, to, subject, id, irt, refs, "X-Ok: yes"})},
      {"Cc repeating a To address is dropped, invalid Cc dropped",
       [](OutgoingMail& m) {
         m.cc = {{"", "OPS@customer.example"}, {"", "no spaces@x.example"}, {"", "a@b.example"}};
       },
       block({date, from, to, "Cc: a@b.example", subject, id, irt, refs, auto_sub})},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    OutgoingMail m = base_mail();
    row.change(m);
    const std::string rendered = render_rfc5322(m);
    CHECK(crlf_only(rendered));
    CHECK(header_lines(rendered) == row.expected);
  }
}

TEST_CASE("is_sendable_address accepts plain addresses and rejects the rest") {
  struct Row {
    std::string address;
    bool expected;
  };
  const std::vector<Row> rows = {
      {"ops@example.com", true},
      {"first.last+tag@sub.example.co.uk", true},
      {"o'brien@example.com", true},
      {"root@localhost", true},
      {"\"odd.box\"@example.com", true},
      {"", false},
      {"no-at.example.com", false},
      {"@example.com", false},
      {"ops@", false},
      {"two@at@example.com", false},
      {"sp ace@example.com", false},
      {"ops@example.com ", false},
      {"<ops@example.com>", false},
      {"ops@[192.0.2.1]", false},
      {"ops@exa(mple).com", false},
      {"ops@example..com", false},
      {".ops@example.com", false},
      {"ops.@example.com", false},
      {"o..ps@example.com", false},
      {"ops@-example.com", false},
      {"ops@example.com\r\nBcc: x@y.z", false},
      {"ops\0@example.com"s, false},
      {"jörg@example.com", false},
      {"ops@exämple.com", false},
      {"\"sp ace\"@example.com", false},
      {std::string(250, 'a') + "@x.io", false},
  };
  for (const Row& row : rows) {
    CAPTURE(row.address);
    CHECK(is_sendable_address(row.address) == row.expected);
  }
}

TEST_CASE("non-ASCII names and subjects are RFC 2047-encoded and round-trip") {
  struct Row {
    std::string what;
    std::string name;
    std::string subject;
  };
  const std::vector<Row> rows = {
      {"German umlauts", "Jörg Müller", "Re: [C-1001] Widerspruch für Konto 1234"},
      {"mostly non-ASCII (B encoding)", "山田太郎",
       "Re: [C-1001] 異議申し立て、アカウント停止について"},
      {"emoji (4-byte UTF-8)", "Ana 🚀", "Re: [C-1001] Fixed 🚀🚀🚀 everything 🎉"},
      {"ASCII that looks like an encoded word", "=?utf-8?Q?x?=", "about =?utf-8?Q?x?= words"},
      {"quote and backslash in a name", "Sam \"the\" O\\Brien", "plain"},
      {"comma in a name", "Doe, Jane", "plain"},
      {"long unbreakable ASCII word", "Sam", "Re: " + std::string(150, 'x') + " tail"},
      {"very long non-ASCII subject", "Zoë",
       "Re: [C-1001] " +
           [] {
             std::string s;
             for (int i = 0; i < 40; ++i) {
               s += "Änderung ";
             }
             return s + "fertig";
           }()},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    OutgoingMail m = base_mail();
    m.to = {{row.name, "ops@customer.example"}};
    m.subject = row.subject;
    const std::string rendered = render_rfc5322(m);
    CHECK(crlf_only(rendered));
    for (const std::string& line : header_lines(rendered)) {
      CAPTURE(line);
      CHECK(line.size() <= header_line_target);
      for (char c : line) {
        CHECK(static_cast<unsigned char>(c) < 0x80); // headers are pure ASCII
      }
    }
    const parsers::Message back = parse_back(rendered);
    CHECK(back.subject == row.subject);
    REQUIRE(back.to.size() == 1);
    CHECK(back.to[0].name == row.name);
    CHECK(back.to[0].address == "ops@customer.example");
  }
}

TEST_CASE("long headers are folded and the values survive unfolding") {
  OutgoingMail m = base_mail();
  m.references.clear();
  for (int i = 0; i < 12; ++i) {
    m.references.push_back("<message-" + std::to_string(i) + "@mail.customer.example>");
  }
  m.to.clear();
  for (int i = 0; i < 6; ++i) {
    m.to.push_back({"Person Number " + std::to_string(i), "p" + std::to_string(i) + "@x.example"});
  }
  m.subject = "Re: [C-1001] " + std::string(30, 'a') + " " + std::string(30, 'b') + " " +
              std::string(30, 'c') + " end";
  const std::string rendered = render_rfc5322(m);
  const Lines lines = header_lines(rendered);
  std::size_t continuation = 0;
  for (const std::string& line : lines) {
    CAPTURE(line);
    CHECK(line.size() <= header_line_target);
    continuation += line.starts_with(" ") ? 1 : 0;
  }
  CHECK(continuation >= 4);
  const parsers::Message back = parse_back(rendered);
  CHECK(back.references == m.references);
  CHECK(back.subject == m.subject);
  REQUIRE(back.to.size() == m.to.size());
  for (std::size_t i = 0; i < m.to.size(); ++i) {
    CHECK(back.to[i].name == m.to[i].name);
    CHECK(back.to[i].address == m.to[i].address);
  }
  CHECK(back.message_id == m.message_id);
  CHECK(back.in_reply_to == std::vector<std::string>{m.in_reply_to});
  CHECK(back.from.name == m.from.name);
  CHECK(back.from.address == m.from.address);
  REQUIRE(back.date.has_value());
  CHECK(back.date->unix_seconds == nov2);
}

TEST_CASE("the body is 7bit when ASCII and short, else quoted-printable, and round-trips") {
  struct Row {
    std::string what;
    std::string body;
    std::string cte;
    std::string expected_text; // what a reader gets back (LF line ends)
  };
  const std::string long_line = std::string(60, 'w') + " " + std::string(60, 'z');
  const std::vector<Row> rows = {
      {"ASCII, short lines", "Hello,\nthanks.\n", "7bit", "Hello,\nthanks.\n"},
      {"CRLF and bare CR normalised", "a\r\nb\rc", "7bit", "a\nb\nc\n"},
      {"non-ASCII", "Grüße, Jörg\n", "quoted-printable", "Grüße, Jörg\n"},
      {"long ASCII line", long_line + "\n", "quoted-printable", long_line + "\n"},
      {"'=' and trailing space survive QP", "x = 1 \nÄ\n", "quoted-printable", "x = 1 \nÄ\n"},
      {"invalid UTF-8 becomes U+FFFD", "bad \xff byte\n", "quoted-printable",
       "bad \xEF\xBF\xBD byte\n"},
      {"NUL and controls in the body become spaces",
       "a\0b\x07"
       "c\n"s,
       "7bit", "a b c\n"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    OutgoingMail m = base_mail();
    m.body = row.body;
    const std::string rendered = render_rfc5322(m);
    CHECK(crlf_only(rendered));
    const Lines lines = header_lines(rendered);
    CHECK(lines.back() == "Content-Transfer-Encoding: " + row.cte);
    std::size_t pos = 0;
    const std::string body = body_of(rendered);
    while (pos < body.size()) {
      const std::size_t end = body.find("\r\n", pos);
      CHECK(end - pos <= 78);
      pos = end + 2;
    }
    const parsers::Message back = parse_back(rendered);
    CHECK(back.text == row.expected_text);
  }
}

TEST_CASE("format_rfc5322_date shows the instant in its zone") {
  struct Row {
    parsers::DateTime t;
    std::string expected;
  };
  const std::vector<Row> rows = {
      {{nov2, 0}, "Mon, 02 Nov 2026 08:30:10 +0000"},
      {{nov2, 60}, "Mon, 02 Nov 2026 09:30:10 +0100"},
      {{nov2, -300}, "Mon, 02 Nov 2026 03:30:10 -0500"},
      {{nov2, 330}, "Mon, 02 Nov 2026 14:00:10 +0530"},
      {{nov2 - 9 * 3600, -60}, "Sun, 01 Nov 2026 22:30:10 -0100"},
      {{0, 0}, "Thu, 01 Jan 1970 00:00:00 +0000"},
      {{951782400, 0}, "Tue, 29 Feb 2000 00:00:00 +0000"},
      {{nov2, 24 * 60}, "Mon, 02 Nov 2026 08:30:10 +0000"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.expected);
    CHECK(format_rfc5322_date(row.t) == row.expected);
    const auto back = parsers::parse_rfc5322_date(row.expected);
    REQUIRE(back.has_value());
    CHECK(back->unix_seconds == row.t.unix_seconds);
  }
}
