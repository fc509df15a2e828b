// notice_composer: the enforcement notice `appeald notice send` mails, from the shipped template
// and rubric. Its headers (the case tag, who gets it, a Message-ID appeald can verify, no
// Auto-Submitted, nothing injected from the summary), the deadline for a probation only, every
// element the issue requires as a numbered point, and the round trip that matters most: a
// customer who quotes the whole notice and answers under each point is credited with exactly the
// points answered, while the quoted notice alone supplies nothing.
#include "appeals/assessment.hpp"
#include "appeals/notice_id.hpp"
#include "config/rubric_loader.hpp"
#include "config/templates_loader.hpp"
#include "parsers/message_parser.hpp"
#include "responders/notice_composer.hpp"
#include "responders/outgoing_mail.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

using namespace appeald;
using namespace appeald::responders;

namespace {

constexpr std::string_view key = "a-notice-key-for-tests-only";
constexpr std::int64_t nov1 = 1793527200; // 2026-11-01T10:00:00Z
constexpr std::int64_t nov15 = nov1 + 14 * 86400;

const appeals::Rubric& rubric() {
  static const appeals::Rubric r = [] {
    auto loaded = config::load_rubric(config::default_rubric_path());
    REQUIRE_MESSAGE(loaded.has_value(), loaded.error());
    return std::move(*loaded);
  }();
  return r;
}

const Templates& templates() {
  static const Templates t = [] {
    auto loaded = config::load_templates(config::default_templates_dir());
    REQUIRE_MESSAGE(loaded.has_value(), loaded.error());
    return std::move(*loaded);
  }();
  return t;
}

ReplySettings settings() {
  ReplySettings s;
  s.from = {"Enforcement Team", "enforcement@example.com"};
  return s;
}

appeals::CaseRecord make_case(appeals::CaseKind kind, appeals::Issue issue,
                              std::optional<std::int64_t> deadline = nov15,
                              std::optional<std::string> rep = std::nullopt) {
  appeals::CaseRecord c;
  c.id = "C-1001";
  c.account = "111122223333";
  c.address = "ops@customer.example";
  c.kind = kind;
  c.issue = issue;
  c.sent_at = {nov1, 0};
  if (deadline) {
    c.deadline = parsers::DateTime{*deadline, 0};
  }
  c.representative = std::move(rep);
  return c;
}

OutgoingMail compose(const appeals::CaseRecord& c, const std::string& summary = "") {
  auto mail = compose_notice({c, summary}, rubric(), templates(), settings(), key, c.sent_at);
  REQUIRE_MESSAGE(mail.has_value(), mail.error());
  return std::move(*mail);
}

// The rendered header block, unfolded.
std::string header_block(const std::string& rendered) {
  std::string head = rendered.substr(0, rendered.find("\r\n\r\n") + 2);
  for (std::size_t at; (at = head.find("\r\n ")) != std::string::npos;) {
    head.replace(at, 3, " ");
  }
  return head;
}

bool contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

constexpr appeals::Issue all_issues[] = {appeals::Issue::bounce, appeals::Issue::complaint,
                                         appeals::Issue::unsolicited, appeals::Issue::other};

} // namespace

TEST_CASE("the notice's headers: case tag, recipients, a verifiable Message-ID, not automatic") {
  using K = appeals::CaseKind;
  using I = appeals::Issue;
  struct Row {
    std::string what;
    appeals::CaseRecord c;
    std::string subject;
    std::string cc; // "" = no Cc
  };
  const Row rows[] = {
      {"probation, bounces", make_case(K::probation, I::bounce),
       "[C-1001] Your account 111122223333 is on probation: bounces", ""},
      {"suspension, complaints, with a representative",
       make_case(K::suspension, I::complaint, std::nullopt, "rep@agency.example"),
       "[C-1001] Your account 111122223333 has been suspended: spam complaints",
       "rep@agency.example"},
      {"unsolicited", make_case(K::probation, I::unsolicited),
       "[C-1001] Your account 111122223333 is on probation: unsolicited mail", ""},
      {"other", make_case(K::suspension, I::other),
       "[C-1001] Your account 111122223333 has been suspended: policy violation", ""},
      {"a representative equal to the address is not copied",
       make_case(K::probation, I::bounce, nov15, "ops@customer.example"),
       "[C-1001] Your account 111122223333 is on probation: bounces", ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const OutgoingMail mail = compose(row.c);
    CHECK(mail.subject == row.subject);
    CHECK(mail.from.address == "enforcement@example.com");
    REQUIRE(mail.to.size() == 1);
    CHECK(mail.to[0].address == "ops@customer.example");
    if (row.cc.empty()) {
      CHECK(mail.cc.empty());
    } else {
      REQUIRE(mail.cc.size() == 1);
      CHECK(mail.cc[0].address == row.cc);
    }
    CHECK(mail.message_id == appeals::notice_message_id("C-1001", key, "example.com"));
    CHECK(appeals::verify_notice_message_id(mail.message_id, key) == "C-1001");
    CHECK(mail.in_reply_to.empty());
    CHECK(mail.references.empty());
    CHECK(mail.date.unix_seconds == nov1);

    const std::string head = header_block(render_rfc5322(mail));
    CAPTURE(head);
    CHECK(contains(head, "Subject: " + row.subject + "\r\n"));
    CHECK(contains(head, "Date: Sun, 01 Nov 2026 10:00:00 +0000\r\n"));
    CHECK(contains(head, "X-Appeald-Loop: 1\r\n"));
    CHECK(contains(head, "X-Appeald-Case: C-1001\r\n"));
    CHECK_FALSE(contains(head, "Auto-Submitted"));
    CHECK(contains(head, row.cc.empty() ? "To: ops@customer.example\r\nSubject"
                                        : "Cc: " + row.cc + "\r\n"));
  }
}

TEST_CASE("the summary reaches the body only: no header can be injected through it") {
  const std::string summary = "Bounces reached 12% on Nov 1.\r\nBcc: victim@example.net\r\n"
                              "Subject: injected";
  const OutgoingMail mail =
      compose(make_case(appeals::CaseKind::probation, appeals::Issue::bounce), summary);
  const std::string rendered = render_rfc5322(mail);
  const std::string head = header_block(rendered);
  CAPTURE(head);
  CHECK_FALSE(contains(head, "Bcc"));
  CHECK_FALSE(contains(head, "injected"));
  CHECK_FALSE(contains(head, "victim"));
  CHECK(contains(mail.body, "Bounces reached 12% on Nov 1."));
  // The summary replaces the template's own words on the issue.
  CHECK_FALSE(contains(mail.body, "Too many of the messages sent from your account bounced"));
  const OutgoingMail plain =
      compose(make_case(appeals::CaseKind::probation, appeals::Issue::bounce));
  CHECK(contains(plain.body, "Too many of the messages sent from your account bounced"));
}

TEST_CASE("a probation's notice names its deadline; a suspension's only when it has one") {
  using K = appeals::CaseKind;
  struct Row {
    std::string what;
    appeals::CaseRecord c;
    bool shows_deadline;
    std::string state;
  };
  const Row rows[] = {
      {"probation", make_case(K::probation, appeals::Issue::bounce), true,
       "on probation (case C-1001)"},
      {"suspension without a deadline",
       make_case(K::suspension, appeals::Issue::bounce, std::nullopt), false,
       "We have suspended your account 111122223333 (case C-1001)"},
      {"suspension with a deadline", make_case(K::suspension, appeals::Issue::bounce), true,
       "We have suspended your account"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const std::string body = compose(row.c).body;
    CAPTURE(body);
    CHECK(contains(body, "2026-11-15 10:00 UTC") == row.shows_deadline);
    CHECK(contains(body, "appeal before") == row.shows_deadline);
    CHECK(contains(body, row.state));
  }
}

TEST_CASE("every element the issue requires is a numbered point, core elements first") {
  for (const appeals::Issue issue : all_issues) {
    CAPTURE(appeals::to_string(issue));
    const std::string body = compose(make_case(appeals::CaseKind::probation, issue)).body;
    const auto required = rubric().required_for(issue);
    REQUIRE(required.size() == (issue == appeals::Issue::other ? 3u : 5u));
    std::size_t last = 0;
    for (std::size_t i = 0; i < required.size(); ++i) {
      const appeals::RubricElement& e = *required[i];
      CAPTURE(e.id);
      std::string heading = e.title;
      heading[0] = static_cast<char>(heading[0] - 'a' + 'A');
      const std::string point = std::to_string(i + 1) + ". " + heading + "\n";
      const std::size_t at = body.find("\n" + point);
      REQUIRE(at != std::string::npos);
      CHECK(at > last); // in order
      last = at;
      if (e.notice_item > 0) {
        CHECK(e.notice_item == static_cast<int>(i + 1)); // numbered answers are read by it
      }
    }
    // The three things every appeal explains, and how to appeal.
    CHECK(contains(body, "reply to this message"));
    CHECK(contains(body, "already in place"));
  }
}

TEST_CASE("compose_notice refuses what it cannot send") {
  using K = appeals::CaseKind;
  auto bad_id = make_case(K::probation, appeals::Issue::bounce);
  bad_id.id = "C 1";
  auto bad_address = make_case(K::probation, appeals::Issue::bounce);
  bad_address.address = "ops@customer.example\r\nBcc: x@y";
  auto bad_rep = make_case(K::probation, appeals::Issue::bounce, nov15, "not an address");
  const auto good = make_case(K::probation, appeals::Issue::bounce);
  ReplySettings no_from;
  struct Row {
    std::string what;
    appeals::CaseRecord c;
    ReplySettings s;
    std::string key;
    std::string error_start;
  };
  const Row rows[] = {
      {"invalid case id", bad_id, settings(), std::string(key), "case id \"C 1\" is not valid"},
      {"unsendable address", bad_address, settings(), std::string(key), "case C-1001: its address"},
      {"unsendable representative", bad_rep, settings(), std::string(key),
       "case C-1001: the representative \"not an address\" cannot be mailed"},
      {"no From", good, no_from, std::string(key), "smtp.from has no address"},
      {"no key", good, settings(), "", "no notice key"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const auto got =
        compose_notice({row.c, ""}, rubric(), templates(), row.s, row.key, row.c.sent_at);
    REQUIRE_FALSE(got.has_value());
    CHECK(got.error().starts_with(row.error_start));
    CHECK_FALSE(contains(got.error(), "\n"));
  }
}

namespace {

// A short answer a customer writes under each point of the notice. Each is chosen so that its
// words alone supply nothing (no cue of any element matches them): only the quoted point above
// it can give it its meaning, so a point the rubric fails to recognise, or takes for another
// element, fails the test. "Yes." is the yes/no point on unsolicited mail.
const std::map<std::string, std::string> answers = {
    {"cause", "A new colleague ran the March campaign on his own."},
    {"changes", "Campaigns go through a second person since May."},
    {"prevention", "A second person must sign off on every campaign."},
    {"bounce.list_source", "Shoppers hand them to our staff at the till."},
    {"bounce.removal", "Our provider takes care of that automatically."},
    {"complaint.consent", "At the till, in person, with a signature."},
    {"complaint.unsubscribe", "A link at the bottom of every mail does it."},
    {"unsolicited.requested", "Yes."},
    {"unsolicited.acquisition", "Shoppers hand them to our staff at the till."},
};

// `body` quoted ("> "), with answers[id] written under each numbered point whose element is in
// `answered` (number -> element id: the notice's own numbering).
std::string reply_body(const std::string& body, const std::map<int, std::string>& numbering,
                       const std::vector<std::string>& answered) {
  std::string out = "On Sun, 1 Nov 2026 at 10:00, Enforcement Team <enforcement@example.com> "
                    "wrote:\n";
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t end = body.find("\n\n", pos);
    if (end == std::string::npos) {
      end = body.size();
    }
    const std::string paragraph = body.substr(pos, end - pos);
    for (std::size_t line = 0; line < paragraph.size();) {
      const std::size_t nl = std::min(paragraph.find('\n', line), paragraph.size());
      out += "> " + paragraph.substr(line, nl - line) + "\n";
      line = nl + 1;
    }
    const int number = std::atoi(paragraph.c_str());
    const auto element = numbering.find(number);
    if (element != numbering.end() &&
        std::find(answered.begin(), answered.end(), element->second) != answered.end()) {
      out += "\n" + answers.at(element->second) + "\n\n";
    } else {
      out += ">\n";
    }
    pos = end + 2;
  }
  return out;
}

appeals::CaseAssessment assess(const OutgoingMail& notice, const std::string& body,
                               appeals::Issue issue) {
  const std::string raw =
      "From: Sam <ops@customer.example>\r\n"
      "To: enforcement@example.com\r\n"
      "Subject: Re: " +
      notice.subject +
      "\r\nMessage-ID: <r1@customer.example>\r\nIn-Reply-To: " + notice.message_id +
      "\r\nDate: Mon, 02 Nov 2026 09:00:00 +0000\r\n\r\n" + body;
  const parsers::Message m = parsers::parse_message(raw, parsers::ParseOptions{});
  appeals::CaseAssessment a;
  appeals::assess_reply(m.reply, issue, rubric(), a);
  return a;
}

} // namespace

TEST_CASE("answers written under the quoted points are credited to those points, and the quoted "
          "notice alone supplies nothing") {
  for (const appeals::Issue issue : all_issues) {
    CAPTURE(appeals::to_string(issue));
    const OutgoingMail notice = compose(make_case(appeals::CaseKind::probation, issue));
    std::map<int, std::string> numbering;
    std::vector<std::string> ids;
    const auto required = rubric().required_for(issue);
    for (std::size_t i = 0; i < required.size(); ++i) {
      numbering[static_cast<int>(i + 1)] = required[i]->id;
      ids.push_back(required[i]->id);
    }

    SUBCASE("every point answered") {
      const appeals::CaseAssessment a =
          assess(notice, reply_body(notice.body, numbering, ids), issue);
      for (const std::string& id : ids) {
        CAPTURE(id);
        REQUIRE(a.found.contains(id));
        const auto& sentences = a.found.at(id);
        CHECK(std::find(sentences.begin(), sentences.end(), answers.at(id)) != sentences.end());
      }
      for (const auto& [id, sentences] : a.found) {
        CAPTURE(id);
        CHECK(std::find(ids.begin(), ids.end(), id) != ids.end());
        for (const std::string& s : sentences) {
          CAPTURE(s);
          // Only the customer's answers are evidence, never the notice's words.
          bool is_answer = false;
          for (const auto& [_, answer] : answers) {
            is_answer = is_answer || s == answer;
          }
          CHECK(is_answer);
        }
      }
      CHECK(a.planned.empty());
    }
    SUBCASE("each point answered alone is credited to that point") {
      for (const std::string& id : ids) {
        CAPTURE(id);
        const appeals::CaseAssessment a =
            assess(notice, reply_body(notice.body, numbering, {id}), issue);
        REQUIRE(a.found.contains(id));
        CHECK(a.found.at(id) == std::vector<std::string>{answers.at(id)});
      }
    }
    SUBCASE("without the quoted point above it, no answer supplies anything") {
      for (const std::string& id : ids) {
        CAPTURE(id);
        const appeals::CaseAssessment a = assess(notice, answers.at(id) + "\n", issue);
        CHECK(a.found.empty());
      }
    }
    SUBCASE("the quoted notice alone") {
      const appeals::CaseAssessment a =
          assess(notice, reply_body(notice.body, numbering, {}), issue);
      CHECK(a.found.empty());
      CHECK(a.planned.empty());
      CHECK_FALSE(a.said_no_changes);
    }
  }
}

TEST_CASE("notice.txt: an operator's copy is used and checked, else the shipped one") {
  namespace fs = std::filesystem;
  const auto write_dir = [](const std::string& name, const std::string& notice) {
    const fs::path dir = fs::current_path() / ("templates-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "request_info.txt") << "{{#missing}}\n- {{request}}\n{{/missing}}\n";
    std::ofstream(dir / "await_fixes.txt") << "{{#planned}}\n- {{.}}\n{{/planned}}\n";
    std::ofstream(dir / "review.txt") << "Thanks\n";
    if (!notice.empty()) {
      std::ofstream(dir / "notice.txt") << notice;
    }
    return dir;
  };
  struct Row {
    std::string what;
    std::string notice; // "" = no notice.txt in the directory
    std::string expected_body_start;
    std::string expected_error; // after "DIR/"; "" = loads
  };
  const Row rows[] = {
      {"an operator's notice",
       "Case {{case}}{{#is_suspension}} suspended{{/is_suspension}}\n{{#elements}}\n"
       "{{number}} {{id}}\n{{/elements}}\n",
       "Case C-1001 suspended\n1 cause\n2 changes\n3 prevention\n", ""},
      {"none: the shipped notice", "", "Hello,\n", ""},
      {"a placeholder of the replies", "{{#missing}}x{{/missing}}\n", "",
       "notice.txt:1: unknown placeholder {{#missing}}"},
      {"an element field outside its list", "{{heading}}\n", "",
       "notice.txt:1: unknown placeholder {{heading}}"},
  };
  int n = 0;
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const fs::path dir = write_dir("notice-" + std::to_string(n++), row.notice);
    const auto loaded = config::load_templates(dir);
    if (!row.expected_error.empty()) {
      REQUIRE_FALSE(loaded.has_value());
      CHECK(loaded.error() == (dir / row.expected_error).string());
      continue;
    }
    REQUIRE_MESSAGE(loaded.has_value(), loaded.error());
    auto c = make_case(appeals::CaseKind::suspension, appeals::Issue::other);
    const auto mail = compose_notice({c, ""}, rubric(), *loaded, settings(), key, c.sent_at);
    REQUIRE(mail.has_value());
    CHECK(mail->body.starts_with(row.expected_body_start));
  }
}
