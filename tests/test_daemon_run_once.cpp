// `appeald run --once` end to end against a real Dovecot and a real SMTP sink: the labelled
// evaluation mailbox (60 messages of every kind: complete, incomplete and planned-only appeals,
// auto-replies, read receipts, bounces, newsletters, unmatched mail) is delivered to INBOX, one
// cycle runs, and then every message must sit in the folder its verdict names, the sink must hold
// exactly the replies the dry-run of the same mailbox composes (threaded, Auto-Submitted, null
// envelope sender), and the store and the audit log must tell the same story.
#include "store/audit_repository.hpp"
#include "store/database.hpp"
#include "store/message_repository.hpp"
#include "store/outbox_repository.hpp"
#include "tests/support/daemon_harness.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <map>
#include <set>
#include <sstream>

namespace {

using appeald::test::DaemonHarness;
using appeald::test::header_of;
using nlohmann::json;

std::vector<json> dry_run_lines() {
  std::string out;
  const int rc =
      appeald::test::run_command({APPEALD_BINARY, "dry-run", "--cases",
                                  (appeald::test::data_dir() / "eval/cases.jsonl").string(),
                                  (appeald::test::data_dir() / "eval/mailbox.mbox").string()},
                                 &out);
  REQUIRE(rc == 0);
  std::vector<json> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.front() == '{') {
      lines.push_back(json::parse(line));
    }
  }
  return lines;
}

std::string folder_of(const std::string& action) {
  if (action == "review") {
    return "Appeals/Review";
  }
  if (action == "triage") {
    return "Appeals/Triage";
  }
  return "Appeals/Processed";
}

std::map<std::string, std::string> message_folders(DaemonHarness& h) {
  std::map<std::string, std::string> where;
  for (const char* f : {"INBOX", "Appeals/Processed", "Appeals/Review", "Appeals/Triage"}) {
    for (const std::string& raw : h.imap().messages(f)) {
      where[header_of(raw, "Message-ID")] = f;
    }
  }
  return where;
}

appeald::test::HarnessOptions eval_options() {
  appeald::test::HarnessOptions o;
  o.cases_jsonl = appeald::test::read_file(appeald::test::data_dir() / "eval/cases.jsonl");
  // The budget has its own test; here every reply the engine composes must go out.
  o.max_auto_replies_per_case = 100;
  return o;
}

} // namespace

TEST_CASE("run --once files every message where its verdict says and sends exactly the replies "
          "dry-run composes") {
  const std::vector<json> expected = dry_run_lines();
  REQUIRE(expected.size() == 60);
  DaemonHarness h(eval_options());
  REQUIRE(h.deliver_mbox(appeald::test::data_dir() / "eval/mailbox.mbox") == 60);

  std::string out;
  REQUIRE_MESSAGE(h.run_once(&out) == 0, out);

  const auto where = message_folders(h);
  CHECK(h.imap().count("INBOX") == 0);
  std::set<std::string> replied_to;
  for (const json& line : expected) {
    const std::string id = line["message_id"];
    CAPTURE(id);
    CAPTURE(line["action"]);
    REQUIRE(where.contains(id));
    CHECK(where.at(id) == folder_of(line["action"]));
    if (!line["reply"].is_null()) {
      replied_to.insert(id);
    }
  }

  const auto sent = h.smtp().messages();
  CHECK(sent.size() == replied_to.size());
  std::set<std::string> answered;
  for (const auto& m : sent) {
    const std::string in_reply_to = header_of(m.data, "In-Reply-To");
    CAPTURE(in_reply_to);
    CHECK(m.mail_from.empty()); // RFC 3834: null reverse-path
    CHECK(header_of(m.data, "Auto-Submitted") == "auto-replied");
    CHECK(header_of(m.data, "X-Appeald-Loop") == "1");
    CHECK(header_of(m.data, "References").find(in_reply_to) != std::string::npos);
    CHECK(replied_to.contains(in_reply_to));
    CHECK(answered.insert(in_reply_to).second); // one reply per message
    CHECK(!m.rcpt_tos.empty());
  }
}

TEST_CASE("the store and the audit log agree, and a second run takes nothing twice") {
  DaemonHarness h(eval_options());
  h.deliver_mbox(appeald::test::data_dir() / "eval/mailbox.mbox");
  REQUIRE(h.run_once() == 0);
  const std::size_t replies = h.smtp().messages().size();
  const std::vector<json> log_after_first = h.audit();

  // Everything already filed: the mailbox is empty, so nothing is fetched, judged or sent.
  REQUIRE(h.run_once() == 0);
  CHECK(h.smtp().messages().size() == replies);
  const std::vector<json> log = h.audit();
  CHECK(log.size() == log_after_first.size());

  auto db = appeald::store::Database::open(h.store_path());
  REQUIRE(db.has_value());
  const auto events = appeald::store::audit_events(*db, std::nullopt);
  REQUIRE(events.size() == log.size());
  std::map<std::string, int> per_event;
  for (std::size_t i = 0; i < log.size(); ++i) {
    const auto& [seq, e] = events[i];
    CAPTURE(i);
    CHECK(log[i]["event"] == e.event);
    CHECK(log[i].value("message_id", "") == e.message_id);
    CHECK(log[i].value("case", "") == e.case_id);
    CHECK(log[i]["actor"] == "appeald");
    CHECK(log[i]["ts"].get<std::string>().ends_with("Z"));
    ++per_event[e.event];
  }
  CHECK(per_event["received"] == 60);
  CHECK(appeald::store::count_messages(*db) == 60);
  CHECK(per_event["reply_queued"] == static_cast<int>(replies));
  CHECK(per_event["reply_sent"] == static_cast<int>(replies));
  // Each message ends in exactly one outcome: ignored, triaged, queued for review, or answered.
  int answered = 0;
  for (const auto& [seq, e] : events) {
    answered += e.event == "reply_queued" && e.action != "review" ? 1 : 0;
  }
  CHECK(per_event["ignored"] + per_event["triaged"] + per_event["queued"] + answered == 60);
  const auto counts = appeald::store::outbox_counts(*db);
  CHECK(counts.contains("sent"));
  CHECK(counts.at("sent") == static_cast<int>(replies));
  CHECK((counts.contains("queued") ? counts.at("queued") : 0) == 0);
}

TEST_CASE("a reviewer's decision taken with `review accept` reaches the customer through the "
          "daemon's outbox, threaded and not marked automatic") {
  DaemonHarness h(eval_options());
  h.deliver_mbox(appeald::test::data_dir() / "eval/mailbox.mbox");
  REQUIRE(h.run_once() == 0);
  const std::size_t before = h.smtp().messages().size();

  std::string out;
  REQUIRE(h.appeald({"review", "list", "--json"}, &out) == 0);
  const json queue = json::parse(out);
  REQUIRE(queue.is_array());
  REQUIRE(!queue.empty());
  const std::string case_id = queue[0]["case"];
  CAPTURE(case_id);
  REQUIRE(h.appeald({"review", "accept", case_id, "--reviewer", "r.lee", "--note",
                     "Thanks for the thorough fixes."},
                    &out) == 0);
  REQUIRE(h.appeald({"review", "accept", case_id, "--reviewer", "r.lee"}, &out) == 1);

  REQUIRE(h.run_once() == 0);
  const auto sent = h.smtp().messages();
  REQUIRE(sent.size() == before + 1);
  const auto& decision = sent.back();
  CHECK(decision.mail_from == "enforcement@appeals.test");
  CHECK(header_of(decision.data, "Auto-Submitted").empty());
  CHECK(header_of(decision.data, "Subject").find("[" + case_id + "]") != std::string::npos);
  CHECK(!header_of(decision.data, "In-Reply-To").empty());
  CHECK(decision.data.find("Thanks for the thorough fixes.") != std::string::npos);

  bool decided = false;
  bool decision_sent = false;
  for (const json& e : h.audit()) {
    if (e.value("case", "") != case_id) {
      continue;
    }
    decided = decided || (e["event"] == "decided" && e["actor"] == "r.lee");
    decision_sent = decision_sent || (e["event"] == "reply_sent" && e["action"] == "decision");
  }
  CHECK(decided);
  CHECK(decision_sent);
}
