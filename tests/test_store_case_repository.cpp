// store/case_repository and assessment_codec: cases round-trip field for field, imports upsert by
// id and report what changed, thread ids keep their first claimant, per-case state (assessment,
// reply count, closure) survives a reopen, and the summary counts messages of each case.
#include "store/assessment_codec.hpp"
#include "store/case_repository.hpp"
#include "store/message_repository.hpp"

#include "tests/support/store_fixtures.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include <filesystem>
#include <functional>
#include <string>

using namespace appeald;

namespace {

using test::fresh_db;

appeals::CaseRecord make_case(const std::string& id, const std::string& address) {
  appeals::CaseRecord c;
  c.id = id;
  c.account = "1111" + id;
  c.address = address;
  c.kind = appeals::CaseKind::suspension;
  c.issue = appeals::Issue::complaint;
  c.notice_message_id = "<n-" + id + "@enforcement.example>";
  c.sent_at = parsers::DateTime{1'790'000'000, 120};
  c.deadline = parsers::DateTime{1'791'000'000, -300};
  c.representative = "rep@example.org";
  return c;
}

void check_same(const appeals::CaseRecord& a, const appeals::CaseRecord& b) {
  CHECK(a.id == b.id);
  CHECK(a.account == b.account);
  CHECK(a.address == b.address);
  CHECK(a.kind == b.kind);
  CHECK(a.issue == b.issue);
  CHECK(a.notice_message_id == b.notice_message_id);
  CHECK(a.sent_at.unix_seconds == b.sent_at.unix_seconds);
  CHECK(a.sent_at.offset_minutes == b.sent_at.offset_minutes);
  REQUIRE(a.deadline.has_value() == b.deadline.has_value());
  if (a.deadline) {
    CHECK(a.deadline->unix_seconds == b.deadline->unix_seconds);
    CHECK(a.deadline->offset_minutes == b.deadline->offset_minutes);
  }
  CHECK(a.representative == b.representative);
}

} // namespace

TEST_CASE("imported cases load back field for field, in first-import order") {
  store::Database db = fresh_db("roundtrip.db");
  appeals::CaseRecord bare = make_case("C-2", "b@example.com");
  bare.deadline.reset();
  bare.representative.reset();
  bare.kind = appeals::CaseKind::probation;
  bare.issue = appeals::Issue::other;
  const std::vector<appeals::CaseRecord> cases = {make_case("C-9", "a@example.com"), bare};
  const auto result = store::import_cases(db, cases);
  CHECK(result.added == 2);
  const auto loaded = store::load_cases(db);
  REQUIRE(loaded.size() == 2);
  check_same(loaded[0], cases[0]);
  check_same(loaded[1], cases[1]);
}

TEST_CASE("import upserts by id and counts added, updated and unchanged") {
  store::Database db = fresh_db("upsert.db");
  const auto first = store::import_cases(
      db, {make_case("C-1", "a@example.com"), make_case("C-2", "b@example.com")});
  CHECK(first.added == 2);

  struct Row {
    std::string what;
    std::function<void(appeals::CaseRecord&)> change;
    bool updated;
  };
  const Row rows[] = {
      {"identical", [](appeals::CaseRecord&) {}, false},
      {"address", [](appeals::CaseRecord& c) { c.address = "new@example.com"; }, true},
      {"deadline removed", [](appeals::CaseRecord& c) { c.deadline.reset(); }, true},
      {"deadline zone only", [](appeals::CaseRecord& c) { c.deadline->offset_minutes = 0; }, true},
      {"representative", [](appeals::CaseRecord& c) { c.representative.reset(); }, true},
      {"kind", [](appeals::CaseRecord& c) { c.kind = appeals::CaseKind::probation; }, true},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    appeals::CaseRecord changed = make_case("C-1", "a@example.com");
    row.change(changed);
    store::import_cases(db, {make_case("C-1", "a@example.com")}); // back to the original
    const auto result = store::import_cases(db, {changed});
    CHECK(result.added == 0);
    CHECK(result.updated == (row.updated ? 1 : 0));
    CHECK(result.unchanged == (row.updated ? 0 : 1));
    const auto loaded = store::load_cases(db);
    REQUIRE(loaded.size() == 2);
    CHECK(loaded[0].id == "C-1"); // an update keeps the first-import position
    check_same(loaded[0], changed);
  }
}

TEST_CASE("an update keeps the case's closure, reply count and assessment") {
  store::Database db = fresh_db("update-keeps.db");
  store::import_cases(db, {make_case("C-1", "a@example.com")});
  store::close_case(db, "C-1", 100);
  store::count_auto_reply(db, "C-1");
  store::save_assessment(db, "C-1", appeals::CaseAssessment{{}, {"plan"}, true, 1});
  store::import_cases(db, {make_case("C-1", "changed@example.com")});
  CHECK(store::load_closures(db).size() == 1);
  CHECK(store::auto_replies(db, "C-1") == 1);
  CHECK(store::load_assessments(db).at("C-1").planned == std::vector<std::string>{"plan"});
}

TEST_CASE("thread ids: the notice joins on import, the first case keeps an id, empties ignored") {
  store::Database db = fresh_db("threads.db");
  store::import_cases(db, {make_case("C-1", "a@example.com"), make_case("C-2", "b@example.com")});
  store::add_thread_id(db, "C-2", "<reply@x>");
  store::add_thread_id(db, "C-1", "<reply@x>");                   // already claimed by C-2
  store::add_thread_id(db, "C-1", "");                            // ignored
  store::add_thread_id(db, "C-404", "<unknown-case@x>");          // ignored: no such case
  store::add_thread_id(db, "C-1", "<n-C-2@enforcement.example>"); // C-2's notice stays C-2's
  store::import_cases(db, {make_case("C-1", "a@example.com")});   // re-import adds nothing
  using Pair = std::pair<std::string, std::string>;
  const std::vector<Pair> expected = {
      {"C-1", "<n-C-1@enforcement.example>"},
      {"C-2", "<n-C-2@enforcement.example>"},
      {"C-2", "<reply@x>"},
  };
  CHECK(store::load_thread_ids(db) == expected);
}

TEST_CASE("auto replies count up; closing keeps the earliest time") {
  store::Database db = fresh_db("state.db");
  store::import_cases(db, {make_case("C-1", "a@example.com"), make_case("C-2", "b@example.com")});
  CHECK(store::auto_replies(db, "C-1") == 0);
  store::count_auto_reply(db, "C-1");
  store::count_auto_reply(db, "C-1");
  store::count_auto_reply(db, "C-404"); // ignored
  CHECK(store::auto_replies(db, "C-1") == 2);
  CHECK(store::auto_replies(db, "C-2") == 0);
  CHECK(store::auto_replies(db, "C-404") == 0);

  CHECK(store::load_closures(db).empty());
  store::close_case(db, "C-2", 500);
  store::close_case(db, "C-2", 700); // later: ignored
  store::close_case(db, "C-2", 300); // earlier: kept
  using Pair = std::pair<std::string, std::int64_t>;
  CHECK(store::load_closures(db) == std::vector<Pair>{{"C-2", 300}});
}

TEST_CASE("assessments are saved per case and replaced on save") {
  store::Database db = fresh_db("assessments.db");
  store::import_cases(db, {make_case("C-1", "a@example.com"), make_case("C-2", "b@example.com")});
  appeals::CaseAssessment first;
  first.found["cause"] = {"We imported an old list."};
  first.messages = 1;
  store::save_assessment(db, "C-1", first);
  appeals::CaseAssessment second = first;
  second.found["changes"] = {"We removed it."};
  second.messages = 2;
  store::save_assessment(db, "C-1", second);
  const auto loaded = store::load_assessments(db);
  REQUIRE(loaded.size() == 1);
  CHECK(loaded.at("C-1").found == second.found);
  CHECK(loaded.at("C-1").messages == 2);
}

TEST_CASE("assessment codec round-trips every field, Unicode and quotes included") {
  appeals::CaseAssessment a;
  a.found["cause"] = {"We imported a 2019 list \"as is\".", "Zweite Säule: ü €"};
  a.found["bounce.removal"] = {"Hard bounces are suppressed\nimmediately."};
  a.planned = {"We will add double opt-in."};
  a.said_no_changes = true;
  a.messages = 3;
  const auto decoded = store::decode_assessment(store::encode_assessment(a));
  REQUIRE(decoded.has_value());
  CHECK(decoded->found == a.found);
  CHECK(decoded->planned == a.planned);
  CHECK(decoded->said_no_changes == a.said_no_changes);
  CHECK(decoded->messages == a.messages);
  CHECK(store::encode_assessment(appeals::CaseAssessment{}) ==
        R"({"found":{},"planned":[],"said_no_changes":false,"messages":0})");
}

TEST_CASE("assessment codec rejects what it did not write") {
  struct Row {
    std::string what;
    const char* json;
  };
  const Row rows[] = {
      {"not JSON", "{"},
      {"not an object", "[]"},
      {"found not an object", R"({"found":[]})"},
      {"sentence not a string", R"({"found":{"cause":[1]}})"},
      {"planned not an array", R"({"planned":"x"})"},
      {"flag not a boolean", R"({"said_no_changes":"yes"})"},
      {"negative count", R"({"messages":-1})"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const auto decoded = store::decode_assessment(row.json);
    REQUIRE_FALSE(decoded.has_value());
    CHECK(decoded.error().starts_with("invalid assessment JSON: "));
  }
  CHECK(store::decode_assessment("{}").has_value()); // every key optional
}

TEST_CASE("list_cases summarizes messages, replies, closure and the latest action") {
  store::Database db = fresh_db("summary.db");
  store::import_cases(db, {make_case("C-1", "a@example.com"), make_case("C-2", "b@example.com")});
  store::StoredMessage m;
  m.case_id = "C-1";
  m.sha256 = "h1";
  m.action = "request_info";
  m.received_at = 1000;
  store::insert_message(db, m, "one");
  m.sha256 = "h2";
  m.action = "review";
  m.received_at = 2000;
  store::insert_message(db, m, "two");
  m.case_id = "";
  m.sha256 = "h3";
  m.action = "triage";
  store::insert_message(db, m, "three");
  store::count_auto_reply(db, "C-1");
  store::close_case(db, "C-2", 42);

  const auto rows = store::list_cases(db);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].record.id == "C-1");
  CHECK(rows[0].messages == 2);
  CHECK(rows[0].auto_replies == 1);
  CHECK(rows[0].last_action == "review");
  CHECK(rows[0].last_received_at == 2000);
  CHECK_FALSE(rows[0].closed_at.has_value());
  CHECK(rows[1].record.id == "C-2");
  CHECK(rows[1].messages == 0);
  CHECK(rows[1].last_action.empty());
  CHECK_FALSE(rows[1].last_received_at.has_value());
  CHECK(rows[1].closed_at == 42);
}

TEST_CASE("a new appeal after a rejection drops the assessment and the reply count, nothing else") {
  store::Database db = fresh_db("new-appeal.db");
  store::import_cases(db, {make_case("C-1", "a@example.com"), make_case("C-2", "b@example.com")});
  appeals::CaseAssessment a;
  a.found["cause"] = {"We imported an old list."};
  a.messages = 1;
  for (const char* id : {"C-1", "C-2"}) {
    store::save_assessment(db, id, a);
    store::count_auto_reply(db, id);
    store::count_auto_reply(db, id);
    store::add_thread_id(db, id, std::string("<m-") + id + "@example.com>");
  }
  store::start_new_appeal(db, "C-1");
  store::start_new_appeal(db, "C-9"); // unknown: ignored

  struct Row {
    std::string id;
    bool has_assessment;
    int replies;
  };
  for (const Row& row : {Row{"C-1", false, 0}, Row{"C-2", true, 2}}) {
    CAPTURE(row.id);
    CHECK(store::load_assessments(db).contains(row.id) == row.has_assessment);
    CHECK(store::auto_replies(db, row.id) == row.replies);
  }
  // The thread still matches the customer's next appeal.
  const auto threads = store::load_thread_ids(db);
  CHECK(std::count_if(threads.begin(), threads.end(), [](const auto& t) {
          return t.first == "C-1" && t.second == "<m-C-1@example.com>";
        }) == 1);
}
