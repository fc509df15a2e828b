// store/triage_repository: a triaged message is an open item until an operator assigns or
// dismisses it; an assigned message stays an item after its action changes; one decision per
// message; listing filters by state, oldest first. Also the message_repository functions the
// triage commands use: find_message and update_judgement.
#include "store/triage_repository.hpp"

#include "store/message_repository.hpp"
#include "tests/support/store_fixtures.hpp"

#include <doctest/doctest.h>

#include <SQLiteCpp/Exception.h>

#include <stdexcept>
#include <string>
#include <vector>

using namespace appeald;
using store::TriageState;

namespace {

std::int64_t add(store::Database& db, const std::string& mid, const std::string& action,
                 const std::string& case_id = "") {
  store::StoredMessage m;
  m.message_id = mid;
  m.sha256 = "sha-" + mid;
  m.action = action;
  m.case_id = case_id;
  m.reason = action + " because";
  m.folder = action == "triage" ? "Appeals/Triage" : "Appeals/Processed";
  m.received_at = 1000;
  m.verdict_json = "{}";
  return store::insert_message(db, m, "raw " + mid);
}

store::TriageDecision decision(std::int64_t id, TriageState state, std::string case_id = "") {
  store::TriageDecision d;
  d.message = id;
  d.state = state;
  d.case_id = std::move(case_id);
  d.decided_by = "alice";
  d.reason = "looked at it";
  d.decided_at = 2000;
  return d;
}

std::vector<std::int64_t> ids(const std::vector<store::TriageItem>& items) {
  std::vector<std::int64_t> out;
  for (const auto& i : items) {
    out.push_back(i.message.id);
  }
  return out;
}

} // namespace

TEST_CASE("triage items are listed by state, oldest first") {
  store::Database db = test::fresh_db("triage.db");
  const std::int64_t a = add(db, "<a@x>", "triage");
  add(db, "<b@x>", "review", "C-1"); // never a triage item
  const std::int64_t c = add(db, "<c@x>", "triage", "C-2");
  const std::int64_t d = add(db, "<d@x>", "triage");
  const std::int64_t e = add(db, "<e@x>", "triage");
  store::record_triage_decision(db, decision(c, TriageState::assigned, "C-2"));
  // After assignment the message is judged again; it stays a (decided) triage item.
  store::update_judgement(db, c, "C-2", "request_info", "missing: cause", R"({"action":"x"})");
  store::record_triage_decision(db, decision(d, TriageState::dismissed));

  struct Row {
    std::string what;
    std::optional<TriageState> state;
    std::vector<std::int64_t> expected;
  };
  const std::vector<Row> rows = {
      {"open", TriageState::open, {a, e}},
      {"assigned", TriageState::assigned, {c}},
      {"dismissed", TriageState::dismissed, {d}},
      {"all", std::nullopt, {a, c, d, e}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CHECK(ids(store::list_triage(db, row.state)) == row.expected);
  }

  const auto assigned = store::find_triage(db, c);
  REQUIRE(assigned.has_value());
  CHECK(assigned->state == TriageState::assigned);
  REQUIRE(assigned->decision.has_value());
  CHECK(assigned->decision->case_id == "C-2");
  CHECK(assigned->decision->decided_by == "alice");
  CHECK(assigned->decision->reason == "looked at it");
  CHECK(assigned->decision->decided_at == 2000);
  CHECK(assigned->message.action == "request_info");
  CHECK(assigned->message.reason == "missing: cause");
  CHECK(assigned->message.verdict_json == R"({"action":"x"})");
  CHECK(assigned->message.folder == "Appeals/Triage"); // where it is does not change

  const auto dismissed = store::find_triage(db, d);
  REQUIRE(dismissed.has_value());
  CHECK(dismissed->state == TriageState::dismissed);
  CHECK(dismissed->decision->case_id.empty());
  const auto open = store::find_triage(db, a);
  REQUIRE(open.has_value());
  CHECK(open->state == TriageState::open);
  CHECK_FALSE(open->decision.has_value());
  CHECK(open->message.message_id == "<a@x>");
}

TEST_CASE("find_triage finds only triage items") {
  store::Database db = test::fresh_db("triage.db");
  const std::int64_t review = add(db, "<b@x>", "review", "C-1");
  CHECK_FALSE(store::find_triage(db, review).has_value());
  CHECK_FALSE(store::find_triage(db, 999).has_value());
  REQUIRE(store::find_message(db, review).has_value());
  CHECK(store::find_message(db, review)->message_id == "<b@x>");
  CHECK_FALSE(store::find_message(db, 999).has_value());
}

TEST_CASE("a message has at most one triage decision, and 'open' is no decision") {
  store::Database db = test::fresh_db("triage.db");
  const std::int64_t a = add(db, "<a@x>", "triage");
  store::record_triage_decision(db, decision(a, TriageState::dismissed));
  CHECK_THROWS_AS(store::record_triage_decision(db, decision(a, TriageState::assigned, "C-1")),
                  SQLite::Exception);
  CHECK_THROWS_AS(store::record_triage_decision(db, decision(a, TriageState::open)),
                  std::invalid_argument);
  // The decision must name a stored message (foreign key).
  CHECK_THROWS_AS(store::record_triage_decision(db, decision(999, TriageState::dismissed)),
                  SQLite::Exception);
  CHECK(store::find_triage(db, a)->state == TriageState::dismissed);
}

TEST_CASE("triage states are written and read by name") {
  struct Row {
    std::string name;
    std::optional<TriageState> state;
  };
  const std::vector<Row> rows = {{"open", TriageState::open},
                                 {"assigned", TriageState::assigned},
                                 {"dismissed", TriageState::dismissed},
                                 {"all", std::nullopt},
                                 {"Open", std::nullopt},
                                 {"", std::nullopt}};
  for (const Row& row : rows) {
    CAPTURE(row.name);
    CHECK(store::parse_triage_state(row.name) == row.state);
    if (row.state) {
      CHECK(store::to_string(*row.state) == row.name);
    }
  }
}

TEST_CASE("update_judgement changes the judgement of one message only") {
  store::Database db = test::fresh_db("triage.db");
  const std::int64_t a = add(db, "<a@x>", "triage");
  const std::int64_t b = add(db, "<b@x>", "triage");
  store::update_judgement(db, a, "C-7", "review", "complete", "{\"v\":1}");
  const auto changed = store::find_message(db, a);
  CHECK(changed->case_id == "C-7");
  CHECK(changed->action == "review");
  CHECK(changed->reason == "complete");
  CHECK(changed->verdict_json == "{\"v\":1}");
  CHECK(changed->sha256 == "sha-<a@x>");
  CHECK(store::raw_bytes(db, a) == "raw <a@x>");
  CHECK(store::find_message(db, b)->action == "triage");
  store::update_judgement(db, 999, "C-7", "review", "x", "{}"); // no such message: nothing
  CHECK(store::count_messages(db) == 2);
}
