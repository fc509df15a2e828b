// assess_reply on whole replies: the notice quoted under or around the sender's words (whose
// "prevent", "unsubscribe" and "opted in" must never count), inline answers under the notice's
// questions, follow-ups read cumulatively, and whole decisions through AppealDesk.
// Rows: see tests/appeals_assessment_rows.hpp.
#include "appeals/appeal_desk.hpp"
#include "appeals_assessment_rows.hpp"
#include "parsers/date_time.hpp"
#include "parsers/message_parser.hpp"

using namespace appeald::test::assessment;
using appeald::appeals::Action;

namespace {

constexpr Issue bounce = Issue::bounce;
constexpr Issue complaint = Issue::complaint;
constexpr Issue unsolicited = Issue::unsolicited;
constexpr Issue other = Issue::other;

// The notice's questions, as the notice words them (written for these tests).
const std::string q_cause = "1. How and why the problem occurred.";
const std::string q_changes = "2. The changes you have already made to fix it.";
const std::string q_prevention = "3. Why those changes will prevent it from happening again.";
const std::string q_optin = "- How your recipients opted in to your mail.";
const std::string q_requested =
    "- Whether every message you send is specifically requested by its recipients.";
const std::string q_unsubscribe = "- How recipients can unsubscribe, and how you handle "
                                  "complaints.";
const std::string q_source = "- How the addresses on your list were obtained and validated.";

const std::string notice_head = "Hello,\n"
                                "\n"
                                "We have placed your sending account on probation after a rise "
                                "in bounces and complaints.\n"
                                "\n"
                                "To appeal, please reply and explain:\n";
const std::string notice_tail = "\nRegards,\nEnforcement Team\n";
const std::string notice = notice_head + q_cause + "\n" + q_changes + "\n" + q_prevention +
                           "\n\nPlease also tell us:\n" + q_optin + "\n" + q_requested + "\n" +
                           q_unsubscribe + "\n" + q_source + "\n" + notice_tail;

const std::string attribution =
    "On Mon, 2 Nov 2026 at 15:00, Enforcement Team <enforcement@example.com> wrote:\n";

// `text` with every line quoted ("> "; blank lines as ">").
std::string quoted(const std::string& text) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t nl = text.find('\n', pos);
    const std::string line = text.substr(pos, nl == std::string::npos ? nl : nl - pos);
    out += line.empty() ? ">" : "> " + line;
    out += '\n';
    pos = nl == std::string::npos ? text.size() : nl + 1;
  }
  return out;
}

// A top-posted reply: the answer, then the notice quoted under an attribution.
std::string top_posted(const std::string& answer) {
  return answer + "\n\n" + attribution + quoted(notice);
}

// A bottom-posted reply: the notice quoted, then the answer.
std::string bottom_posted(const std::string& answer) {
  return attribution + quoted(notice) + "\n" + answer + "\n";
}

// An inline reply: each (question, answer) pair as a quoted question with the answer under it;
// an empty answer leaves the question quoted and unanswered.
std::string inline_reply(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string out = "Hi, answers below.\n\n" + attribution + quoted(notice_head);
  for (const auto& [question, answer] : pairs) {
    out += quoted(question) + ">\n";
    if (!answer.empty()) {
      out += "\n" + answer + "\n\n";
    }
  }
  return out + quoted(notice_tail);
}

} // namespace

TEST_CASE("the quoted notice supplies nothing") {
  check_rows({
      {"top-posted change only, complaint",
       body(top_posted("We deleted the contacts we added last spring.")),
       complaint,
       {"changes"},
       false},
      {"bottom-posted cause only, unsolicited",
       body(bottom_posted("A plugin on our shop resent old order emails to every past customer.")),
       unsolicited,
       {"cause"},
       false},
      {"top-posted thanks only",
       body(top_posted("Thanks, we will look into this.")),
       complaint,
       {},
       false},
      {"top-posted thanks only, bounce",
       body(top_posted("Received, thank you.")),
       bounce,
       {},
       false},
      {"outlook original message below",
       body("We paused every campaign on Tuesday.\n\n-----Original Message-----\nFrom: "
            "Enforcement Team <enforcement@example.com>\nSent: Monday, November 2, 2026 3:00 "
            "PM\nTo: ops@example.com\nSubject: Your account is on probation\n\n" +
            notice),
       complaint,
       {"changes"},
       false},
      {"answers the opt-in question only; unsubscribe stays quoted",
       body(inline_reply(
           {{q_optin, "Everyone ticks a consent box on our signup form."}, {q_unsubscribe, ""}})),
       complaint,
       {"complaint.consent"},
       false},
      {"answers the cause only; prevention stays quoted",
       body(inline_reply({{q_cause, "A sync script mailed our whole CRM twice."},
                          {q_changes, ""},
                          {q_prevention, ""}})),
       other,
       {"cause"},
       false},
      {"signature and disclaimer say nothing",
       body("We removed the dormant contacts.\n\nBest regards,\nDana\n-- \nDana Smith, Example Co\n"
            "This email may contain confidential information. If you are not the intended "
            "recipient, please delete it and make sure it is not forwarded.\n"),
       other,
       {"changes"},
       false},
      {"quoted question mark words: german attribution",
       body("Wir haben die Liste gelöscht.\n\nAm 02.11.2026 um 15:00 schrieb Enforcement Team "
            "<enforcement@example.com>:\n" +
            quoted(notice)),
       complaint,
       {},
       false},
  });
}

TEST_CASE("inline answers take their meaning from the question above") {
  check_rows({
      {"yes under the requested question",
       under(q_requested, "Yes."),
       unsolicited,
       {"unsolicited.requested"},
       false},
      {"correct, all of them",
       under(q_requested, "Correct, all of them."),
       unsolicited,
       {"unsolicited.requested"},
       false,
       false},
      {"absolutely",
       under(q_requested, "Absolutely."),
       unsolicited,
       {"unsolicited.requested"},
       false},
      {"yes with which are not",
       under(q_requested, "Yes, apart from a monthly digest to past "
                          "buyers."),
       unsolicited,
       {"unsolicited.requested"},
       false},
      {"not sure", under(q_requested, "Not sure."), unsolicited, {}, false},
      {"no idea, marketing",
       under(q_requested, "No idea, marketing handles that."),
       unsolicited,
       {},
       false,
       false},
      {"yes under the requested question, complaint case",
       under(q_requested, "Yes."),
       complaint,
       {},
       false},
      {"yes under the opt-in question", under(q_optin, "Yes."), complaint, {}, false, false},
      {"yes under the cause question", under(q_cause, "Yes."), other, {}, false},
      {"yes under the changes question", under(q_changes, "Yes."), other, {}, false},
      {"yes under the prevention question", under(q_prevention, "Yes."), other, {}, false, false},
      {"yes under the unsubscribe question",
       under(q_unsubscribe, "Yes."),
       complaint,
       {},
       false,
       false},
      {"yes under the source question", under(q_source, "Yes."), bounce, {}, false, false},
      {"yes under the explain line",
       under("To appeal, please reply and explain:", "Yes."),
       unsolicited,
       {},
       false},
      {"through the signup form",
       under(q_optin, "Through the signup form on our website."),
       complaint,
       {"complaint.consent"},
       false},
      {"via our checkout",
       under(q_optin, "Via our checkout."),
       complaint,
       {"complaint.consent"},
       false},
      {"click the link",
       under(q_unsubscribe, "Click the link at the bottom of any email."),
       complaint,
       {"complaint.unsubscribe"},
       false},
      {"prevention answer without the word",
       under(q_prevention, "The import button is gone, and only the signup form feeds the list."),
       other,
       {"prevention"},
       false,
       false,
       {"changes"}},
      {"none yet under changes", under(q_changes, "None yet."), other, {}, false},
      {"planned under changes",
       under(q_changes, "We will add a captcha next week."),
       other,
       {},
       true},
      {"don't know under cause", under(q_cause, "We don't know."), other, {}, false},
      {"crm under the source question",
       under(q_source, "From our CRM, all of them are paying "
                       "customers."),
       unsolicited,
       {"unsolicited.acquisition"},
       false,
       false,
       core},
      {"opt-out answer under the opt-in question",
       under(q_optin, "They can opt out whenever they want."),
       complaint,
       {"complaint.unsubscribe"},
       false},
  });
}

TEST_CASE("full inline replies") {
  check_rows({
      {"all core plus requested, acquisition left out",
       body(inline_reply({{q_cause, "Our booking tool resent last year's reminders to every "
                                    "guest."},
                          {q_changes, "We switched the reminder job off and deleted its queue."},
                          {q_prevention, "Reminders now only go out for bookings in the next 48 "
                                         "hours, so an old booking can never trigger one again."},
                          {q_requested, "Yes."},
                          {q_source, ""}})),
       unsolicited,
       {"cause", "changes", "prevention", "unsolicited.requested"},
       false},
      {"not sure under requested, yes nowhere",
       body(inline_reply(
           {{q_cause, "A bug in our plugin mailed every contact."}, {q_requested, "Not sure."}})),
       unsolicited,
       {"cause"},
       false},
      {"yes under the opt-in question supplies nothing",
       body(inline_reply({{q_optin, "Yes."}, {q_requested, ""}, {q_unsubscribe, ""}})),
       complaint,
       {},
       false,
       false},
  });
}

TEST_CASE("follow-ups are read cumulatively") {
  check_threads({
      {"cause and change, then prevention",
       {own("A cron job sent the digest twice. We deleted the duplicate job."),
        own("Only one digest job can exist now, so a second run is impossible.")},
       other,
       {"cause", "changes", "prevention"},
       false,
       false},
      {"planned, then done",
       {own("We will add a captcha next week."), own("The captcha is now live on every form.")},
       other,
       {"changes"},
       true},
      {"inline yes, then acquisition",
       {under(q_requested, "Yes."), own("Customers enter their email when they book a table.")},
       unsolicited,
       {"unsolicited.requested", "unsolicited.acquisition"},
       false},
      {"bounce appeal completed in parts",
       {own("We mailed an outdated 2019 list. We deleted it."),
        own("Bounces: our provider drops them automatically.")},
       bounce,
       {"cause", "changes", "bounce.removal"},
       false,
       false,
       {"bounce.list_source"}},
      {"a thank-you adds nothing",
       {own("Our signup form had no captcha and bots filled it."), own("Thanks!")},
       other,
       {"cause"},
       false},
      {"unknown cause, then found",
       {own("We don't know what caused it yet."),
        own("We found it: a cron job sent the digest twice.")},
       other,
       {"cause"},
       false},
      {"quoted notice in the follow-up adds nothing",
       {own("We deleted the dormant contacts."), body(top_posted("Sorry, forgot to say: thanks."))},
       complaint,
       {"changes"},
       false},
  });
}

namespace {

struct DecisionRow {
  std::string what;
  std::vector<std::string> bodies; // plain-text bodies of successive replies in the thread
  Issue issue;
  Action action;                 // of the last reply
  std::set<std::string> missing; // of the last reply
  bool known_gap = false;
};

appeald::parsers::Message reply_mail(const std::string& body, int n) {
  const std::string mail = "From: Ops <ops@example.com>\r\n"
                           "To: enforcement@example.com\r\n"
                           "Subject: Re: [C-1] Your account is on probation\r\n"
                           "Date: Tue, 3 Nov 2026 10:0" +
                           std::to_string(n) +
                           ":00 +0000\r\n"
                           "Message-ID: <reply-" +
                           std::to_string(n) +
                           "@example.com>\r\n"
                           "In-Reply-To: <n-1@enforcement.example>\r\n"
                           "MIME-Version: 1.0\r\n"
                           "Content-Type: text/plain; charset=utf-8\r\n"
                           "\r\n" +
                           body;
  return appeald::parsers::parse_message(mail, {});
}

void check_decisions(const std::vector<DecisionRow>& rows) {
  for (const DecisionRow& row : rows) {
    appeald::appeals::CaseRecord c;
    c.id = "C-1";
    c.account = "111122223333";
    c.address = "ops@example.com";
    c.issue = row.issue;
    c.notice_message_id = "<n-1@enforcement.example>";
    c.sent_at = *appeald::parsers::parse_rfc3339("2026-11-01T10:00:00Z");
    appeald::appeals::AppealDesk desk(appeald::appeals::CaseBook({c}), rubric());
    appeald::appeals::Verdict v;
    int n = 0;
    for (const std::string& b : row.bodies) {
      v = desk.judge(reply_mail(b, n++));
    }
    const std::set<std::string> missing(v.decision.missing.begin(), v.decision.missing.end());
    const bool agrees = v.decision.action == row.action && missing == row.missing;
    std::string text;
    for (const std::string& b : row.bodies) {
      text += (text.empty() ? "" : " || ") + b;
    }
    const std::string detail =
        "[" + row.what + "] issue=" + std::string(to_string(row.issue)) + " text=\"" + text +
        "\" expected " + std::string(to_string(row.action)) + " missing " + join(row.missing) +
        ", actual " + std::string(to_string(v.decision.action)) + " missing " + join(missing) +
        " (" + v.decision.reason + ")";
    if (tally_row(agrees, row.known_gap, detail)) {
      continue;
    }
    CAPTURE(detail);
    CHECK(v.decision.action == row.action);
    CHECK(missing == row.missing);
  }
}

} // namespace

TEST_CASE("whole decisions") {
  check_decisions({
      {"only planned changes wait for the fixes",
       {"Our signup form had no captcha, so bots flooded the list.\n\nWe will add a captcha and "
        "double opt-in next week."},
       other,
       Action::await_fixes,
       {}},
      {"no changes at all is a request for information",
       {"A partner imported contacts without asking us.\n\nNo changes have been made yet."},
       other,
       Action::request_info,
       {"changes", "prevention"}},
      {"complete core appeal goes to review",
       {"Root cause: a cron job sent the digest twice.\n\nWhat we changed: we deleted the "
        "duplicate job.\n\nWhy it won't happen again: only one digest job can exist, so a second "
        "run is impossible."},
       other,
       Action::review,
       {}},
      {"complete with a further plan still goes to review",
       {"A cron job sent the digest twice. We deleted the duplicate job, and we will add an "
        "alert next month. Only one digest job can exist now, so the digest can never go out twice "
        "again."},
       other,
       Action::review,
       {}},
      {"bounce appeal missing its own elements",
       {"We mailed a list from 2018 full of dead addresses. We deleted that list. Old lists can "
        "no longer be uploaded, so this cannot happen again."},
       bounce,
       Action::request_info,
       {"bounce.list_source", "bounce.removal"}},
      {"quoted notice does not complete a complaint appeal",
       {top_posted("A partner mistakenly sent our newsletter to their own contacts. We ended the "
                   "partnership and deleted every contact they added.")},
       complaint,
       Action::request_info,
       {"prevention", "complaint.consent", "complaint.unsubscribe"}},
      {"complete inline unsolicited appeal",
       {inline_reply({{q_cause, "Our booking tool resent last year's reminders to every guest."},
                      {q_changes, "We switched the reminder job off and deleted its queue."},
                      {q_prevention, "Reminders now only go out for bookings in the next 48 "
                                     "hours, so an old booking can never trigger one again."},
                      {q_requested, "Yes."},
                      {q_source, "Guests enter their email when they book a table."}})},
       unsolicited,
       Action::review,
       {}},
      {"not changed anything yet",
       {"We have not changed anything yet. We are still investigating."},
       other,
       Action::request_info,
       {"cause", "changes", "prevention"}},
      {"follow-up completes the appeal",
       {"A cron job sent the digest twice. We deleted the duplicate job.",
        "Only one digest job can exist now, so the digest can never go out twice again."},
       other,
       Action::review,
       {}},
      {"follow-up after a planned-only reply",
       {"Bots filled our signup form. We will add a captcha.",
        "The captcha is now live, so bots can no longer sign up."},
       other,
       Action::review,
       {},
       false},
      {"mixed sentence is not await_fixes",
       {"A script mailed the whole CRM. We deleted the script and will add an approval step. "
        "Without the script nothing can mail the whole CRM, so it cannot happen again."},
       other,
       Action::review,
       {}},
      {"opt-out instead of opt-in is still missing consent",
       {"A partner mailed our list twice by mistake. We revoked the partner's access, so only "
        "our own team can send now. Every email has an unsubscribe link and recipients can opt "
        "out at any time."},
       complaint,
       Action::request_info,
       {"complaint.consent"}},
      {"the in-progress change waits",
       {"Bots filled our form. We are rolling out a captcha this week."},
       other,
       Action::await_fixes,
       {}},
  });
}

TEST_CASE("inline tally") {
  report_tally("test_appeals_assessment_inline");
}
