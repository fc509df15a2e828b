// reply_composer: who gets the reply, how it threads, its subject, and its body per action.
#include "parsers/message_parser.hpp"
#include "responders/outgoing_mail.hpp"
#include "responders/reply_composer.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

using namespace appeald;
using namespace appeald::responders;
using appeals::Action;

namespace {

using Addrs = std::vector<std::string>;
using Ids = std::vector<std::string>;

constexpr std::int64_t nov3 = 1793700000;

appeals::CaseRecord sample_case() {
  appeals::CaseRecord c;
  c.id = "C-1001";
  c.account = "111122223333";
  c.address = "ops@customer.example";
  c.kind = appeals::CaseKind::probation;
  c.issue = appeals::Issue::bounce;
  c.notice_message_id = "<n-1001@enforcement.example>";
  c.sent_at = {1793527200, 0};
  return c;
}

parsers::Message sample_message() {
  parsers::Message m;
  m.message_id = "<a1@customer.example>";
  m.references = {"<n-1001@enforcement.example>"};
  m.in_reply_to = {"<n-1001@enforcement.example>"};
  m.from = {"Sam Ops", "ops@customer.example"};
  m.subject = "Re: [C-1001] Notice of probation";
  m.date = parsers::DateTime{nov3 - 3600, 0};
  return m;
}

ReplySettings sample_settings() {
  ReplySettings s;
  s.from = {"Enforcement Team", "enforcement@example.com"};
  return s;
}

TextTemplate must_parse(std::string_view text) {
  auto t = TextTemplate::parse(text, reply_template_schema());
  REQUIRE_MESSAGE(t.has_value(), t.error().message);
  return std::move(*t);
}

// Templates that show exactly which one ran and what it was given.
Templates probe_templates() {
  return Templates{
      must_parse("REQUEST {{case}}\n{{#missing}}\n{{id}}: {{request}}\n{{/missing}}"),
      must_parse("AWAIT {{case}}\n{{#planned}}\n[{{.}}]\n{{/planned}}"),
      must_parse("REVIEW {{case}} {{account}}\n"),
  };
}

// The shipped templates, read from the source tree.
Templates shipped_templates() {
  const auto dir = test::data_dir() / ".." / ".." / "config" / "templates";
  return Templates{must_parse(test::read_file(dir / "request_info.txt")),
                   must_parse(test::read_file(dir / "await_fixes.txt")),
                   must_parse(test::read_file(dir / "review.txt"))};
}

std::optional<OutgoingMail> compose(const parsers::Message& m, const appeals::CaseRecord& c,
                                    Action action, const Templates& templates,
                                    const std::vector<const appeals::RubricElement*>& missing = {},
                                    const std::vector<std::string>& planned = {},
                                    const ReplySettings& settings = sample_settings(),
                                    std::int64_t now = nov3) {
  appeals::Decision d;
  d.action = action;
  return compose_reply(m, c, d, missing, planned, templates, settings, parsers::DateTime{now, 0});
}

Addrs addresses(const std::vector<parsers::Mailbox>& list) {
  Addrs out;
  for (const auto& m : list) {
    out.push_back(m.address);
  }
  return out;
}

std::string header(const OutgoingMail& mail, std::string_view name) {
  for (const auto& [n, v] : mail.extra_headers) {
    if (n == name) {
      return v;
    }
  }
  return "(absent)";
}

} // namespace

TEST_CASE("compose_reply answers only await_fixes, request_info and review") {
  struct Row {
    Action action;
    std::optional<std::string> body; // nullopt: no reply
  };
  const std::vector<Row> rows = {
      {Action::ignore, std::nullopt},
      {Action::triage, std::nullopt},
      {Action::await_fixes, "AWAIT C-1001\n"},
      {Action::request_info, "REQUEST C-1001\n"},
      {Action::review, "REVIEW C-1001 111122223333\n"},
  };
  const Templates templates = probe_templates();
  for (const Row& row : rows) {
    CAPTURE(static_cast<int>(row.action));
    const auto mail = compose(sample_message(), sample_case(), row.action, templates);
    REQUIRE(mail.has_value() == row.body.has_value());
    // reply_due() tells ahead, without composing, whether there will be a reply.
    CHECK(reply_due(sample_message(), row.action, templates) == row.body.has_value());
    if (mail) {
      CHECK(mail->body == *row.body);
      CHECK(header(*mail, "Auto-Submitted") == "auto-replied");
      CHECK(header(*mail, "X-Appeald-Loop") == "1");
      CHECK(header(*mail, "X-Appeald-Case") == "C-1001");
      CHECK(mail->from.address == "enforcement@example.com");
      CHECK(mail->date.unix_seconds == nov3);
    }
  }
}

TEST_CASE("compose_reply picks To from Reply-To or From, and Cc's the account") {
  struct Row {
    std::string what;
    std::string from;
    Addrs reply_to;
    std::optional<std::string> representative;
    std::optional<Addrs> to; // nullopt: no reply at all
    Addrs cc;
  };
  const std::string account = "ops@customer.example";
  const std::vector<Row> rows = {
      {"the account writes", account, {}, std::nullopt, Addrs{account}, {}},
      {"the account writes, address case differs",
       "OPS@Customer.Example",
       {},
       std::nullopt,
       Addrs{"OPS@Customer.Example"},
       {}},
      {"a colleague writes: the account is copied",
       "cto@customer.example",
       {},
       std::nullopt,
       Addrs{"cto@customer.example"},
       {account}},
      {"Reply-To wins over From, and the account is copied",
       account,
       {"tickets@customer.example"},
       std::nullopt,
       Addrs{"tickets@customer.example"},
       {account}},
      {"Reply-To from a colleague: the account is copied",
       "cto@customer.example",
       {"tickets@customer.example"},
       std::nullopt,
       Addrs{"tickets@customer.example"},
       {account}},
      {"Reply-To already names the account: no Cc",
       "cto@customer.example",
       {"tickets@customer.example", account},
       std::nullopt,
       Addrs{"tickets@customer.example", account},
       {}},
      {"an injected Reply-To is dropped and From answered",
       account,
       {"x@customer.example\r\nBcc: victim@evil.example"},
       std::nullopt,
       Addrs{account},
       {}},
      {"repeated Reply-To addresses are answered once",
       account,
       {"t@customer.example", "T@customer.example"},
       std::nullopt,
       Addrs{"t@customer.example"},
       {account}},
      {"a huge Reply-To is capped",
       account,
       {"a@x.example", "b@x.example", "c@x.example", "d@x.example", "e@x.example", "f@x.example",
        "g@x.example"},
       std::nullopt,
       Addrs{"a@x.example", "b@x.example", "c@x.example", "d@x.example", "e@x.example"},
       {account}},
      {"the representative is copied",
       account,
       {},
       "rep@agency.example",
       Addrs{account},
       {"rep@agency.example"}},
      {"the representative writes: the account is copied",
       "rep@agency.example",
       {},
       "rep@agency.example",
       Addrs{"rep@agency.example"},
       {account}},
      {"no sendable address at all: no reply",
       "not an address",
       {},
       std::nullopt,
       std::nullopt,
       {}},
      {"an unsendable Reply-To and an unsendable From: no reply",
       "not an address",
       {"x@customer.example\r\nBcc: victim@evil.example"},
       std::nullopt,
       std::nullopt,
       {}},
      {"an unsendable From with a sendable Reply-To: Reply-To answered, the account copied",
       "not an address",
       {"tickets@customer.example"},
       std::nullopt,
       Addrs{"tickets@customer.example"},
       {account}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    parsers::Message m = sample_message();
    m.from = {"", row.from};
    for (const std::string& a : row.reply_to) {
      m.reply_to.push_back({"", a});
    }
    appeals::CaseRecord c = sample_case();
    c.representative = row.representative;
    const auto mail = compose(m, c, Action::review, probe_templates());
    REQUIRE(mail.has_value() == row.to.has_value());
    CHECK(reply_due(m, Action::review, probe_templates()) == row.to.has_value());
    if (mail) {
      CHECK(addresses(mail->to) == *row.to);
      CHECK(addresses(mail->cc) == row.cc);
    }
  }
}

TEST_CASE("reply_subject adds one Re: and keeps or adds the case tag") {
  struct Row {
    std::string original;
    std::string expected;
  };
  const std::vector<Row> rows = {
      {"Re: [C-1001] Notice of probation", "Re: [C-1001] Notice of probation"},
      {"RE: [C-1001] Notice of probation", "Re: [C-1001] Notice of probation"},
      {"AW: [C-1001] Notice of probation", "Re: [C-1001] Notice of probation"},
      {"Sv: Re: AW: [C-1001] Notice", "Re: [C-1001] Notice"},
      {"Re[2]: [C-1001] Notice", "Re: [C-1001] Notice"},
      {"Re : [C-1001] Notice", "Re: [C-1001] Notice"},
      {"re:re:[C-1001] Notice", "Re: [C-1001] Notice"},
      {"[C-1001] Notice of probation", "Re: [C-1001] Notice of probation"},
      {"[C-1001] Re: Notice", "Re: [C-1001] Notice"},
      {"Our appeal [c-1001]", "Re: Our appeal [c-1001]"},
      {"Our appeal", "Re: [C-1001] Our appeal"},
      {"Re: Our appeal", "Re: [C-1001] Our appeal"},
      {"Regarding our account", "Re: [C-1001] Regarding our account"},
      {"Fwd: our account", "Re: [C-1001] Fwd: our account"},
      {"Appeal [C-1002]", "Re: [C-1001] Appeal [C-1002]"},
      {"", "Re: [C-1001] Your appeal for account 111122223333"},
      {"Re:", "Re: [C-1001] Your appeal for account 111122223333"},
      {"  \t ", "Re: [C-1001] Your appeal for account 111122223333"},
      {"Hi\r\nBcc: victim@evil.example", "Re: [C-1001] Hi Bcc: victim@evil.example"},
      {"Widerspruch für Konto", "Re: [C-1001] Widerspruch für Konto"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.original);
    CHECK(reply_subject(row.original, sample_case()) == row.expected);
  }
}

TEST_CASE("compose_reply threads under the original (RFC 5322 3.6.4)") {
  struct Row {
    std::string what;
    std::optional<std::string> message_id;
    Ids references;
    Ids in_reply_to;
    std::string expected_in_reply_to;
    Ids expected_references;
  };
  Ids long_chain;
  for (int i = 0; i < 30; ++i) {
    long_chain.push_back("<m" + std::to_string(i) + "@x.example>");
  }
  Ids trimmed = {"<m0@x.example>"};
  for (int i = 11; i < 30; ++i) {
    trimmed.push_back("<m" + std::to_string(i) + "@x.example>");
  }
  trimmed.push_back("<a1@customer.example>");
  const std::vector<Row> rows = {
      {"References + Message-ID",
       "<a1@customer.example>",
       {"<n@e.example>", "<r1@e.example>"},
       {"<r1@e.example>"},
       "<a1@customer.example>",
       {"<n@e.example>", "<r1@e.example>", "<a1@customer.example>"}},
      {"no References: the single In-Reply-To is used",
       "<a1@customer.example>",
       {},
       {"<n@e.example>"},
       "<a1@customer.example>",
       {"<n@e.example>", "<a1@customer.example>"}},
      {"no References, several In-Reply-To: only the Message-ID",
       "<a1@customer.example>",
       {},
       {"<n@e.example>", "<o@e.example>"},
       "<a1@customer.example>",
       {"<a1@customer.example>"}},
      {"no Message-ID: References kept, no In-Reply-To",
       std::nullopt,
       {"<n@e.example>"},
       {},
       "",
       {"<n@e.example>"}},
      {"long chain: the root and the last 20",
       "<a1@customer.example>",
       long_chain,
       {},
       "<a1@customer.example>",
       trimmed},
      {"hostile ids are dropped",
       "<a1@customer.example>\r\nBcc: v@evil.example",
       {"<n@e.example>", "<bad id@e.example>"},
       {},
       "",
       {"<n@e.example>"}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    parsers::Message m = sample_message();
    m.message_id = row.message_id;
    m.references = row.references;
    m.in_reply_to = row.in_reply_to;
    const auto mail = compose(m, sample_case(), Action::review, probe_templates());
    REQUIRE(mail.has_value());
    CHECK(mail->in_reply_to == row.expected_in_reply_to);
    CHECK(mail->references == row.expected_references);
  }
}

TEST_CASE("the reply's Message-ID is deterministic and changes with its inputs") {
  const Templates templates = probe_templates();
  const auto base = compose(sample_message(), sample_case(), Action::review, templates);
  REQUIRE(base.has_value());
  const std::string& id = base->message_id;
  CAPTURE(id);
  CHECK(id.starts_with("<appeald."));
  CHECK(id.ends_with("@example.com>"));
  CHECK(id.size() == std::string("<appeald.0123456789abcdef@example.com>").size());
  CHECK(compose(sample_message(), sample_case(), Action::review, templates)->message_id == id);

  parsers::Message other_message = sample_message();
  other_message.message_id = "<a2@customer.example>";
  appeals::CaseRecord other_case = sample_case();
  other_case.id = "C-1002";
  const std::vector<std::pair<std::string, std::string>> differing = {
      {"another original",
       compose(other_message, sample_case(), Action::review, templates)->message_id},
      {"another case",
       compose(sample_message(), other_case, Action::review, templates)->message_id},
      {"another action",
       compose(sample_message(), sample_case(), Action::request_info, templates)->message_id},
      {"another time", compose(sample_message(), sample_case(), Action::review, templates, {}, {},
                               sample_settings(), nov3 + 1)
                           ->message_id},
  };
  for (const auto& [what, other] : differing) {
    CAPTURE(what);
    CHECK(other != id);
  }

  struct DomainRow {
    std::string from;
    std::string message_id_domain;
    std::string expected_suffix;
  };
  const std::vector<DomainRow> domains = {
      {"enforcement@example.com", "", "@example.com>"},
      {"enforcement@example.com", "Mail.Example.NET", "@mail.example.net>"},
      {"enforcement@example.com", "bad domain>", "@example.com>"},
      {"", "", "@appeald.invalid>"},
  };
  for (const DomainRow& row : domains) {
    CAPTURE(row.message_id_domain);
    ReplySettings s = sample_settings();
    s.from.address = row.from;
    s.message_id_domain = row.message_id_domain;
    const std::string made =
        reply_message_id(sample_message(), sample_case(), Action::review, s, {nov3, 0});
    CHECK(made.ends_with(row.expected_suffix));
  }
}

TEST_CASE("request_info lists exactly the missing elements, in the rubric's words") {
  appeals::RubricElement prevention;
  prevention.id = "prevention";
  prevention.title = "why the changes prevent a recurrence";
  prevention.request = "Why the changes keep it from happening again.";
  appeals::RubricElement removal;
  removal.id = "bounce.removal";
  removal.title = "how bounced addresses are removed";
  removal.request = "How addresses that bounce are now removed or suppressed.";

  const auto probe = compose(sample_message(), sample_case(), Action::request_info,
                             probe_templates(), {&prevention, &removal});
  REQUIRE(probe.has_value());
  CHECK(probe->body == "REQUEST C-1001\nprevention: " + prevention.request +
                           "\nbounce.removal: " + removal.request + "\n");

  const auto shipped = compose(sample_message(), sample_case(), Action::request_info,
                               shipped_templates(), {&prevention});
  REQUIRE(shipped.has_value());
  CAPTURE(shipped->body);
  CHECK(shipped->body.find("- " + prevention.request) != std::string::npos);
  CHECK(shipped->body.find(removal.request) == std::string::npos);
  CHECK(shipped->body.find("C-1001") != std::string::npos);
  CHECK(shipped->body.find("{{") == std::string::npos);
}

TEST_CASE("await_fixes quotes the planned changes on one line each") {
  const std::vector<std::string> planned = {"We will add double opt-in next week.",
                                            "We are moving to\na new list\r\nprovider."};
  const auto probe =
      compose(sample_message(), sample_case(), Action::await_fixes, probe_templates(), {}, planned);
  REQUIRE(probe.has_value());
  CHECK(probe->body == "AWAIT C-1001\n[We will add double opt-in next week.]\n[We are moving to a "
                       "new list provider.]\n");

  const auto shipped = compose(sample_message(), sample_case(), Action::await_fixes,
                               shipped_templates(), {}, planned);
  REQUIRE(shipped.has_value());
  CAPTURE(shipped->body);
  CHECK(shipped->body.find("You told us you plan to") != std::string::npos);
  CHECK(shipped->body.find("\"We will add double opt-in next week.\"") != std::string::npos);

  const auto none =
      compose(sample_message(), sample_case(), Action::await_fixes, shipped_templates(), {}, {});
  REQUIRE(none.has_value());
  CHECK(none->body.find("You told us you plan to") == std::string::npos);
}

TEST_CASE("a composed reply renders, parses back, and is recognised as machine mail") {
  const auto mail = compose(sample_message(), sample_case(), Action::review, shipped_templates());
  REQUIRE(mail.has_value());
  const parsers::Message back =
      parsers::parse_message(render_rfc5322(*mail), parsers::ParseOptions{});
  CHECK(back.subject == "Re: [C-1001] Notice of probation");
  CHECK(back.in_reply_to == Ids{"<a1@customer.example>"});
  CHECK(back.references == Ids{"<n-1001@enforcement.example>", "<a1@customer.example>"});
  CHECK(back.message_id == mail->message_id);
  CHECK(back.auto_kind != parsers::AutoKind::none); // never answered by another responder
  CHECK(back.text == mail->body);
  for (std::size_t pos = 0; pos < mail->body.size();) {
    const std::size_t end = std::min(mail->body.find('\n', pos), mail->body.size());
    CHECK(end - pos <= 72);
    pos = end + 1;
  }
}

TEST_CASE("the loop header uses the configured name, or the default when it is invalid") {
  struct Row {
    std::string configured;
    std::string expected;
  };
  const std::vector<Row> rows = {
      {"X-Desk-Loop", "X-Desk-Loop"},
      {"Bad Name", "X-Appeald-Loop"},
      {"X-Loop\r\nBcc", "X-Appeald-Loop"},
      {"", "X-Appeald-Loop"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.configured);
    ReplySettings s = sample_settings();
    s.loop_header = row.configured;
    const auto mail =
        compose(sample_message(), sample_case(), Action::review, probe_templates(), {}, {}, s);
    REQUIRE(mail.has_value());
    CHECK(header(*mail, row.expected) == "1");
  }
}
