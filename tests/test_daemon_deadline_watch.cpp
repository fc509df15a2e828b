// Deadline events: said once per probation when the deadline is within the configured window and
// once when it has passed, never for a case without a deadline, a suspension, or a case a
// decision has closed.
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
constexpr std::chrono::hours day_window{24};

appeals::CaseRecord with_deadline(const std::string& id, std::optional<std::int64_t> deadline,
                                  appeals::CaseKind kind = appeals::CaseKind::probation) {
  appeals::CaseRecord c;
  c.kind = kind;
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

TEST_CASE("deadline events are audited once, only for open probations with a deadline") {
  using appeals::CaseKind;
  struct Row {
    std::string what;
    std::optional<std::int64_t> deadline;
    bool closed;
    std::vector<std::string> first, later; // at `now`, then two days later
    CaseKind kind = CaseKind::probation;
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
      // Checked first at now, then only after the deadline: it passed unwarned.
      {"just outside the window", now + 25 * hour, false, {}, {"deadline_passed"}},
      {"already passed", now - hour, false, {"deadline_passed"}, {"deadline_passed"}},
      {"closed by a decision", now - hour, true, {}, {}},
      {"a suspension's deadline", now + 3 * hour, false, {}, {}, CaseKind::suspension},
      {"a suspension past its deadline", now - hour, false, {}, {}, CaseKind::suspension},
  };
  store::Database db = test::fresh_db("deadlines.db");
  std::vector<appeals::CaseRecord> cases;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    cases.push_back(with_deadline("D-" + std::to_string(i), rows[i].deadline, rows[i].kind));
  }
  store::import_cases(db, cases);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].closed) {
      store::close_case(db, cases[i].id, now - 2 * hour);
    }
  }

  daemon::audit_deadlines(db, now * 1000, day_window);
  daemon::audit_deadlines(db, now * 1000 + 60'000, day_window); // the next cycle says nothing
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CAPTURE(rows[i].what);
    CHECK(events_of(db, cases[i].id) == rows[i].first);
  }
  daemon::audit_deadlines(db, (now + 2 * 24 * hour) * 1000, day_window);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CAPTURE(rows[i].what);
    CHECK(events_of(db, cases[i].id) == rows[i].later);
  }
}

TEST_CASE("a deadline event's reason says whether anything was received") {
  store::Database db = test::fresh_db("deadline-reason.db");
  store::import_cases(db, {with_deadline("D-1", now - hour)});
  daemon::audit_deadlines(db, now * 1000, day_window);
  const auto events = store::audit_events(db, std::string_view("D-1"));
  REQUIRE(events.size() == 1);
  CHECK(events[0].second.reason.find("has passed without a decision") != std::string::npos);
  CHECK(events[0].second.reason.find("no message received") != std::string::npos);
  CHECK(events[0].second.actor == "appeald");
}

TEST_CASE("the warning window is the configured one, and the reason names it") {
  struct Row {
    std::string what;
    std::chrono::hours window;
    std::int64_t deadline_in;
    std::vector<std::string> events;
    std::string reason;
  };
  const std::vector<Row> rows = {
      {"three days warn two days ahead",
       std::chrono::hours(72),
       48 * hour,
       {"deadline_near"},
       "is less than 3 days away"},
      {"one hour does not warn two hours ahead", std::chrono::hours(1), 2 * hour, {}, ""},
      {"one hour warns half an hour ahead",
       std::chrono::hours(1),
       hour / 2,
       {"deadline_near"},
       "is less than 1 hour away"},
      {"36 hours stays in hours",
       std::chrono::hours(36),
       30 * hour,
       {"deadline_near"},
       "is less than 36 hours away"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    store::Database db = test::fresh_db("deadline-window.db");
    store::import_cases(db, {with_deadline("W-1", now + row.deadline_in)});
    daemon::audit_deadlines(db, now * 1000, row.window);
    CHECK(events_of(db, "W-1") == row.events);
    if (!row.reason.empty()) {
      const auto events = store::audit_events(db, std::string_view("W-1"));
      REQUIRE(events.size() == 1);
      CHECK(events[0].second.reason.find(row.reason) != std::string::npos);
    }
  }
}
