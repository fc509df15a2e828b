// AppealDesk::judge_assigned: an operator ties a triaged message to a case. It is judged as that
// case's, whatever it says and whoever sent it: trusted, matched by "assigned", assessed with the
// case's earlier messages. Machine mail stays ignored, a message without new words stays in
// triage, and an unknown case changes nothing.
#include "appeals/appeal_desk.hpp"
#include "appeals_assessment_rows.hpp"
#include "parsers/message_parser.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using namespace appeald;
using appeals::Action;

appeals::CaseRecord bounce_case() {
  appeals::CaseRecord c;
  c.id = "C-1";
  c.account = "111122223333";
  c.address = "ops@example.com";
  c.issue = appeals::Issue::bounce;
  c.notice_message_id = "<n-1@enforcement.example>";
  c.sent_at = *parsers::parse_rfc3339("2026-11-01T10:00:00Z");
  return c;
}

const std::string complete_words =
    "The bounces happened because we imported an old list from a 2019 trade show and never "
    "confirmed those addresses.\r\n\r\n"
    "We have removed every address that bounced and we now suppress hard bounces automatically. "
    "From now on every address is confirmed with double opt-in at signup before we send to it."
    "\r\n\r\n"
    "This will prevent it from happening again, because bounced addresses are removed "
    "automatically after the first hard bounce.\r\n";

// A message nobody could match: a stranger's address, no thread, no tag.
std::string stranger(const std::string& extra_headers, const std::string& body) {
  return "From: Pat <pat@elsewhere.example>\r\nSubject: our account\r\n"
         "Date: Tue, 3 Nov 2026 10:00:00 +0000\r\nMessage-ID: <s-1@elsewhere.example>\r\n" +
         extra_headers + "\r\n" + body;
}

struct Row {
  std::string what;
  std::string raw;
  Action action;
  bool assessed; // the case's assessment holds the message
  bool sender_differs;
};

} // namespace

TEST_CASE("judge_assigned judges the message as the case's, trusted, with the usual actions") {
  const std::vector<Row> rows = {
      {"a complete appeal from a stranger goes to review", stranger("", complete_words),
       Action::review, true, true},
      {"an incomplete appeal asks for what is missing",
       stranger("", "We bought a list at a trade show in 2019.\r\n"), Action::request_info, true,
       true},
      {"an appeal from the case's own address that failed DMARC is trusted once assigned",
       "From: ops@example.com\r\nSubject: appeal\r\nMessage-ID: <s-1@elsewhere.example>\r\n"
       "Authentication-Results: mx.example; dmarc=fail; spf=fail; dkim=fail\r\n\r\n" +
           std::string("We bought a list at a trade show in 2019.\r\n"),
       Action::request_info, true, false},
      {"machine mail is still ignored",
       stranger("Auto-Submitted: auto-replied\r\n", "I am out of the office.\r\n"), Action::ignore,
       false, true},
      {"no new words is still triage", stranger("", "> quoted only\r\n"), Action::triage, false,
       true},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    appeals::AppealDesk desk(appeals::CaseBook({bounce_case()}),
                             appeald::test::assessment::rubric());
    const parsers::Message m = parsers::parse_message(row.raw, {});
    // The plain matcher would not take it as a trusted match of C-1.
    const appeals::Verdict plain =
        appeals::AppealDesk(appeals::CaseBook({bounce_case()}), appeald::test::assessment::rubric())
            .judge(m);
    CHECK(plain.decision.action ==
          (row.action == Action::ignore ? Action::ignore : Action::triage));

    const appeals::Verdict v = desk.judge_assigned(m, "C-1");
    CHECK(v.decision.action == row.action);
    REQUIRE(v.match.matched != nullptr);
    CHECK(v.match.matched->id == "C-1");
    CHECK(v.match.rule == appeals::MatchRule::assigned);
    CHECK(v.match.trusted);
    CHECK(v.match.sender_differs == row.sender_differs);
    CHECK((desk.assessment("C-1").has_value()) == row.assessed);
    // Its id joins the thread, so the sender's next reply matches the case.
    CHECK(desk.book().by_thread_id("<s-1@elsewhere.example>") == desk.book().find("C-1"));
  }
}

TEST_CASE("judge_assigned adds to the case's earlier assessment") {
  appeals::AppealDesk desk(appeals::CaseBook({bounce_case()}), appeald::test::assessment::rubric());
  const appeals::Verdict first = desk.judge(parsers::parse_message(
      "From: ops@example.com\r\nIn-Reply-To: <n-1@enforcement.example>\r\n"
      "Message-ID: <a-1@example.com>\r\n\r\nWe bought a list at a trade show in 2019.\r\n",
      {}));
  REQUIRE(first.decision.action == Action::request_info);
  const appeals::Verdict v =
      desk.judge_assigned(parsers::parse_message(stranger("", complete_words), {}), "C-1");
  CHECK(v.decision.action == Action::review);
  CHECK(desk.assessment("C-1")->messages == 2);
}

TEST_CASE("judge_assigned to an unknown case triages and changes nothing") {
  appeals::AppealDesk desk(appeals::CaseBook({bounce_case()}), appeald::test::assessment::rubric());
  const appeals::Verdict v =
      desk.judge_assigned(parsers::parse_message(stranger("", complete_words), {}), "C-9");
  CHECK(v.decision.action == Action::triage);
  CHECK(v.decision.reason == "no case C-9 to assign to");
  CHECK(v.match.matched == nullptr);
  CHECK(desk.assessment("C-1") == std::nullopt);
  CHECK(desk.book().by_thread_id("<s-1@elsewhere.example>") == nullptr);
}

TEST_CASE("MatchRule::assigned is written \"assigned\"") {
  CHECK(appeals::to_string(appeals::MatchRule::assigned) == "assigned");
}
