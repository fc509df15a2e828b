// store/review_repository: one entry per case; a requeue refreshes the entry, merges flags and
// reopens a decided entry; decisions are recorded; listing filters by state, oldest first.
#include "store/review_repository.hpp"

#include "tests/support/store_fixtures.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <stdexcept>
#include <string>

using namespace appeald;

namespace {

using test::fresh_db;

store::ReviewEntry review(const std::string& case_id, const std::string& message_id,
                          std::int64_t received_at, std::vector<std::string> flags = {}) {
  store::ReviewEntry r;
  r.case_id = case_id;
  r.message_id = message_id;
  r.received_at = received_at;
  r.flags = std::move(flags);
  r.reason = "complete appeal from " + message_id;
  r.assessment_json = R"({"messages":1})";
  return r;
}

std::vector<std::string> case_ids(const std::vector<store::ReviewEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) {
    out.push_back(e.case_id);
  }
  return out;
}

} // namespace

TEST_CASE("a queued case reads back pending with its fields; flags sorted and unique") {
  store::Database db = fresh_db("roundtrip.db");
  store::ReviewEntry r =
      review("C-1", "<m1@x>", 100, {"sender_differs", "deadline_passed", "sender_differs"});
  r.state = "accepted"; // ignored: a queued entry is pending
  store::upsert_review(db, r);
  const auto found = store::find_review(db, "C-1");
  REQUIRE(found.has_value());
  CHECK(found->message_id == "<m1@x>");
  CHECK(found->received_at == 100);
  CHECK(found->flags == std::vector<std::string>{"deadline_passed", "sender_differs"});
  CHECK(found->reason == r.reason);
  CHECK(found->state == "pending");
  CHECK(found->assessment_json == r.assessment_json);
  CHECK_FALSE(found->decided_at.has_value());
  CHECK_FALSE(store::find_review(db, "C-404").has_value());
}

TEST_CASE("requeueing a case refreshes its one entry and merges flags") {
  store::Database db = fresh_db("merge.db");
  store::upsert_review(db, review("C-1", "<m1@x>", 100, {"sender_differs"}));
  store::ReviewEntry later = review("C-1", "<m2@x>", 200, {"reply_limit_reached"});
  later.assessment_json = R"({"messages":2})";
  store::upsert_review(db, later);
  const auto all = store::list_reviews(db, std::nullopt);
  REQUIRE(all.size() == 1);
  CHECK(all[0].message_id == "<m2@x>");
  CHECK(all[0].received_at == 200);
  CHECK(all[0].reason == later.reason);
  CHECK(all[0].assessment_json == R"({"messages":2})");
  CHECK(all[0].flags == std::vector<std::string>{"reply_limit_reached", "sender_differs"});
}

TEST_CASE("a decision is recorded, and a new message puts the case back to pending") {
  store::Database db = fresh_db("decide.db");
  store::upsert_review(db, review("C-1", "<m1@x>", 100));
  store::decide_review(db, "C-1", "asked", "alice", "Which list did you remove?", 150);
  auto found = store::find_review(db, "C-1");
  REQUIRE(found.has_value());
  CHECK(found->state == "asked");
  CHECK(found->decided_by == "alice");
  CHECK(found->decision_text == "Which list did you remove?");
  CHECK(found->decided_at == 150);

  store::upsert_review(db, review("C-1", "<m2@x>", 200));
  found = store::find_review(db, "C-1");
  CHECK(found->state == "pending");
  CHECK_FALSE(found->decided_at.has_value());
  CHECK(found->decided_by.empty());
  CHECK(found->decision_text.empty());

  store::decide_review(db, "C-404", "accepted", "alice", "", 300); // no entry: nothing happens
  CHECK_FALSE(store::find_review(db, "C-404").has_value());
  CHECK_THROWS_AS(store::decide_review(db, "C-1", "maybe", "alice", "", 300),
                  std::invalid_argument);
}

TEST_CASE("list_reviews filters by state and lists the oldest received first") {
  store::Database db = fresh_db("list.db");
  store::upsert_review(db, review("C-3", "<c@x>", 300));
  store::upsert_review(db, review("C-1", "<a@x>", 100));
  store::upsert_review(db, review("C-2", "<b@x>", 200));
  store::decide_review(db, "C-1", "accepted", "bob", "ok", 400);
  store::decide_review(db, "C-3", "rejected", "bob", "no", 400);

  struct Row {
    std::string what;
    std::optional<std::string> state;
    std::vector<std::string> expected;
  };
  const Row rows[] = {
      {"all", std::nullopt, {"C-1", "C-2", "C-3"}},
      {"pending", "pending", {"C-2"}},
      {"accepted", "accepted", {"C-1"}},
      {"rejected", "rejected", {"C-3"}},
      {"asked", "asked", {}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const auto state = row.state ? std::optional<std::string_view>(*row.state) : std::nullopt;
    CHECK(case_ids(store::list_reviews(db, state)) == row.expected);
  }
}
