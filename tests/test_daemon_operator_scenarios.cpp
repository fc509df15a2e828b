// The operator's whole path, end to end, with only the CLI and mail: `notice send`, the customer's
// replies APPENDed to the real Dovecot, `run --once` answering through the SMTP sink, `review`
// deciding, and `audit --case` telling the story. Each scenario checks what the customer receives
// (recipients, threading) and that the audit log holds the case's events in order.
#include "tests/support/daemon_harness.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>
#include <string>
#include <vector>

namespace {

using appeald::test::DaemonHarness;
using appeald::test::HarnessOptions;
using appeald::test::header_of;
using appeald::test::SinkMessage;
using json = nlohmann::json;

constexpr std::string_view customer = "ops@acme.test";
constexpr std::string_view representative = "rep@agency.test";

// Now, as an RFC 5322 Date (UTC); the customer writes after the notice was sent.
std::string mail_date() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

// The deadline two weeks out, RFC 3339.
std::string deadline_in_two_weeks() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() +
                                                             std::chrono::hours(24 * 14));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// A customer's reply to `parent` (a mail appeald sent) from the account address.
std::string customer_reply(const std::string& message_id, const SinkMessage& parent,
                           const std::string& body) {
  const std::string parent_id = header_of(parent.data, "Message-ID");
  std::string refs = header_of(parent.data, "References");
  refs += (refs.empty() ? "" : " ") + parent_id;
  return "From: Dana Ops <" + std::string(customer) +
         ">\r\n"
         "To: enforcement@appeals.test\r\n"
         "Subject: Re: " +
         header_of(parent.data, "Subject") + "\r\nDate: " + mail_date() +
         "\r\n"
         "Message-ID: " +
         message_id + "\r\nIn-Reply-To: " + parent_id + "\r\nReferences: " + refs +
         "\r\n"
         "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
         body + "\r\n";
}

const std::string cause_only =
    "Hello,\r\n\r\nThe bounces happened because our marketing team imported a list of 40,000 "
    "addresses from a 2019 trade show without re-confirming any of them, and many of those "
    "mailboxes no longer exist.\r\n\r\nDana";

const std::string the_rest =
    "Hello again,\r\n\r\nWe have deleted the trade show list from our account and removed every "
    "address that has not opened a message in the last year.\r\nOur addresses now come only from "
    "our own signup form, which uses double opt-in, so every address has been confirmed by its "
    "owner.\r\nWe turned on automatic suppression: any address that hard bounces is removed from "
    "all our lists immediately and is never mailed again.\r\nBecause only confirmed addresses are "
    "added and bounced ones are suppressed at once, stale addresses can no longer build up, so "
    "this will not happen again.\r\n\r\nDana";

// A second appeal after a rejection, in two messages: the cause first, then the rest.
const std::string second_cause =
    "Hello,\r\n\r\nWe looked again. The remaining bounces happened because a sales colleague "
    "uploaded an old CRM export in October without checking it, and most of its addresses were "
    "years out of date.\r\n\r\nDana";
const std::string second_rest =
    "Hello,\r\n\r\nWe have deleted the CRM export and removed upload rights from everyone outside "
    "the operations team.\r\nEvery contact is now verified by an address validation service "
    "before it is imported, and our addresses come only from our double opt-in signup form.\r\n"
    "Hard bounces are suppressed automatically and removed from every list the moment they "
    "happen.\r\nBecause no unverified list can be uploaded any more and bounces are suppressed at "
    "once, this will not happen again.\r\n\r\nDana";

struct Desk {
  DaemonHarness h{HarnessOptions{}};

  // Runs one cycle and returns the mails it sent.
  std::vector<SinkMessage> cycle() {
    const std::size_t before = h.smtp().messages().size();
    std::string out;
    REQUIRE_MESSAGE(h.run_once(&out) == 0, out);
    const auto all = h.smtp().messages();
    return {all.begin() + static_cast<std::ptrdiff_t>(before), all.end()};
  }

  json cli_json(std::vector<std::string> args) {
    args.push_back("--json");
    std::string out;
    REQUIRE_MESSAGE(h.appeald(args, &out) == 0, out);
    return json::parse(out);
  }

  std::string send_notice(const std::string& case_id) {
    const json out =
        cli_json({"notice", "send", "--case", case_id, "--account", "400011112222", "--address",
                  std::string(customer), "--issue", "bounce", "--kind", "probation", "--deadline",
                  deadline_in_two_weeks(), "--representative", std::string(representative)});
    return out["message_id"];
  }

  // The case's audit events, in order, as `audit --case --json` prints them (JSON Lines).
  std::vector<std::string> story(const std::string& case_id) {
    std::string out;
    REQUIRE_MESSAGE(h.appeald({"audit", "--case", case_id, "--json"}, &out) == 0, out);
    std::vector<std::string> events;
    for (const std::string& line : appeald::test::lines_of(out)) {
      if (!line.empty()) {
        events.push_back(json::parse(line).at("event"));
      }
    }
    return events;
  }
};

// True when `needle` appears in `events` in this order (other events may come between).
bool in_order(const std::vector<std::string>& events, const std::vector<std::string>& needle) {
  std::size_t i = 0;
  for (const std::string& e : events) {
    if (i < needle.size() && e == needle[i]) {
      ++i;
    }
  }
  return i == needle.size();
}

void check_reply(const SinkMessage& reply, const std::string& in_reply_to,
                 const std::string& notice_id, std::string_view subject_has) {
  CHECK(header_of(reply.data, "In-Reply-To") == in_reply_to);
  CHECK(header_of(reply.data, "References").find(notice_id) != std::string::npos);
  CHECK(header_of(reply.data, "Subject").find(subject_has) != std::string::npos);
  CHECK(reply.rcpt_tos.front() == customer);
}

} // namespace

TEST_CASE("notice to acceptance: info requested, follow-up completes, reviewer accepts, and the "
          "decision reaches customer and representative in the thread") {
  Desk d;
  const std::string notice_id = d.send_notice("C-2001");

  const auto notices = d.cycle();
  REQUIRE(notices.size() == 1);
  CHECK(header_of(notices[0].data, "Message-ID") == notice_id);
  CHECK(header_of(notices[0].data, "Subject").find("[C-2001]") != std::string::npos);
  CHECK(notices[0].rcpt_tos ==
        std::vector<std::string>{std::string(customer), std::string(representative)});

  d.h.deliver(customer_reply("<first@acme.test>", notices[0], cause_only));
  const auto asked = d.cycle();
  REQUIRE(asked.size() == 1);
  check_reply(asked[0], "<first@acme.test>", notice_id, "[C-2001]");
  CHECK(asked[0].mail_from.empty()); // an automatic reply: null reverse-path
  CHECK(asked[0].data.find("keep the problem from happening again") != std::string::npos);

  d.h.deliver(customer_reply("<second@acme.test>", asked[0], the_rest));
  const auto acknowledged = d.cycle();
  REQUIRE(acknowledged.size() == 1);
  check_reply(acknowledged[0], "<second@acme.test>", notice_id, "[C-2001]");

  const json queue = d.cli_json({"review", "list"});
  REQUIRE(queue.size() == 1);
  CHECK(queue[0]["case"] == "C-2001");
  const json shown = d.cli_json({"review", "show", "C-2001"});
  CHECK(shown.dump().find("double opt-in") != std::string::npos);

  d.cli_json({"review", "accept", "C-2001", "--reviewer", "r.lee", "--note", "Thank you."});
  const auto decided = d.cycle();
  REQUIRE(decided.size() == 1);
  const SinkMessage& decision = decided[0];
  CHECK(decision.mail_from == "enforcement@appeals.test");
  CHECK(decision.rcpt_tos ==
        std::vector<std::string>{std::string(customer), std::string(representative)});
  CHECK(header_of(decision.data, "Cc").find(representative) != std::string::npos);
  check_reply(decision, "<second@acme.test>", notice_id, "[C-2001]");
  CHECK(header_of(decision.data, "Auto-Submitted").empty());
  CHECK(decision.data.find("Thank you.") != std::string::npos);

  const auto events = d.story("C-2001");
  CAPTURE(json(events).dump());
  CHECK(in_order(events, {"notice_queued", "notice_sent", "received", "matched", "assessed",
                          "reply_queued", "reply_sent", "received", "matched", "assessed", "queued",
                          "reply_queued", "reply_sent", "decided", "reply_sent"}));
  const json cases = d.cli_json({"cases", "list"});
  REQUIRE(cases.size() == 1);
  CHECK(cases[0]["state"] == "closed");

  // The table an operator reads: one line per event, the reviewer named.
  std::string table;
  REQUIRE(d.h.appeald({"audit", "--case", "C-2001"}, &table) == 0);
  CHECK(table.find("notice_sent") != std::string::npos);
  CHECK(table.find("r.lee") != std::string::npos);
}

TEST_CASE("a rejection keeps the case open and a second appeal is judged afresh: asked again "
          "for what it lacks, then queued and accepted") {
  Desk d;
  const std::string notice_id = d.send_notice("C-2002");
  const auto notices = d.cycle();
  REQUIRE(notices.size() == 1);

  d.h.deliver(customer_reply("<a1@acme.test>", notices[0], cause_only + "\r\n\r\n" + the_rest));
  const auto ack = d.cycle();
  REQUIRE(ack.size() == 1);
  d.cli_json({"review", "reject", "C-2002", "--reviewer", "r.lee", "--reason",
              "Bounces continued after the date you give for the fix."});
  const auto rejected = d.cycle();
  REQUIRE(rejected.size() == 1);
  check_reply(rejected[0], "<a1@acme.test>", notice_id, "[C-2002]");
  CHECK(rejected[0].data.find("Bounces continued") != std::string::npos);
  CHECK(d.cli_json({"cases", "list"})[0]["state"] == "open");

  // The new appeal starts from nothing: the first appeal's evidence does not complete it.
  d.h.deliver(customer_reply("<b1@acme.test>", rejected[0], second_cause));
  const auto asked = d.cycle();
  REQUIRE(asked.size() == 1);
  check_reply(asked[0], "<b1@acme.test>", notice_id, "[C-2002]");
  CHECK(d.cli_json({"review", "list"}).empty());

  d.h.deliver(customer_reply("<b2@acme.test>", asked[0], second_rest));
  const auto acknowledged = d.cycle();
  REQUIRE(acknowledged.size() == 1); // the reply budget started again with the new appeal
  const json queue = d.cli_json({"review", "list"});
  REQUIRE(queue.size() == 1);
  CHECK(queue[0]["case"] == "C-2002");

  d.cli_json({"review", "accept", "C-2002", "--reviewer", "r.lee"});
  const auto decided = d.cycle();
  REQUIRE(decided.size() == 1);
  check_reply(decided[0], "<b2@acme.test>", notice_id, "[C-2002]");

  const auto events = d.story("C-2002");
  CAPTURE(json(events).dump());
  CHECK(in_order(events, {"notice_queued", "notice_sent", "received", "queued", "reply_sent",
                          "decided", "reply_sent", "received", "reply_queued", "reply_sent",
                          "received", "queued", "reply_sent", "decided", "reply_sent"}));
  CHECK(d.cli_json({"cases", "list"})[0]["state"] == "closed");
}
