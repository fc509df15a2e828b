// `appeald review list|show|raw|accept|reject|ask`, end to end: the built binary against a store
// seeded through the store API. The queue is ordered by urgency with its flags; show has what a
// reviewer reads; raw gives the bytes exactly; each decision queues its mail, records its state,
// closes the case only on accept, and is audited in the store and the file.
#include "daemon/audit_log.hpp"
#include "store/assessment_codec.hpp"
#include "store/audit_repository.hpp"
#include "store/case_repository.hpp"
#include "store/message_repository.hpp"
#include "store/outbox_repository.hpp"
#include "store/review_repository.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/store_fixtures.hpp"

#include "tests/test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace appeald;
namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
constexpr std::int64_t hour = 3600;

// The latest reply of C-1: CRLF, quoted history, and a byte that is not UTF-8, kept exactly.
const std::string c1_reply =
    "From: Sam <ops@customer.example>\r\nTo: enforcement@example.com\r\n"
    "Subject: Re: [C-1] Notice of probation\r\nMessage-ID: <a2@customer.example>\r\n"
    "In-Reply-To: <a1@customer.example>\r\n"
    "References: <n-1@enforcement.example> <a1@customer.example>\r\n"
    "Date: Tue, 03 Nov 2026 10:00:00 +0000\r\n\r\n"
    "We removed every address that bounced twice.\r\n\r\n> old words \xff\r\n";
const std::string c1_first = "From: ops@customer.example\r\nSubject: Appeal [C-1]\r\n"
                             "Message-ID: <a1@customer.example>\r\n\r\nWe bought a list.\r\n";

appeals::CaseRecord make_case(std::string id, std::string account, appeals::CaseKind kind,
                              std::optional<std::int64_t> deadline,
                              std::optional<std::string> representative = std::nullopt) {
  appeals::CaseRecord c;
  c.account = std::move(account);
  c.address = "ops@" + c.account + ".example";
  c.kind = kind;
  c.issue = appeals::Issue::bounce;
  c.notice_message_id = "<n-" + id.substr(2) + "@enforcement.example>";
  c.sent_at = {now - 100 * hour, 0};
  if (deadline) {
    c.deadline = parsers::DateTime{*deadline, 0};
  }
  c.representative = std::move(representative);
  c.id = std::move(id);
  return c;
}

void add_message(store::Database& db, const std::string& case_id, const std::string& mid,
                 const std::string& action, std::int64_t at, const std::string& raw) {
  store::StoredMessage m;
  m.case_id = case_id;
  m.message_id = mid;
  m.sha256 = mid + action;
  m.action = action;
  m.reason = action + " reason";
  m.folder = "Appeals/Review";
  m.received_at = at;
  store::insert_message(db, m, raw);
}

void queue(store::Database& db, const std::string& case_id, std::int64_t at,
           std::vector<std::string> flags, const std::string& assessment = "{}") {
  store::ReviewEntry e;
  e.case_id = case_id;
  e.message_id = "<q-" + case_id + "@x>";
  e.received_at = at;
  e.flags = std::move(flags);
  e.reason = "complete appeal";
  e.assessment_json = assessment;
  store::upsert_review(db, e);
}

// A scratch directory with c.toml and its store, seeded with:
// C-1 (acct-a, deadline in 24h, representative, 3 messages, a sent reply, queued 5h ago),
// C-2 (acct-b, deadline passed, queued 2h ago), C-3 (acct-a, no deadline, queued 30h ago),
// C-4 (acct-c, deadline in 10 days, no messages, queued 1h ago), C-5 (already accepted),
// C-6 (never queued).
struct Desk {
  fs::path dir = fs::absolute("desk");
  fs::path config = dir / "c.toml";
  fs::path db_path = dir / "x.db";
  fs::path audit = dir / "audit.jsonl";

  Desk() {
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(config) << "[smtp]\nfrom = \"Enforcement Team <enforcement@example.com>\"\n"
                             "[store]\npath = \"x.db\"\n[audit]\npath = \"audit.jsonl\"\n";
    store::Database db = test::fresh_db(db_path.string());
    using K = appeals::CaseKind;
    store::import_cases(
        db, {make_case("C-1", "acct-a", K::probation, now + 24 * hour, "rep@agency.example"),
             make_case("C-2", "acct-b", K::suspension, now - hour),
             make_case("C-3", "acct-a", K::probation, std::nullopt),
             make_case("C-4", "acct-c", K::probation, now + 240 * hour),
             make_case("C-5", "acct-d", K::suspension, now + 5 * hour),
             make_case("C-6", "acct-e", K::probation, std::nullopt)});
    add_message(db, "C-1", "<a1@customer.example>", "request_info", now - 8 * hour, c1_first);
    add_message(db, "C-1", "<a2@customer.example>", "review", now - 5 * hour, c1_reply);
    add_message(db, "C-1", "<ooo@customer.example>", "ignore", now - 4 * hour,
                "Subject: Out of Office\r\nMessage-ID: <ooo@customer.example>\r\n\r\naway\r\n");
    add_message(db, "C-2", "<b1@b.example>", "review", now - 2 * hour,
                "Message-ID: <b1@b.example>\r\n\r\nhi\r\n");
    store::OutboxEntry reply;
    reply.case_id = "C-1";
    reply.message_id = "<appeald.r1@example.com>";
    reply.kind = "request_info";
    reply.bytes = "x";
    reply.created_at = now - 8 * hour;
    store::mark_sent(db, store::enqueue(db, reply), now - 7 * hour);
    store::add_thread_id(db, "C-1", reply.message_id);
    appeals::CaseAssessment a;
    a.found["cause"] = {"We bought a list."};
    a.found["changes"] = {"We removed every address that bounced twice."};
    a.planned = {"We will add double opt-in."};
    a.messages = 2;
    queue(db, "C-1", now - 5 * hour, {"sender_differs"}, store::encode_assessment(a));
    queue(db, "C-2", now - 2 * hour, {});
    queue(db, "C-3", now - 30 * hour, {"reply_limit_reached"});
    queue(db, "C-4", now - hour, {});
    queue(db, "C-5", now - 50 * hour, {});
    store::decide_review(db, "C-5", "accepted", "bob", "", now - 40 * hour);
  }
  store::Database open() const {
    auto db = store::Database::open(db_path);
    REQUIRE(db.has_value());
    return std::move(*db);
  }
};

struct Result {
  int rc;
  std::string output; // stdout and stderr together
};

Result review(const Desk& d, std::vector<std::string> args,
              const std::vector<std::string>& env = {}) {
  std::vector<std::string> argv = {APPEALD_BINARY, "review"};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.end(), {"--config", d.config.string()});
  Result r;
  r.rc = test::run_command(argv, &r.output, env);
  return r;
}

std::string default_reviewer() {
  char name[256] = {};
  if (getlogin_r(name, sizeof name) == 0 && name[0] != '\0') {
    return name;
  }
  return "tester"; // the USER the test gives
}

} // namespace

TEST_CASE("review list orders pending entries by deadline and flags what needs care") {
  const Desk d;
  const Result r = review(d, {"list", "--json"});
  REQUIRE(r.rc == 0);
  const Json j = Json::parse(r.output);
  struct Row {
    std::string id;
    std::vector<std::string> flags;
  };
  const std::vector<Row> rows = {
      {"C-2", {"deadline_passed"}},
      {"C-1", {"sender_differs", "deadline_within_48h", "repeat_probation:2", "representative"}},
      {"C-4", {}},
      {"C-3", {"reply_limit_reached", "repeat_probation:2"}},
  };
  REQUIRE(j.size() == rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CAPTURE(rows[i].id);
    CHECK(j[i]["case"] == rows[i].id);
    CHECK(j[i]["flags"] == Json(rows[i].flags));
    CHECK(j[i]["state"] == "pending");
    for (const char* key : {"account", "issue", "kind", "deadline", "received_at", "reason",
                            "waiting_hours", "representative"}) {
      CAPTURE(key);
      CHECK(j[i].contains(key));
    }
  }
  CHECK(j[1]["account"] == "acct-a");
  CHECK(j[1]["kind"] == "probation");
  CHECK(j[1]["issue"] == "bounce");
  CHECK(j[1]["deadline"] == parsers::to_rfc3339({now + 24 * hour, 0}));
  CHECK(j[1]["received_at"] == parsers::to_rfc3339({now - 5 * hour, 0}));
  CHECK(j[1]["representative"] == "rep@agency.example");
  CHECK(j[1]["waiting_hours"].get<double>() == doctest::Approx(5.0).epsilon(0.02));
  CHECK(j[3]["deadline"] == nullptr);

  const Result all = review(d, {"list", "--state", "all", "--json"});
  REQUIRE(all.rc == 0);
  const Json every = Json::parse(all.output);
  REQUIRE(every.size() == 5);
  CHECK(every[1]["case"] == "C-5"); // deadline in 5h: second nearest
  CHECK(every[1]["state"] == "accepted");
  CHECK(every[1]["decided_by"] == "bob");

  const Result table = review(d, {"list"});
  REQUIRE(table.rc == 0);
  const auto t = test::lines_of(table.output);
  REQUIRE(t.size() == 5);
  std::size_t from = 0;
  for (const std::string h :
       {"CASE", "ACCOUNT", "ISSUE", "KIND", "DEADLINE", "WAITING", "FLAGS", "REASON"}) {
    CAPTURE(h);
    const std::size_t at = t[0].find(h, from);
    REQUIRE(at != std::string::npos);
    from = at + h.size();
  }
  CHECK(t[0].ends_with("REASON"));
  // Aligned: every row's cells start under their header.
  const std::size_t waiting_at = t[0].find("WAITING");
  const std::size_t flags_at = t[0].find("FLAGS");
  CHECK(t[1].starts_with("C-2 "));
  CHECK(t[2].starts_with("C-1 "));
  CHECK(t[2].substr(waiting_at).starts_with("5h "));
  CHECK(t[2].substr(flags_at) ==
        "sender_differs,deadline_within_48h,repeat_probation:2,representative  complete appeal");
  CHECK(t[3].substr(flags_at).starts_with("- "));     // C-4: no flags
  CHECK(t[4].substr(waiting_at).starts_with("30h ")); // C-3
}

TEST_CASE("review show has the case, other cases, new words, assessment, mail and raw") {
  const Desk d;
  const Result text = review(d, {"show", "C-1"});
  REQUIRE(text.rc == 0);
  for (const std::string& s : std::vector<std::string>{
           "Case C-1: probation, issue bounce, open", "representative: rep@agency.example",
           "Review: pending", "flags:  sender_differs, deadline_within_48h", "C-3  probation",
           "Messages (3):", "<a2@customer.example>", "folder Appeals/Review",
           "reason: review reason", "| We removed every address that bounced twice.",
           "cause:\n    - \"We bought a list.\"", "planned changes:\n    - \"We will add double",
           "request_info  sent  created", "<appeald.r1@example.com>",
           "appeald review raw C-1 --config " + d.config.string()}) {
    CAPTURE(s);
    CHECK(text.output.find(s) != std::string::npos);
  }
  CHECK(text.output.find("old words") == std::string::npos); // quoted history is not theirs

  const Result r = review(d, {"show", "C-1", "--json"});
  REQUIRE(r.rc == 0);
  const Json j = Json::parse(r.output);
  CHECK(j["case"]["case"] == "C-1");
  CHECK(j["case"]["notice_message_id"] == "<n-1@enforcement.example>");
  CHECK(j["review"]["state"] == "pending");
  REQUIRE(j["other_cases"].size() == 1);
  CHECK(j["other_cases"][0]["case"] == "C-3");
  CHECK(j["other_cases"][0]["review_state"] == "pending");
  REQUIRE(j["messages"].size() == 3);
  CHECK(j["messages"][1]["message_id"] == "<a2@customer.example>");
  CHECK(j["messages"][1]["action"] == "review");
  CHECK(j["messages"][1]["new_words"] == "We removed every address that bounced twice.");
  CHECK(j["messages"][1]["from"] == "ops@customer.example");
  CHECK(j["assessment"]["found"]["cause"] == Json::array({"We bought a list."}));
  CHECK(j["assessment"]["planned"] == Json::array({"We will add double opt-in."}));
  REQUIRE(j["outbox"].size() == 1);
  CHECK(j["outbox"][0]["kind"] == "request_info");
  CHECK(j["outbox"][0]["state"] == "sent");
  CHECK(j["outbox"][0]["sent_at"] == parsers::to_rfc3339({now - 7 * hour, 0}));
}

TEST_CASE("review raw prints the stored bytes exactly") {
  const Desk d;
  struct Row {
    std::string what;
    std::vector<std::string> extra;
    std::string expected;
  };
  const std::vector<Row> rows = {
      {"the latest message",
       {},
       "Subject: Out of Office\r\nMessage-ID: <ooo@customer.example>"
       "\r\n\r\naway\r\n"},
      {"a named message", {"--message", "<a2@customer.example>"}, c1_reply},
      {"a named message without brackets", {"--message", "a1@customer.example"}, c1_first},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    std::string command =
        "'" + std::string(APPEALD_BINARY) + "' review raw C-1 --config '" + d.config.string() + "'";
    for (const std::string& a : row.extra) {
      command += " '" + a + "'";
    }
    const fs::path out = d.dir / "message.eml";
    REQUIRE(test::run_command({"/bin/sh", "-c", command + " > '" + out.string() + "'"}) == 0);
    std::ifstream in(out, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), {}};
    CHECK(bytes == row.expected);
  }
}

TEST_CASE("each decision queues its mail, records its state and is audited") {
  const Desk d;
  struct Row {
    std::string id;
    std::vector<std::string> args;
    std::string state, action, reason, reviewer;
    bool closed;
    std::string in_reply_to; // the header line
    std::vector<std::string> recipients;
    std::string body_has;
  };
  // One decision per row reads better than one field per line.
  // clang-format off
  const std::vector<Row> rows = {
      {"C-1", {"accept", "C-1", "--note", "Well done.", "--reviewer", "alice"},
       "accepted", "accept", "Well done.", "alice", true, "In-Reply-To: <a2@customer.example>",
       {"ops@acct-a.example", "rep@agency.example"}, "has been lifted"},
      {"C-2", {"reject", "C-2", "--reason", "The list is unconfirmed.", "--reviewer", "bob"},
       "rejected", "reject", "The list is unconfirmed.", "bob", false,
       "In-Reply-To: <b1@b.example>", {"ops@acct-b.example"}, "The list is unconfirmed."},
      // No --reviewer: the login name, else $USER. No message: under the notice.
      {"C-4", {"ask", "C-4", "--text", "Which ESP do you use?"},
       "asked", "ask", "Which ESP do you use?", default_reviewer(), false,
       "In-Reply-To: <n-4@enforcement.example>", {"ops@acct-c.example"}, "Which ESP do you use?"},
      {"C-3", {"accept", "C-3", "--reviewer", "carol"},
       "accepted", "accept", "appeal accepted", "carol", true,
       "In-Reply-To: <n-3@enforcement.example>", {"ops@acct-a.example"}, "Hello"},
  };
  // clang-format on
  for (const Row& row : rows) {
    CAPTURE(row.id);
    std::vector<std::string> args = row.args;
    args.push_back("--json");
    const Result r = review(d, args, {"USER=tester"});
    REQUIRE_MESSAGE(r.rc == 0, r.output);
    const Json out = Json::parse(r.output);
    const std::string mid = out["message_id"];
    CHECK(out["state"] == row.state);
    CHECK(out["recipients"] == Json(row.recipients));

    store::Database db = d.open();
    const auto entry = store::find_review(db, row.id);
    REQUIRE(entry.has_value());
    CHECK(entry->state == row.state);
    CHECK(entry->decided_by == row.reviewer);
    const auto queued = store::find_outbox(db, mid);
    REQUIRE(queued.has_value());
    CHECK(queued->kind == "decision");
    CHECK(queued->case_id == row.id);
    CHECK(queued->envelope_from == "enforcement@example.com");
    CHECK(queued->recipients == row.recipients);
    CHECK(queued->state == store::OutboxState::queued);
    CHECK(queued->bytes.find("\r\n" + row.in_reply_to + "\r\n") != std::string::npos);
    CHECK(queued->bytes.find("Auto-Submitted") == std::string::npos);
    CHECK(queued->bytes.find("\r\nX-Appeald-Case: " + row.id + "\r\n") != std::string::npos);
    CHECK(queued->bytes.find(row.body_has) != std::string::npos);
    CHECK((queued->bytes.find("\r\nCc: rep@agency.example\r\n") != std::string::npos) ==
          (row.recipients.size() == 2));
    bool closed = false;
    for (const auto& [id, when] : store::load_closures(db)) {
      closed = closed || id == row.id;
    }
    CHECK(closed == row.closed);
    bool threaded = false;
    for (const auto& [id, message_id] : store::load_thread_ids(db)) {
      threaded = threaded || (id == row.id && message_id == mid);
    }
    CHECK(threaded);

    const auto events = store::audit_events(db, row.id);
    REQUIRE_FALSE(events.empty());
    const store::AuditEvent& e = events.back().second;
    CHECK(e.event == "decided");
    CHECK(e.message_id == mid);
    CHECK(e.action == row.action);
    CHECK(e.reason == row.reason);
    CHECK(e.actor == row.reviewer);
    bool in_file = false;
    for (const Json& line : daemon::read_audit_log(d.audit)) {
      in_file = in_file ||
                (line.value("event", "") == "decided" && line.value("case", "") == row.id &&
                 line.value("message_id", "") == mid && line.value("actor", "") == row.reviewer);
    }
    CHECK(in_file);
  }
  const Result left = review(d, {"list", "--json"});
  REQUIRE(left.rc == 0);
  CHECK(Json::parse(left.output) == Json::array());
}

TEST_CASE("review refuses what it cannot do: exit 1 for runtime failures, 2 for usage") {
  const Desk d;
  struct Row {
    std::string what;
    std::vector<std::string> args;
    int rc;
    std::string output_starts;
  };
  // clang-format off
  const std::vector<Row> rows = {
      {"an accepted case", {"accept", "C-5"}, 1,
       "appeald review: case C-5 is not awaiting review (state: accepted)"},
      {"a case never queued", {"reject", "C-6", "--reason", "x"}, 1,
       "appeald review: case C-6 has no review entry"},
      {"an unknown case", {"ask", "C-99", "--text", "x"}, 1,
       "appeald review: case C-99 has no review entry"},
      {"show an unknown case", {"show", "C-99"}, 1, "appeald review: no case C-99 in the store"},
      {"raw of a case without messages", {"raw", "C-4"}, 1,
       "appeald review: case C-4 has no stored message"},
      {"raw of a message not in the case", {"raw", "C-1", "--message", "<b1@b.example>"}, 1,
       "appeald review: case C-1 has no message <b1@b.example>"},
      {"no sub-command", {}, 2, "appeald"},
      {"reject without --reason", {"reject", "C-1"}, 2, "appeald"},
      {"ask without --text", {"ask", "C-1"}, 2, "appeald"},
      {"an empty reason", {"reject", "C-1", "--reason", "  "}, 2,
       "appeald review: --reason must not be empty"},
      {"accept without an id", {"accept"}, 2, "appeald"},
      {"an unknown state", {"list", "--state", "done"}, 2, "appeald"},
  };
  // clang-format on
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const Result r = review(d, row.args);
    CHECK(r.rc == row.rc);
    CHECK(r.output.starts_with(row.output_starts));
    CHECK(test::lines_of(r.output).size() == 1);
  }
  std::string out;
  CHECK(test::run_command({APPEALD_BINARY, "review", "list"}, &out) == 2); // no --config
  store::Database db = d.open();
  CHECK(store::find_review(db, "C-1")->state == "pending"); // nothing decided by a refusal
  CHECK(store::load_closures(db).empty());
}
