// Triage to reply, end to end against a real Dovecot and a real SMTP sink: a message about a case
// from an address no case knows is filed in the triage folder unanswered; an operator finds it
// with `triage list`, assigns it with `triage assign`, and the next `run --once` sends the reply
// that case's message would have had, to the message's sender, threaded under it; the sender's
// answer to that reply then matches the case by itself. A second triaged message is dismissed:
// no mail. The audit log tells each story in order, and a decided item cannot be decided again.
#include "tests/support/daemon_harness.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using appeald::test::DaemonHarness;
using appeald::test::header_of;
using nlohmann::json;

const std::string cases =
    R"({"case":"C-X","account":"111122223333","address":"ops@customer.example",)"
    R"("kind":"probation","issue":"bounce","notice_message_id":"<n-x@enforcement.example>",)"
    R"("sent_at":"2026-11-01T10:00:00Z","deadline":"2036-11-15T00:00:00Z",)"
    R"("representative":null})"
    "\n";

std::string mail(const std::string& from, const std::string& mid, const std::string& extra,
                 const std::string& body) {
  return "From: " + from + "\r\nTo: enforcement@appeals.test\r\nSubject: Appeal for [C-X]\r\n" +
         "Date: Wed, 04 Nov 2026 09:00:00 +0000\r\nMessage-ID: " + mid + "\r\n" + extra + "\r\n" +
         body;
}

// The events of the log, in order, that concern `message_id` or are `case_id`'s reply_sent.
std::vector<std::string> story(const std::vector<json>& log, const std::string& message_id,
                               const std::string& case_id) {
  std::vector<std::string> out;
  for (const json& e : log) {
    const std::string event = e["event"];
    if (e.value("message_id", "") == message_id ||
        (event == "reply_sent" && e.value("case", "") == case_id)) {
      out.push_back(event);
    }
  }
  return out;
}

std::string only_open_id(DaemonHarness& h) {
  std::string out;
  REQUIRE(h.appeald({"triage", "list", "--json"}, &out) == 0);
  const json open = json::parse(out);
  REQUIRE(open.size() == 1);
  return std::to_string(open[0]["id"].get<std::int64_t>());
}

} // namespace

TEST_CASE("a triaged message assigned to its case is answered by the next cycle, threaded under "
          "it; a dismissed one is not") {
  appeald::test::HarnessOptions options;
  options.cases_jsonl = cases;
  DaemonHarness h(options);
  const std::string triaged_id = "<t1@agency.example>";
  h.deliver(mail("Kim <kim@agency.example>", triaged_id, "",
                 "We bought a list at a trade show in 2019 and never confirmed it.\r\n"));
  std::string out;
  REQUIRE_MESSAGE(h.run_once(&out) == 0, out);
  CHECK(h.imap().count("Appeals/Triage") == 1);
  CHECK(h.smtp().messages().empty());

  REQUIRE(h.appeald({"triage", "list", "--json"}, &out) == 0);
  const json open = json::parse(out);
  REQUIRE(open.size() == 1);
  CHECK(open[0]["message_id"] == triaged_id);
  CHECK(open[0]["from"] == "kim@agency.example");
  CHECK(open[0]["case"] == nullptr);
  const std::string id = only_open_id(h);

  REQUIRE(h.appeald({"triage", "assign", id, "--case", "C-X", "--actor", "op.jones", "--note",
                     "their agency writes for them"},
                    &out) == 0);
  CHECK(out.find("assigned " + id + " to C-X: request_info") != std::string::npos);
  CHECK(out.find("queued reply <") != std::string::npos);
  CHECK(h.smtp().messages().empty()); // the CLI only queues

  REQUIRE(h.run_once(&out) == 0);
  auto sent = h.smtp().messages();
  REQUIRE(sent.size() == 1);
  const auto& reply = sent[0];
  CHECK(reply.mail_from.empty()); // an automatic response: null reverse-path
  CHECK(reply.rcpt_tos == std::vector<std::string>{"kim@agency.example", "ops@customer.example"});
  CHECK(header_of(reply.data, "To").find("kim@agency.example") != std::string::npos);
  CHECK(header_of(reply.data, "In-Reply-To") == triaged_id);
  CHECK(header_of(reply.data, "Subject").find("[C-X]") != std::string::npos);
  CHECK(header_of(reply.data, "Auto-Submitted") == "auto-replied");
  // The message itself stays in the triage folder.
  CHECK(h.imap().count("Appeals/Triage") == 1);
  CHECK(h.imap().count("INBOX") == 0);

  const std::vector<json> log = h.audit();
  const std::vector<std::string> expected = {"received", "triaged",      "assigned",  "matched",
                                             "assessed", "reply_queued", "reply_sent"};
  CHECK(story(log, triaged_id, "C-X") == expected);
  for (const json& e : log) {
    if (e["event"] == "assigned") {
      CHECK(e["actor"] == "op.jones");
      CHECK(e["case"] == "C-X");
      CHECK(e["reason"] == "assigned to C-X by op.jones: their agency writes for them");
    }
    if (e["event"] == "matched" && e.value("message_id", "") == triaged_id) {
      CHECK(e["reason"] == "assigned");
    }
  }

  CHECK(h.appeald({"triage", "assign", id, "--case", "C-X"}, &out) == 1);
  CHECK(out.starts_with("appeald triage: triage item " + id + " was already assigned to C-X"));

  // The sender answers the reply: it matches the case by its thread now.
  const std::string reply_id = header_of(reply.data, "Message-ID");
  h.deliver(mail("kim@agency.example", "<t2@agency.example>", "In-Reply-To: " + reply_id + "\r\n",
                 "We have removed every address that bounced.\r\n"));
  REQUIRE(h.run_once(&out) == 0);
  bool matched_by_thread = false;
  for (const json& e : h.audit()) {
    matched_by_thread = matched_by_thread || (e["event"] == "matched" &&
                                              e.value("message_id", "") == "<t2@agency.example>" &&
                                              e["case"] == "C-X" && e["reason"] == "in-reply-to");
  }
  CHECK(matched_by_thread);
  const std::size_t mails = h.smtp().messages().size();

  // A second stranger: dismissed, never answered.
  const std::string spam_id = "<t3@stranger.example>";
  h.deliver(mail("someone@stranger.example", spam_id, "", "Buy our list cleaning service.\r\n"));
  REQUIRE(h.run_once(&out) == 0);
  const std::string spam = only_open_id(h);
  REQUIRE(h.appeald({"triage", "dismiss", spam, "--reason", "vendor pitch", "--actor", "op.jones"},
                    &out) == 0);
  REQUIRE(h.run_once(&out) == 0);
  CHECK(h.smtp().messages().size() == mails);
  CHECK(h.imap().count("Appeals/Triage") == 2);
  const std::vector<std::string> dismissed = {"received", "triaged", "dismissed"};
  CHECK(story(h.audit(), spam_id, "-") == dismissed);
  CHECK(h.appeald({"triage", "dismiss", spam, "--reason", "again"}, &out) == 1);
  REQUIRE(h.appeald({"triage", "list", "--json"}, &out) == 0);
  CHECK(json::parse(out) == json::array());
}
