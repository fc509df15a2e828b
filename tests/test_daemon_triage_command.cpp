// `appeald triage list|show|raw|assign|dismiss`, end to end: the built binary against a store
// seeded by taking messages through MailIntake::take (as the daemon does), with the setup the
// triage commands build themselves (no IMAP or SMTP settings). The queue lists what no case could
// take; show gives what an operator needs to decide; an assignment is judged as the case's and
// queues the usual reply in one transaction, within the reply budget; a dismissal sends nothing;
// every decision is audited in the store and the file; refusals exit 1, usage errors 2.
#include "daemon/audit_log.hpp"
#include "daemon/mail_intake.hpp"
#include "daemon/triage_setup.hpp"
#include "store/audit_repository.hpp"
#include "store/case_repository.hpp"
#include "store/message_repository.hpp"
#include "store/outbox_repository.hpp"
#include "store/review_repository.hpp"
#include "store/triage_repository.hpp"
#include "tests/support/child_process.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

using namespace appeald;
namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

constexpr std::int64_t taken_at_ms = 1'793'700'000'000; // 2026-11-03T10:00:00Z
std::int64_t clock_ms = taken_at_ms;

const std::string complete_words =
    "The bounces happened because we imported an old list from a 2019 trade show and never "
    "confirmed those addresses.\r\n\r\n"
    "We have removed every address that bounced and we now suppress hard bounces automatically. "
    "From now on every address is confirmed with double opt-in at signup before we send to it."
    "\r\n\r\n"
    "This will prevent it from happening again, because bounced addresses are removed "
    "automatically after the first hard bounce.\r\n";

std::string mail(const std::string& from, const std::string& subject, const std::string& mid,
                 const std::string& extra, const std::string& body) {
  return "From: " + from + "\r\nTo: enforcement@example.com\r\nSubject: " + subject +
         "\r\nDate: Wed, 04 Nov 2026 09:00:00 +0000\r\nMessage-ID: " + mid + "\r\n" + extra +
         "\r\n" + body;
}

appeals::CaseRecord make_case(const std::string& id, const std::string& address) {
  appeals::CaseRecord c;
  c.id = id;
  c.account = "acct-" + id;
  c.address = address;
  c.kind = appeals::CaseKind::probation;
  c.issue = appeals::Issue::bounce;
  c.notice_message_id = "<n-" + id + "@enforcement.example>";
  c.sent_at = *parsers::parse_rfc3339("2026-11-01T10:00:00Z");
  return c;
}

// The messages of the desk, by name: what take() did with each is part of the fixture.
// stranger:  from an unknown address, tagged [C-1]            -> triage (no case matched)
// spoofed:   from C-1's address, DMARC failed                 -> triage (untrusted), case C-1
// empty:     in C-1's thread, no new words                    -> triage (nothing to assess)
// answered:  in C-1's thread, incomplete                      -> request_info (not triage)
// late:      from an unknown address about C-3                -> triage; C-3 has spent its budget
// closed:    from an unknown address about C-2 (closed)       -> triage
struct Desk {
  fs::path dir = fs::absolute("desk");
  fs::path config = dir / "c.toml";
  fs::path audit = dir / "audit.jsonl";
  std::map<std::string, std::int64_t> id;
  std::map<std::string, std::string> raw;

  Desk() {
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(config) << "[smtp]\nfrom = \"Enforcement Team <enforcement@example.com>\"\n"
                             "[store]\npath = \"x.db\"\n[audit]\npath = \"audit.jsonl\"\n"
                             "[policy]\nauthserv_id = \"mx.example.com\"\n"
                             "max_auto_replies_per_case = 2\n";
    auto setup = daemon::load_triage_setup(config, daemon::TriageNeeds::assigning);
    REQUIRE_MESSAGE(setup.has_value(), (setup ? "" : setup.error()));
    store::Database& db = setup->db;
    store::import_cases(db, {make_case("C-1", "ops@customer.example"),
                             make_case("C-2", "ops@closed.example"),
                             make_case("C-3", "ops@spent.example")});
    store::close_case(db, "C-2", 1'793'600'000);
    store::count_auto_reply(db, "C-3");
    store::count_auto_reply(db, "C-3");

    raw["stranger"] = mail("Pat Lee <pat@elsewhere.example>", "Appeal [C-1]",
                           "<stranger@elsewhere.example>", "", complete_words);
    raw["spoofed"] =
        mail("ops@customer.example", "about our account", "<spoofed@customer.example>",
             "Authentication-Results: mx.example.com; dmarc=fail; spf=fail; dkim=fail\r\n",
             "We bought a list.\r\n");
    raw["empty"] = mail("ops@customer.example", "Re: [C-1] probation", "<empty@customer.example>",
                        "In-Reply-To: <n-C-1@enforcement.example>\r\n", "> quoted only\r\n");
    raw["answered"] =
        mail("ops@customer.example", "Re: [C-1] probation", "<answered@customer.example>",
             "In-Reply-To: <n-C-1@enforcement.example>\r\n", "We bought a list in 2019.\r\n");
    raw["late"] = mail("helper@agency.example", "for spent", "<late@agency.example>", "",
                       "We bought a list at a trade show in 2019.\r\n");
    raw["closed"] =
        mail("helper@agency.example", "for closed", "<closed@agency.example>", "", complete_words);
    appeals::AppealDesk desk = daemon::load_desk(db, setup->run.rubric);
    daemon::MailIntake intake(db, setup->run, desk, [] { return clock_ms += 1000; });
    std::uint32_t uid = 0;
    for (const char* name : {"stranger", "spoofed", "empty", "answered", "late", "closed"}) {
      id[name] = intake.take(7, ++uid, raw[name], false).stored_id;
    }
  }
  store::Database open() const {
    auto db = store::Database::open(dir / "x.db");
    REQUIRE(db.has_value());
    return std::move(*db);
  }
  std::string n(const std::string& name) const { return std::to_string(id.at(name)); }
};

struct Result {
  int rc;
  std::string output; // stdout and stderr together
};

Result triage(const Desk& d, std::vector<std::string> args) {
  std::vector<std::string> argv = {APPEALD_BINARY, "triage"};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.end(), {"--config", d.config.string()});
  Result r;
  r.rc = test::run_command(argv, &r.output, {"USER=tester"});
  return r;
}

std::vector<std::string> events_of(store::Database& db, const std::string& message_id) {
  std::vector<std::string> out;
  for (const auto& [seq, e] : store::audit_events(db, std::nullopt)) {
    if (e.message_id == message_id) {
      out.push_back(e.event);
    }
  }
  return out;
}

} // namespace

TEST_CASE("triage list shows what no case could take, oldest first, with why") {
  const Desk d;
  const Result r = triage(d, {"list", "--json"});
  REQUIRE_MESSAGE(r.rc == 0, r.output);
  const Json j = Json::parse(r.output);
  struct Row {
    std::string name, from, subject;
    Json case_id;
    std::string reason_starts;
  };
  const std::vector<Row> rows = {
      {"stranger", "pat@elsewhere.example", "Appeal [C-1]", nullptr, "no case matched"},
      {"spoofed", "ops@customer.example", "about our account", "C-1",
       "sender match not trusted: sender authentication failed (dmarc=fail)"},
      {"empty", "ops@customer.example", "Re: [C-1] probation", "C-1", "nothing to assess"},
      {"late", "helper@agency.example", "for spent", nullptr, "no case matched"},
      {"closed", "helper@agency.example", "for closed", nullptr, "no case matched"},
  };
  REQUIRE(j.size() == rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CAPTURE(rows[i].name);
    CHECK(j[i]["id"] == d.id.at(rows[i].name));
    CHECK(j[i]["message_id"] ==
          "<" + rows[i].name + (rows[i].from.substr(rows[i].from.find('@'))) + ">");
    CHECK(j[i]["from"] == rows[i].from);
    CHECK(j[i]["subject"] == rows[i].subject);
    CHECK(j[i]["case"] == rows[i].case_id);
    CHECK(j[i]["reason"].get<std::string>().starts_with(rows[i].reason_starts));
    CHECK(j[i]["state"] == "open");
    CHECK(j[i]["folder"] == "Appeals/Triage");
    CHECK(j[i]["received_at"].get<std::string>().ends_with("Z"));
  }

  const Result table = triage(d, {"list"});
  REQUIRE(table.rc == 0);
  const auto t = test::lines_of(table.output);
  REQUIRE(t.size() == 6);
  std::size_t from = 0;
  for (const std::string h : {"ID", "RECEIVED", "FROM", "SUBJECT", "CASE", "REASON"}) {
    CAPTURE(h);
    const std::size_t at = t[0].find(h, from);
    REQUIRE(at != std::string::npos);
    from = at + h.size();
  }
  CHECK(t[0].ends_with("REASON"));
  CHECK(t[1].starts_with(d.n("stranger") + " "));
  CHECK(t[2].substr(t[0].find("CASE")).starts_with("C-1 "));
  CHECK(t[1].substr(t[0].find("CASE")).starts_with("- "));
}

TEST_CASE("triage show has the headers, the reason, the new words and the candidate cases") {
  const Desk d;
  const Result text = triage(d, {"show", d.n("stranger")});
  REQUIRE_MESSAGE(text.rc == 0, text.output);
  for (const std::string& s : std::vector<std::string>{
           "Triage item " + d.n("stranger") + ": open", "reason: no case matched",
           "From:        Pat Lee <pat@elsewhere.example>", "Subject:     Appeal [C-1]",
           "Message-ID:  <stranger@elsewhere.example>",
           "| The bounces happened because we imported",
           "C-1  probation  bounce  ops@customer.example  open  by subject-tag",
           "appeald triage raw " + d.n("stranger") + " --config " + d.config.string(),
           "appeald triage assign " + d.n("stranger") + " --case CASE"}) {
    CAPTURE(s);
    CHECK(text.output.find(s) != std::string::npos);
  }

  const Result r = triage(d, {"show", d.n("spoofed"), "--json"});
  REQUIRE(r.rc == 0);
  const Json j = Json::parse(r.output);
  CHECK(j["id"] == d.id.at("spoofed"));
  CHECK(j["state"] == "open");
  CHECK(j["case"] == "C-1");
  CHECK(j["headers"]["from"]["address"] == "ops@customer.example");
  CHECK(j["headers"]["authentication"]["dmarc"] == "fail");
  CHECK(j["headers"]["authentication"]["authserv_id"] == "mx.example.com");
  CHECK(j["new_words"] == "We bought a list.");
  CHECK(j["attachments"] == Json::array());
  REQUIRE(j["candidates"].size() == 1);
  CHECK(j["candidates"][0]["case"] == "C-1");
  CHECK(j["candidates"][0]["matched_by"] == Json::array({"sender"}));
  CHECK(j["decision"] == nullptr);

  const Result empty = triage(d, {"show", d.n("empty"), "--json"});
  REQUIRE(empty.rc == 0);
  const Json e = Json::parse(empty.output);
  REQUIRE(e["candidates"].size() == 1);
  CHECK(e["candidates"][0]["matched_by"] ==
        Json::array({"in-reply-to <n-C-1@enforcement.example>", "subject-tag", "sender"}));
}

TEST_CASE("triage raw prints the stored bytes exactly") {
  const Desk d;
  const fs::path out = d.dir / "message.eml";
  const std::string command = "'" + std::string(APPEALD_BINARY) + "' triage raw " + d.n("spoofed") +
                              " --config '" + d.config.string() + "' > '" + out.string() + "'";
  REQUIRE(test::run_command({"/bin/sh", "-c", command}) == 0);
  CHECK(test::read_file(out) == d.raw.at("spoofed"));
}

TEST_CASE("triage assign judges the message as the case's and queues the usual reply") {
  const Desk d;
  const Result r = triage(d, {"assign", d.n("stranger"), "--case", "C-1", "--actor", "alice",
                              "--note", "their agency", "--json"});
  REQUIRE_MESSAGE(r.rc == 0, r.output);
  const Json out = Json::parse(r.output);
  CHECK(out["state"] == "assigned");
  CHECK(out["case"] == "C-1");
  CHECK(out["action"] == "review");
  CHECK(out["review"] == "queued");
  CHECK(out["decided_by"] == "alice");
  REQUIRE(out["reply"].is_object());
  CHECK(out["reply"]["recipients"] ==
        Json::array({"pat@elsewhere.example", "ops@customer.example"}));
  const std::string reply_id = out["reply"]["message_id"];

  store::Database db = d.open();
  const auto item = store::find_triage(db, d.id.at("stranger"));
  REQUIRE(item.has_value());
  CHECK(item->state == store::TriageState::assigned);
  CHECK(item->decision->case_id == "C-1");
  CHECK(item->decision->decided_by == "alice");
  CHECK(item->decision->reason == "their agency");
  CHECK(item->message.case_id == "C-1");
  CHECK(item->message.action == "review");
  CHECK(item->message.folder == "Appeals/Triage"); // the message stays where it is
  CHECK(Json::parse(item->message.verdict_json)["matched_by"] == "assigned");

  const auto queued = store::find_outbox(db, reply_id);
  REQUIRE(queued.has_value());
  CHECK(queued->case_id == "C-1");
  CHECK(queued->kind == "review");
  CHECK(queued->envelope_from.empty()); // an automatic response
  CHECK(queued->bytes.find("\r\nIn-Reply-To: <stranger@elsewhere.example>\r\n") !=
        std::string::npos);
  const auto review = store::find_review(db, "C-1");
  REQUIRE(review.has_value());
  CHECK(review->message_id == "<stranger@elsewhere.example>");
  CHECK(review->flags == std::vector<std::string>{"assigned", "sender_differs"});
  CHECK(store::auto_replies(db, "C-1") == 2); // "answered" got one at intake
  bool threaded = false;
  for (const auto& [case_id, mid] : store::load_thread_ids(db)) {
    threaded = threaded || (case_id == "C-1" && mid == "<stranger@elsewhere.example>");
  }
  CHECK(threaded);

  const std::vector<std::string> expected = {"received", "triaged", "assigned",    "matched",
                                             "assessed", "queued",  "reply_queued"};
  CHECK(events_of(db, "<stranger@elsewhere.example>") == expected);
  bool in_file = false;
  for (const Json& line : daemon::read_audit_log(d.audit)) {
    if (line.value("event", "") == "assigned") {
      in_file = true;
      CHECK(line["actor"] == "alice");
      CHECK(line["case"] == "C-1");
      CHECK(line["message_id"] == "<stranger@elsewhere.example>");
      CHECK(line["reason"] == "assigned to C-1 by alice: their agency");
    }
  }
  CHECK(in_file);

  const Result again = triage(d, {"assign", d.n("stranger"), "--case", "C-1"});
  CHECK(again.rc == 1);
  CHECK(again.output.starts_with("appeald triage: triage item " + d.n("stranger") +
                                 " was already assigned to C-1 by alice at "));
  const Result listed = triage(d, {"list", "--state", "assigned", "--json"});
  REQUIRE(listed.rc == 0);
  const Json a = Json::parse(listed.output);
  REQUIRE(a.size() == 1);
  CHECK(a[0]["id"] == d.id.at("stranger"));
  CHECK(a[0]["state"] == "assigned");
  CHECK(a[0]["decided_by"] == "alice");
}

TEST_CASE("the reply budget applies to an assigned message as to any other") {
  const Desk d;
  const Result r = triage(d, {"assign", d.n("late"), "--case", "C-3", "--json"});
  REQUIRE_MESSAGE(r.rc == 0, r.output);
  const Json out = Json::parse(r.output);
  CHECK(out["action"] == "triage");
  CHECK(out["reason"].get<std::string>().starts_with("automatic reply limit reached"));
  CHECK(out["reply"] == nullptr);
  CHECK(out["reply_limited"] == true);
  CHECK(out["decided_by"] == "tester"); // no --actor: the login name, else $USER
  store::Database db = d.open();
  CHECK(store::auto_replies(db, "C-3") == 2);
  const std::vector<std::string> expected = {"received", "triaged", "assigned",     "matched",
                                             "assessed", "triaged", "reply_limited"};
  CHECK(events_of(db, "<late@agency.example>") == expected);
  // Decided all the same: it leaves the open queue.
  CHECK(store::find_triage(db, d.id.at("late"))->state == store::TriageState::assigned);
}

TEST_CASE("triage dismiss records the decision, audits it and sends nothing") {
  const Desk d;
  const std::size_t outbox_before = [&] {
    store::Database db = d.open();
    return store::outbox_counts(db).size();
  }();
  const Result r = triage(
      d, {"dismiss", d.n("spoofed"), "--reason", "spoofed, not the customer", "--reviewer", "bob"});
  REQUIRE_MESSAGE(r.rc == 0, r.output);
  CHECK(r.output.starts_with("dismissed " + d.n("spoofed") + " by bob"));
  store::Database db = d.open();
  const auto item = store::find_triage(db, d.id.at("spoofed"));
  CHECK(item->state == store::TriageState::dismissed);
  CHECK(item->decision->reason == "spoofed, not the customer");
  CHECK(item->message.action == "triage");
  CHECK(store::outbox_counts(db).size() == outbox_before);
  const auto events = store::audit_events(db, "C-1");
  REQUIRE_FALSE(events.empty());
  const store::AuditEvent& e = events.back().second;
  CHECK(e.event == "dismissed");
  CHECK(e.actor == "bob");
  CHECK(e.message_id == "<spoofed@customer.example>");
  CHECK(e.reason == "spoofed, not the customer");
  bool in_file = false;
  for (const Json& line : daemon::read_audit_log(d.audit)) {
    in_file = in_file || (line.value("event", "") == "dismissed" && line["actor"] == "bob");
  }
  CHECK(in_file);
  const Result open = triage(d, {"list", "--json"});
  for (const Json& row : Json::parse(open.output)) {
    CHECK(row["id"] != d.id.at("spoofed"));
  }
}

TEST_CASE("triage refuses what it cannot do: exit 1 for runtime failures, 2 for usage") {
  const Desk d;
  REQUIRE(triage(d, {"dismiss", d.n("empty"), "--reason", "nothing in it", "--actor", "bob"}).rc ==
          0);
  struct Row {
    std::string what;
    std::vector<std::string> args;
    int rc;
    std::string output_starts;
  };
  // clang-format off
  const std::vector<Row> rows = {
      {"an unknown id", {"assign", "999", "--case", "C-1"}, 1,
       "appeald triage: no triage item 999: no stored message has that id"},
      {"a message that is not in triage", {"dismiss", d.n("answered"), "--reason", "x"}, 1,
       "appeald triage: message " + d.n("answered") +
           " is not a triage item (its action is request_info)"},
      {"an unknown case", {"assign", d.n("stranger"), "--case", "C-99"}, 1,
       "appeald triage: no case C-99 in the store"},
      {"a closed case", {"assign", d.n("closed"), "--case", "C-2"}, 1,
       "appeald triage: case C-2 is closed: its appeal was decided at 2026-"},
      {"a dismissed item", {"assign", d.n("empty"), "--case", "C-1"}, 1,
       "appeald triage: triage item " + d.n("empty") + " was already dismissed by bob at "},
      {"show an unknown id", {"show", "999"}, 1, "appeald triage: no triage item 999"},
      {"raw of a message not in triage", {"raw", d.n("answered")}, 1,
       "appeald triage: message " + d.n("answered") + " is not a triage item"},
      {"no sub-command", {}, 2, "appeald"},
      {"an id that is not a number", {"show", "C-1"}, 2, "appeald"},
      {"assign without --case", {"assign", d.n("stranger")}, 2, "appeald"},
      {"an empty case", {"assign", d.n("stranger"), "--case", " "}, 2,
       "appeald triage: --case must not be empty"},
      {"dismiss without --reason", {"dismiss", d.n("stranger")}, 2, "appeald"},
      {"an empty reason", {"dismiss", d.n("stranger"), "--reason", "  "}, 2,
       "appeald triage: --reason must not be empty"},
      {"an empty actor", {"dismiss", d.n("stranger"), "--reason", "x", "--actor", " "}, 2,
       "appeald triage: --actor must not be empty"},
      {"an unknown state", {"list", "--state", "done"}, 2, "appeald"},
  };
  // clang-format on
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const Result r = triage(d, row.args);
    CHECK(r.rc == row.rc);
    CHECK(r.output.starts_with(row.output_starts));
    CHECK(test::lines_of(r.output).size() == 1);
  }
  std::string out;
  CHECK(test::run_command({APPEALD_BINARY, "triage", "list"}, &out) == 2); // no --config
  store::Database db = d.open();
  // Nothing decided by a refusal.
  CHECK(store::list_triage(db, store::TriageState::open).size() == 4);
  CHECK_FALSE(store::find_review(db, "C-1").has_value());
}

TEST_CASE("a thread match that fails authentication is queued for review with the flag") {
  // The contract distrusts only sender matches; a reply in the thread whose trusted
  // Authentication-Results fails is judged as usual, and the reviewer is told its From may be
  // forged.
  const Desk d;
  auto setup = daemon::load_triage_setup(d.config, daemon::TriageNeeds::assigning);
  REQUIRE_MESSAGE(setup.has_value(), (setup ? "" : setup.error()));
  store::Database& db = setup->db;
  appeals::AppealDesk desk = daemon::load_desk(db, setup->run.rubric);
  daemon::MailIntake intake(db, setup->run, desk, [] { return clock_ms += 1000; });
  const std::string raw =
      mail("ops@customer.example", "Re: [C-1] probation", "<forged@customer.example>",
           "In-Reply-To: <n-C-1@enforcement.example>\r\n"
           "Authentication-Results: mx.example.com; spf=fail; dkim=fail; dmarc=fail\r\n",
           complete_words);
  intake.take(7, 100, raw, false);

  const auto review = store::find_review(db, "C-1");
  REQUIRE(review.has_value());
  CHECK(review->message_id == "<forged@customer.example>");
  CHECK(review->flags == std::vector<std::string>{"sender_unauthenticated"});
}
