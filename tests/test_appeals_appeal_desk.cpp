// AppealDesk across process restarts: the daemon saves each case's cumulative assessment in its
// store and a later run restores it (restore_assessment). A desk restored that way must judge the
// next message exactly as the desk that never stopped.
#include "appeals/appeal_desk.hpp"
#include "appeals_assessment_rows.hpp"
#include "parsers/message_parser.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using namespace appeald;

parsers::Message reply(const std::string& body, int n) {
  const std::string mail = "From: Ops <ops@example.com>\r\n"
                           "Subject: Re: [C-1] Probation\r\n"
                           "Date: Tue, 3 Nov 2026 10:0" +
                           std::to_string(n) + ":00 +0000\r\nMessage-ID: <r-" + std::to_string(n) +
                           "@example.com>\r\nIn-Reply-To: <n-1@enforcement.example>\r\n\r\n" + body;
  return parsers::parse_message(mail, {});
}

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

struct Row {
  std::string what;
  std::vector<std::string> before; // judged by the first run
  std::string after;               // judged after the restart
};

} // namespace

TEST_CASE("a desk restored from a saved assessment judges the next message as if it never "
          "stopped") {
  const std::vector<Row> rows = {
      {"cause first, changes after the restart",
       {"The bounces came from an old list we imported from a trade show in 2019."},
       "We have removed every address that bounced and now suppress hard bounces automatically."},
      {"planned changes first, done later",
       {"We will clean the list next week."},
       "We have now removed all bounced addresses from the list."},
      {"two messages before, one after",
       {"The addresses came from our signup form.", "We deleted 4,000 bounced addresses."},
       "Bounces are now removed automatically, so this cannot build up again."},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    appeals::AppealDesk steady(appeals::CaseBook({bounce_case()}),
                               appeald::test::assessment::rubric());
    appeals::AppealDesk first_run(appeals::CaseBook({bounce_case()}),
                                  appeald::test::assessment::rubric());
    int n = 0;
    for (const std::string& body : row.before) {
      steady.judge(reply(body, n));
      first_run.judge(reply(body, n));
      ++n;
    }
    REQUIRE(first_run.assessment("C-1").has_value());

    appeals::AppealDesk restarted(appeals::CaseBook({bounce_case()}),
                                  appeald::test::assessment::rubric());
    CHECK(restarted.assessment("C-1") == std::nullopt);
    restarted.restore_assessment("C-1", *first_run.assessment("C-1"));

    const appeals::Verdict expected = steady.judge(reply(row.after, n));
    const appeals::Verdict actual = restarted.judge(reply(row.after, n));
    CHECK(actual.decision.action == expected.decision.action);
    CHECK(actual.decision.missing == expected.decision.missing);
    CHECK(actual.found == expected.found);
    CHECK(actual.planned == expected.planned);
    CHECK(restarted.assessment("C-1")->messages == steady.assessment("C-1")->messages);
  }
}

TEST_CASE("a message a parser limit cut short goes to a person, matched but unread; an operator's "
          "assignment judges it anyway") {
  parsers::ParseOptions small;
  small.limits.max_text_bytes = 200;
  std::string body = "We removed every address that bounced.\r\n";
  for (int i = 0; i < 20; ++i) {
    body += "More words on line " + std::to_string(i) + ".\r\n";
  }
  const std::string mail = "From: Ops <ops@example.com>\r\nSubject: Re: [C-1] Probation\r\n"
                           "Date: Tue, 3 Nov 2026 10:00:00 +0000\r\nMessage-ID: <big@example.com>"
                           "\r\nIn-Reply-To: <n-1@enforcement.example>\r\n\r\n" +
                           body + "\r\n";
  const parsers::Message m = parsers::parse_message(mail, small);

  appeals::AppealDesk desk(appeals::CaseBook({bounce_case()}), appeald::test::assessment::rubric());
  const appeals::Verdict v = desk.judge(m);
  CHECK(v.decision.action == appeals::Action::triage);
  CHECK(v.decision.reason == "over a parser limit: body text longer than max_text_bytes");
  REQUIRE(v.match.matched != nullptr);
  CHECK(v.match.matched->id == "C-1");
  CHECK(desk.assessment("C-1") == std::nullopt);                   // nothing was read into the case
  CHECK(desk.book().by_thread_id("<big@example.com>") == nullptr); // nor joined its thread

  const appeals::Verdict assigned = desk.judge_assigned(m, "C-1");
  CHECK_MESSAGE(assigned.decision.action != appeals::Action::triage, assigned.decision.reason);
  CHECK(desk.assessment("C-1").has_value());
}
