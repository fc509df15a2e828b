// Deadline events: said once per case when the deadline is near and once when it has passed,
// never for a case without a deadline or one a decision has closed.
#include "daemon/deadline_watch.hpp"
#include "store/audit_repository.hpp"
#include "store/case_repository.hpp"
#include "tests/support/store_fixtures.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

namespace {

using namespace appeald;

constexpr std::int64_t now = 1'800'000'000; // UTC seconds
constexpr std::int64_t hour = 3600;

appeals::CaseRecord with_deadline(const std::string& id, std::optional<std::int64_t> deadline) {
  appeals::CaseRecord c;
  c.id = id;
  c.account = "1";
  c.address = id + "@example.com";
  c.notice_message_id = "<" + id + "@enforcement.example>";
  c.sent_at = {now - 10 * 24 * hour, 0};
  if (deadline) {
    c.deadline = parsers::DateTime{*deadline, 0};
  }
  return c;
}

std::vector<std::string> events_of(store::Database& db, const std::string& id) {
  std::vector<std::string> out;
  for (const auto& [seq, e] : store::audit_events(db, id)) {
    out.push_back(e.event);
  }
  return out;
}

} // namespace

TEST_CASE("deadline events are audited once, only for open cases with a deadline") {
  struct Row {
    std::string what;
    std::optional<std::int64_t> deadline;
    bool closed;
    std::vector<std::string> first, later; // at `now`, then two days later
  };
  const std::vector<Row> rows = {
      {"no deadline", std::nullopt, false, {}, {}},
      {"far away", now + 5 * 24 * hour, false, {}, {}},
      {"within a day, then passed",
       now + 3 * hour,
       false,
       {"deadline_near"},
       {"deadline_near", "deadline_passed"}},
      {"exactly at the window's edge",
       now + 24 * hour,
       false,
       {"deadline_near"},
       {"deadline_near", "deadline_passed"}},
      {"already passed", now - hour, false, {"deadline_passed"}, {"deadline_passed"}},
      {"closed by a decision", now - hour, true, {}, {}},
  };
  store::Database db = test::fresh_db("deadlines.db");
  std::vector<appeals::CaseRecord> cases;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    cases.push_back(with_deadline("D-" + std::to_string(i), rows[i].deadline));
  }
  store::import_cases(db, cases);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].closed) {
      store::close_case(db, cases[i].id, now - 2 * hour);
    }
  }

  daemon::audit_deadlines(db, now * 1000);
  daemon::audit_deadlines(db, now * 1000 + 60'000); // the next cycle says nothing again
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CAPTURE(rows[i].what);
    CHECK(events_of(db, cases[i].id) == rows[i].first);
  }
  daemon::audit_deadlines(db, (now + 2 * 24 * hour) * 1000);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CAPTURE(rows[i].what);
    CHECK(events_of(db, cases[i].id) == rows[i].later);
  }
}

TEST_CASE("a deadline event's reason says whether anything was received") {
  store::Database db = test::fresh_db("deadline-reason.db");
  store::import_cases(db, {with_deadline("D-1", now - hour)});
  daemon::audit_deadlines(db, now * 1000);
  const auto events = store::audit_events(db, std::string_view("D-1"));
  REQUIRE(events.size() == 1);
  CHECK(events[0].second.reason.find("has passed without a decision") != std::string::npos);
  CHECK(events[0].second.reason.find("no message received") != std::string::npos);
  CHECK(events[0].second.actor == "appeald");
}
