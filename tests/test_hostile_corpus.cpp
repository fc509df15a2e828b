// The hostile corpus (tests/data/hostile/, README.md there) judged in process: every fixture,
// committed or generated, parses without throwing, gets its documented action and reason, and
// every reply it gets renders into headers an attacker cannot extend: no injected field, ASCII
// lines of at most 998 bytes, one Subject, and recipients only among the sender's own addresses,
// the account and its representative.
#include "appeals/appeal_desk.hpp"
#include "config/cases_file.hpp"
#include "config/rubric_loader.hpp"
#include "config/templates_loader.hpp"
#include "hostile_generated.hpp"
#include "hostile_rows.hpp"
#include "parsers/message_parser.hpp"
#include "responders/header_encoding.hpp"
#include "responders/reply_composer.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

using namespace appeald;
namespace hostile = appeald::test::hostile;

namespace {

struct Fixture {
  std::string name;
  std::string bytes;
  std::size_t max_message_bytes = parsers::ParserLimits{}.max_message_bytes;
};

// Committed fixtures (every .eml of tests/data/hostile), then the generated ones.
std::vector<Fixture> all_fixtures() {
  std::vector<Fixture> out;
  for (const auto& entry :
       std::filesystem::directory_iterator(appeald::test::data_dir() / "hostile")) {
    if (entry.path().extension() == ".eml") {
      out.push_back({entry.path().filename().string(), appeald::test::read_file(entry.path())});
    }
  }
  for (hostile::Generated& g : hostile::generated_fixtures()) {
    out.push_back({std::move(g.name), std::move(g.bytes)});
  }
  hostile::Generated big = hostile::oversized_message();
  out.push_back({big.name, big.bytes, hostile::small_max_message_bytes});
  return out;
}

const appeals::Rubric& rubric() {
  static const appeals::Rubric r = [] {
    auto loaded = config::load_rubric(config::default_rubric_path());
    REQUIRE_MESSAGE(loaded.has_value(), (loaded ? "" : loaded.error()));
    return std::move(*loaded);
  }();
  return r;
}

const responders::Templates& templates() {
  static const responders::Templates t = [] {
    auto loaded = config::load_templates(config::default_templates_dir());
    REQUIRE_MESSAGE(loaded.has_value(), (loaded ? "" : loaded.error()));
    return std::move(*loaded);
  }();
  return t;
}

std::vector<appeals::CaseRecord> cases() {
  std::ofstream("hostile-cases.jsonl", std::ios::binary | std::ios::trunc) << hostile::cases_jsonl;
  auto loaded = config::load_cases("hostile-cases.jsonl");
  REQUIRE_MESSAGE(loaded.has_value(), (loaded ? "" : loaded.error()));
  return std::move(*loaded);
}

responders::ReplySettings reply_settings() {
  responders::ReplySettings s;
  s.from = {"Enforcement Team", std::string(hostile::own_address)};
  return s;
}

parsers::ParseOptions parse_options(std::size_t max_message_bytes) {
  parsers::ParseOptions o;
  o.limits.max_message_bytes = max_message_bytes;
  o.authserv_id = hostile::authserv_id;
  o.machine_mail.own_addresses = {std::string(hostile::own_address)};
  return o;
}

std::vector<std::string> addresses(const std::vector<parsers::Mailbox>& list) {
  std::vector<std::string> out;
  for (const parsers::Mailbox& m : list) {
    out.push_back(m.address);
  }
  return out;
}

// The fields a reply may carry; each exactly once.
const std::set<std::string> reply_fields = {"date",
                                            "from",
                                            "to",
                                            "cc",
                                            "subject",
                                            "message-id",
                                            "in-reply-to",
                                            "references",
                                            "auto-submitted",
                                            "x-appeald-loop",
                                            "x-appeald-case",
                                            "mime-version",
                                            "content-type",
                                            "content-transfer-encoding"};

// Checks the rendered reply: its header block, its body, and that it parses back to the same
// recipients without any field an attacker added.
void check_rendered(const std::string& rendered, const responders::OutgoingMail& mail) {
  const std::size_t end = rendered.find("\r\n\r\n");
  REQUIRE(end != std::string::npos);
  const std::string block = rendered.substr(0, end + 2);
  std::map<std::string, int> seen;
  std::size_t pos = 0;
  while (pos < block.size()) {
    const std::size_t eol = block.find("\r\n", pos);
    REQUIRE(eol != std::string::npos);
    const std::string line = block.substr(pos, eol - pos);
    pos = eol + 2;
    CAPTURE(line);
    CHECK(line.size() <= 998);
    CHECK(std::ranges::all_of(line, [](char c) { return c == '\t' || (c >= ' ' && c < 127); }));
    if (line.empty() || line.front() == ' ' || line.front() == '\t') {
      continue; // a folded continuation of the field above
    }
    const std::size_t colon = line.find(':');
    REQUIRE(colon != std::string::npos);
    const std::string name = parsers::ascii_lower(line.substr(0, colon));
    CHECK(reply_fields.contains(name));
    ++seen[name];
  }
  for (const auto& [name, count] : seen) {
    CAPTURE(name);
    CHECK(count == 1);
  }
  CHECK(seen["subject"] == 1);
  CHECK(seen["to"] == 1);
  // The body is 7bit or quoted-printable: ASCII, CRLF line ends, no controls.
  const std::string body = rendered.substr(end + 4);
  std::size_t bad = std::string::npos;
  for (std::size_t i = 0; i < body.size() && bad == std::string::npos; ++i) {
    const char c = body[i];
    const bool crlf = c == '\r' && i + 1 < body.size() && body[i + 1] == '\n';
    const bool lf_of_crlf = c == '\n' && i > 0 && body[i - 1] == '\r';
    if (!(crlf || lf_of_crlf || c == '\t' || (c >= ' ' && c < 127))) {
      bad = i;
    }
  }
  CHECK_MESSAGE(bad == std::string::npos, "bad body byte at ", bad);
  // Read back as a mail client would: the same recipients and subject, nothing else.
  const parsers::Message back = parsers::parse_message(rendered, parsers::ParseOptions{});
  CHECK(addresses(back.to) == addresses(mail.to));
  CHECK(addresses(back.cc) == addresses(mail.cc));
  CHECK(back.subject == mail.subject);
  CHECK(parsers::find_field(back.headers, "Bcc") == nullptr);
}

} // namespace

TEST_CASE("every hostile fixture gets its documented action, and its reply stays clean") {
  // Built once: doctest re-enters this body for every SUBCASE.
  static const std::vector<appeals::CaseRecord> book = cases();
  static const std::vector<Fixture> fixtures = all_fixtures();
  std::set<std::string> judged;
  for (const Fixture& f : fixtures) {
    SUBCASE(f.name.c_str()) {
      CAPTURE(f.name);
      const hostile::Outcome* expected = hostile::outcome_for(f.name);
      // A new fuzzer finding may land before its row: it still gets every safety check below.
      const bool undocumented_finding = expected == nullptr && f.name.starts_with("fuzz-");
      REQUIRE_MESSAGE((expected != nullptr || undocumented_finding),
                      "no documented outcome in hostile_rows.hpp");
      const auto started = std::chrono::steady_clock::now();
      parsers::Message m;
      REQUIRE_NOTHROW(m = parsers::parse_message(f.bytes, parse_options(f.max_message_bytes)));
      appeals::AppealDesk desk(appeals::CaseBook(book), rubric());
      const appeals::Verdict v = desk.judge(m);
      // Bounded work: even the megabyte fixtures take well under this, sanitizers included.
      CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(10));

      if (expected != nullptr) {
        CHECK(to_string(v.decision.action) == expected->action);
        CHECK_MESSAGE(v.decision.reason.find(expected->reason) != std::string::npos,
                      v.decision.reason);
        CHECK((v.match.matched ? v.match.matched->id : "") == expected->case_id);
        CHECK(to_string(v.match.rule) == expected->matched_by);
        CHECK(v.match.sender_unauthenticated == expected->sender_unauthenticated);
      }

      std::optional<responders::OutgoingMail> reply;
      if (v.match.matched != nullptr) {
        reply = responders::compose_reply(m, *v.match.matched, v.decision, v.missing_elements,
                                          v.planned, templates(), reply_settings(),
                                          parsers::DateTime{1794300000, 0});
      }
      if (expected != nullptr) {
        REQUIRE(reply.has_value() == !expected->to.empty());
      }
      if (reply && expected != nullptr) {
        CHECK(addresses(reply->to) == expected->to);
        CHECK(addresses(reply->cc) == expected->cc);
      }
      if (reply) {
        std::set<std::string> allowed = {parsers::ascii_lower(m.from.address),
                                         v.match.matched->address};
        for (const parsers::Mailbox& r : m.reply_to) {
          allowed.insert(parsers::ascii_lower(r.address));
        }
        if (v.match.matched->representative) {
          allowed.insert(*v.match.matched->representative);
        }
        for (const std::string& rcpt : responders::envelope_recipients(*reply)) {
          CAPTURE(rcpt);
          CHECK(allowed.contains(parsers::ascii_lower(rcpt)));
        }
        check_rendered(responders::render_rfc5322(*reply), *reply);
      }
    }
    judged.insert(f.name);
  }
  // Every documented row has its fixture: the table and the corpus stay in step.
  for (const hostile::Outcome& o : hostile::outcomes()) {
    CAPTURE(o.file);
    CHECK(judged.contains(o.file));
  }
}

TEST_CASE("customer words quoted in a reply body carry no control characters") {
  struct Row {
    std::string what;
    std::vector<std::string> planned; // the customer's planned changes, quoted back
    std::string account;              // from the cases file, shown in the body
  };
  const std::vector<Row> rows = {
      {"terminal escapes", {"We will \x1b[31mfix\x1b[0m the list next week."}, "111122223333"},
      {"a line break and a header", {"We will fix it.\r\nBcc: evil@x\r\n\r\nP.S."}, "111122223333"},
      {"NUL, DEL and C1 controls",
       {std::string("We will\0 fix\x7f it \xc2\x85 soon \xc2\x9b"
                    "31m.",
                    31)},
       "111122223333"},
      {"a hostile cases file", {"We will fix it."}, "1111\r\nBcc: evil@x\x1b[2J"},
  };
  static const std::vector<appeals::CaseRecord> book = cases();
  for (const Row& row : rows) {
    CAPTURE(row.what);
    appeals::CaseRecord c = book.front();
    c.account = row.account;
    parsers::Message m;
    m.from = {"", c.address};
    m.message_id = "<body-1@example.com>";
    m.subject = "Re: our account";
    const appeals::Decision d{appeals::Action::await_fixes, {}, "changes are only planned"};
    const auto mail = responders::compose_reply(m, c, d, {}, row.planned, templates(),
                                                reply_settings(), parsers::DateTime{1794300000, 0});
    REQUIRE(mail.has_value());
    CHECK(mail->body.find("We will") != std::string::npos); // the words are quoted back
    const std::string& b = mail->body;
    std::size_t bad = std::string::npos;
    for (std::size_t i = 0; i < b.size() && bad == std::string::npos; ++i) {
      const auto u = static_cast<unsigned char>(b[i]);
      const bool c1 = u == 0xC2 && i + 1 < b.size() && static_cast<unsigned char>(b[i + 1]) < 0xA0;
      if ((u < ' ' && u != '\n' && u != '\t') || u == 0x7F || c1) {
        bad = i;
      }
    }
    CHECK_MESSAGE(bad == std::string::npos, "control byte at ", bad);
    for (const std::string& line : appeald::test::lines_of(b)) {
      CHECK_FALSE(line.starts_with("Bcc:"));
    }
  }
}
