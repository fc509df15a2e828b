// decision_composer: the mail a reviewer's decision sends. Who gets it, how it threads under the
// customer's latest message (or the notice), that it is not marked automatic, its unique id, and
// a body from the decision's template (the shipped ones say what each decision means).
#include "config/templates_loader.hpp"
#include "responders/decision_composer.hpp"
#include "responders/outgoing_mail.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <vector>

using namespace appeald;
using namespace appeald::responders;

namespace {

using Ids = std::vector<std::string>;

constexpr std::int64_t nov3_ms = 1793700000000;

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

parsers::Message latest_message() {
  parsers::Message m;
  m.message_id = "<a2@customer.example>";
  m.references = {"<n-1001@enforcement.example>", "<appeald.1@example.com>",
                  "<a1@customer.example>"};
  m.in_reply_to = {"<a1@customer.example>"};
  m.from = {"Sam Ops", "ops@customer.example"};
  m.subject = "RE: Re: [C-1001] Notice of probation";
  return m;
}

ReplySettings sample_settings() {
  ReplySettings s;
  s.from = {"Enforcement Team", "enforcement@example.com"};
  return s;
}

TextTemplate must_parse(std::string_view text) {
  auto t = TextTemplate::parse(text, decision_template_schema());
  REQUIRE_MESSAGE(t.has_value(), t.error().message);
  return std::move(*t);
}

// Templates that show which one ran and what it was given.
Templates probe_templates() {
  Templates t;
  t.decision_accept = must_parse("ACCEPT {{case}} {{kind}} note=[{{note}}] by {{reviewer}}\n");
  t.decision_reject = must_parse("REJECT {{case}} reason=[{{reason}}] text=[{{text}}]\n");
  t.decision_ask = must_parse("ASK {{case}} text=[{{text}}] note=[{{note}}]\n");
  return t;
}

std::string header(const OutgoingMail& mail, std::string_view name) {
  for (const auto& [n, v] : mail.extra_headers) {
    if (n == name) {
      return v;
    }
  }
  return "(absent)";
}

OutgoingMail compose(const appeals::CaseRecord& c, const parsers::Message* latest,
                     const Decision& d, const Templates& templates = probe_templates(),
                     std::int64_t now_ms = nov3_ms) {
  auto mail = compose_decision(c, latest, d, templates, sample_settings(), now_ms);
  REQUIRE_MESSAGE(mail.has_value(), mail.error());
  return std::move(*mail);
}

} // namespace

TEST_CASE("each decision renders its own template with the reviewer's words") {
  struct Row {
    DecisionKind kind;
    std::string text;
    std::string body;
  };
  const std::vector<Row> rows = {
      {DecisionKind::accept, "Thanks.", "ACCEPT C-1001 probation note=[Thanks.] by alice\n"},
      {DecisionKind::accept, "", "ACCEPT C-1001 probation note=[] by alice\n"},
      {DecisionKind::reject, "Unconfirmed.",
       "REJECT C-1001 reason=[Unconfirmed.] text=[Unconfirmed.]\n"},
      {DecisionKind::ask, "Which ESP?", "ASK C-1001 text=[Which ESP?] note=[]\n"},
  };
  const parsers::Message latest = latest_message();
  for (const Row& row : rows) {
    CAPTURE(to_string(row.kind));
    CAPTURE(row.text);
    const OutgoingMail mail = compose(sample_case(), &latest, {row.kind, row.text, "alice"});
    CHECK(mail.body == row.body);
    CHECK(header(mail, "X-Appeald-Decision") == to_string(row.kind));
  }
}

TEST_CASE("a decision goes to the account, copies the representative, and is not automatic") {
  struct Row {
    std::string what;
    std::optional<std::string> representative;
    std::vector<std::string> cc;
  };
  const std::vector<Row> rows = {
      {"no representative", std::nullopt, {}},
      {"a representative", "rep@agency.example", {"rep@agency.example"}},
      {"the representative is the account itself", "ops@customer.example", {}},
      {"an unsendable representative is left out", "rep agency", {}},
  };
  const parsers::Message latest = latest_message();
  for (const Row& row : rows) {
    CAPTURE(row.what);
    appeals::CaseRecord c = sample_case();
    c.representative = row.representative;
    const OutgoingMail mail = compose(c, &latest, {DecisionKind::reject, "why", "alice"});
    REQUIRE(mail.to.size() == 1);
    CHECK(mail.to[0].address == "ops@customer.example");
    std::vector<std::string> cc;
    for (const auto& m : mail.cc) {
      cc.push_back(m.address);
    }
    CHECK(cc == row.cc);
    CHECK(mail.from.address == "enforcement@example.com");
    CHECK(header(mail, "Auto-Submitted") == "(absent)");
    CHECK(header(mail, "X-Appeald-Loop") == "1");
    CHECK(header(mail, "X-Appeald-Case") == "C-1001");
    const std::string bytes = render_rfc5322(mail);
    CHECK(bytes.find("Auto-Submitted") == std::string::npos);
    CHECK(bytes.find("\r\nX-Appeald-Loop: 1\r\n") != std::string::npos);
  }
}

TEST_CASE("a decision threads under the latest message, else under the notice") {
  struct Row {
    std::string what;
    std::optional<parsers::Message> latest;
    std::string in_reply_to;
    Ids references;
    std::string subject;
  };
  parsers::Message no_id = latest_message();
  no_id.message_id.reset();
  parsers::Message bad_id = latest_message();
  bad_id.message_id = "<a b@customer.example>";
  parsers::Message first_reply;
  first_reply.message_id = "<a1@customer.example>";
  first_reply.in_reply_to = {"<n-1001@enforcement.example>"};
  first_reply.subject = "Our appeal";
  const std::vector<Row> rows = {
      {"under the latest message, with its References",
       latest_message(),
       "<a2@customer.example>",
       {"<n-1001@enforcement.example>", "<appeald.1@example.com>", "<a1@customer.example>",
        "<a2@customer.example>"},
       "Re: [C-1001] Notice of probation"},
      {"a first reply without References: its In-Reply-To starts them",
       first_reply,
       "<a1@customer.example>",
       {"<n-1001@enforcement.example>", "<a1@customer.example>"},
       "Re: [C-1001] Our appeal"},
      {"no latest message: under the notice",
       std::nullopt,
       "<n-1001@enforcement.example>",
       {"<n-1001@enforcement.example>"},
       "Re: [C-1001] Your appeal for account 111122223333"},
      {"a latest message without a Message-ID: under the notice",
       no_id,
       "<n-1001@enforcement.example>",
       {"<n-1001@enforcement.example>"},
       "Re: [C-1001] Notice of probation"},
      {"a latest message with an unwritable Message-ID: under the notice",
       bad_id,
       "<n-1001@enforcement.example>",
       {"<n-1001@enforcement.example>"},
       "Re: [C-1001] Notice of probation"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const OutgoingMail mail = compose(sample_case(), row.latest ? &*row.latest : nullptr,
                                      {DecisionKind::accept, "", "alice"});
    CHECK(mail.in_reply_to == row.in_reply_to);
    CHECK(mail.references == row.references);
    CHECK(mail.subject == row.subject);
  }
}

TEST_CASE("decision Message-IDs are fresh per decision and repeat for the same call") {
  const appeals::CaseRecord c = sample_case();
  const ReplySettings s = sample_settings();
  struct Row {
    std::string what;
    Decision d;
    std::int64_t now_ms;
  };
  const std::vector<Row> rows = {
      {"accept", {DecisionKind::accept, "", "alice"}, nov3_ms},
      {"reject", {DecisionKind::reject, "why", "alice"}, nov3_ms},
      {"ask", {DecisionKind::ask, "why", "alice"}, nov3_ms},
      {"a second ask a millisecond later", {DecisionKind::ask, "why", "alice"}, nov3_ms + 1},
      {"another question", {DecisionKind::ask, "what?", "alice"}, nov3_ms},
      {"another reviewer", {DecisionKind::ask, "why", "bob"}, nov3_ms},
  };
  std::set<std::string> seen;
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const std::string id = decision_message_id(c, row.d, s, row.now_ms);
    CHECK(id.starts_with("<appeald."));
    CHECK(id.ends_with("@example.com>"));
    CHECK(id == decision_message_id(c, row.d, s, row.now_ms));
    CHECK(seen.insert(id).second);
  }
  ReplySettings own_domain = s;
  own_domain.message_id_domain = "desk.example.org";
  CHECK(decision_message_id(c, rows[0].d, own_domain, nov3_ms).ends_with("@desk.example.org>"));
  const parsers::Message latest = latest_message();
  const OutgoingMail mail = compose(c, &latest, rows[1].d);
  CHECK(mail.message_id == decision_message_id(c, rows[1].d, s, nov3_ms));
  CHECK(mail.date.unix_seconds == nov3_ms / 1000);
}

TEST_CASE("a case whose address cannot be mailed gets no decision mail") {
  appeals::CaseRecord c = sample_case();
  c.address = "not an address";
  const auto mail = compose_decision(c, nullptr, {DecisionKind::accept, "", "alice"},
                                     probe_templates(), sample_settings(), nov3_ms);
  REQUIRE_FALSE(mail.has_value());
  CHECK(mail.error() == "case C-1001: its address \"not an address\" cannot be mailed");
}

TEST_CASE("the shipped decision templates say what was decided and what to do next") {
  const auto loaded = config::load_templates(config::default_templates_dir());
  REQUIRE_MESSAGE(loaded.has_value(), loaded.error());
  struct Row {
    std::string what;
    appeals::CaseKind kind;
    bool deadline;
    Decision d;
    std::vector<std::string> present;
    std::vector<std::string> absent;
  };
  const std::vector<Row> rows = {
      {"accept a probation with a note",
       appeals::CaseKind::probation,
       false,
       {DecisionKind::accept, "Thanks for the quick fix.", "alice"},
       {"accepted", "probation of account 111122223333 has been lifted", "A note from the reviewer",
        "Thanks for the quick fix.", "keep the changes", "Enforcement Team"},
       {"alice", "{{"}},
      {"accept a suspension without a note",
       appeals::CaseKind::suspension,
       false,
       {DecisionKind::accept, "", "alice"},
       {"suspension of account 111122223333 has been lifted"},
       {"A note from the reviewer", "{{"}},
      {"reject with a deadline",
       appeals::CaseKind::probation,
       true,
       {DecisionKind::reject, "The list is still not confirmed.", "alice"},
       {"cannot accept it", "The list is still not confirmed.", "reply to this message",
        "new appeal", "before 2026-11-15 00:00 UTC"},
       {"{{", "lifted"}},
      {"ask",
       appeals::CaseKind::probation,
       false,
       {DecisionKind::ask, "Which provider sends your newsletters?", "alice"},
       {"Which provider sends your newsletters?", "reply to this message", "remains in place"},
       {"{{", "before"}},
  };
  const parsers::Message latest = latest_message();
  for (const Row& row : rows) {
    CAPTURE(row.what);
    appeals::CaseRecord c = sample_case();
    c.kind = row.kind;
    if (row.deadline) {
      c.deadline = parsers::DateTime{1794700800, 0}; // 2026-11-15T00:00:00Z
    }
    const OutgoingMail mail = compose(c, &latest, row.d, *loaded);
    // Wrapped text: compare with the line breaks taken out.
    std::string flat = mail.body;
    for (char& ch : flat) {
      ch = ch == '\n' ? ' ' : ch;
    }
    CAPTURE(mail.body);
    for (const std::string& s : row.present) {
      CAPTURE(s);
      CHECK(flat.find(s) != std::string::npos);
    }
    for (const std::string& s : row.absent) {
      CAPTURE(s);
      CHECK(flat.find(s) == std::string::npos);
    }
  }
}

TEST_CASE("a templates directory may override decision templates, or leave them to the shipped") {
  namespace fs = std::filesystem;
  struct Row {
    std::string what;
    std::string accept_text; // "" = no decision_accept.txt in the directory
    std::string expected;    // the rendered accept body, or the error's end
  };
  const std::vector<Row> rows = {
      {"no decision templates: the shipped ones", "", "<shipped>"},
      {"an own accept template", "Lifted: {{case}} ({{note}})\n", "Lifted: C-1001 (ok)\n"},
      {"an unknown placeholder", "Hi\n{{missing}}\n",
       "decision_accept.txt:2: unknown placeholder {{missing}}"},
  };
  int n = 0;
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const fs::path dir = fs::current_path() / ("decision-templates-" + std::to_string(n++));
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const char* name : {"request_info.txt", "await_fixes.txt", "review.txt"}) {
      std::ofstream(dir / name) << "Case {{case}}\n";
    }
    if (!row.accept_text.empty()) {
      std::ofstream(dir / "decision_accept.txt") << row.accept_text;
    }
    const auto loaded = config::load_templates(dir);
    if (row.expected.ends_with("}}")) {
      REQUIRE_FALSE(loaded.has_value());
      CHECK(loaded.error() == (dir / row.expected).string());
      continue;
    }
    REQUIRE_MESSAGE(loaded.has_value(), loaded.error());
    const OutgoingMail mail =
        compose(sample_case(), nullptr, {DecisionKind::accept, "ok", "alice"}, *loaded);
    if (row.expected == "<shipped>") {
      CHECK(mail.body.starts_with("Hello,\n\nWe have reviewed your appeal about case C-1001"));
    } else {
      CHECK(mail.body == row.expected);
    }
  }
}
