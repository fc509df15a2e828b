// store/audit_repository and mailbox_state: events round-trip with their extension fields in
// order, sequence numbers grow, the flush cursor only moves forward and bounds what is unflushed,
// events filter by case; the last UIDVALIDITY is kept per mailbox.
#include "store/audit_repository.hpp"
#include "store/mailbox_state.hpp"

#include "tests/support/store_fixtures.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

using namespace appeald;

namespace {

using test::fresh_db;

store::AuditEvent event(const std::string& name, const std::string& case_id) {
  store::AuditEvent e;
  e.ts_ms = 1'790'000'000'123;
  e.event = name;
  e.case_id = case_id;
  return e;
}

std::vector<std::int64_t> seqs(const std::vector<std::pair<std::int64_t, store::AuditEvent>>& v) {
  std::vector<std::int64_t> out;
  for (const auto& [seq, e] : v) {
    out.push_back(seq);
  }
  return out;
}

} // namespace

TEST_CASE("an audit event reads back field for field, extension fields in order") {
  store::Database db = fresh_db("roundtrip.db");
  store::AuditEvent e = event("decided", "C-1");
  e.message_id = "<m@x>";
  e.action = "review";
  e.reason = "accepted: \"fixed\" ü";
  e.actor = "alice";
  e.extra = {{"folder", "Appeals/Review"}, {"uid", "42"}, {"attempt", "1"}};
  const std::int64_t seq = store::append_audit(db, e);
  const auto all = store::audit_events(db, std::nullopt);
  REQUIRE(all.size() == 1);
  CHECK(all[0].first == seq);
  const store::AuditEvent& got = all[0].second;
  CHECK(got.ts_ms == e.ts_ms);
  CHECK(got.event == e.event);
  CHECK(got.case_id == e.case_id);
  CHECK(got.message_id == e.message_id);
  CHECK(got.action == e.action);
  CHECK(got.reason == e.reason);
  CHECK(got.actor == e.actor);
  CHECK(got.extra == e.extra);
}

TEST_CASE("the flush cursor bounds what is unflushed and never moves back") {
  store::Database db = fresh_db("cursor.db");
  std::vector<std::int64_t> appended;
  for (int i = 0; i < 5; ++i) {
    appended.push_back(store::append_audit(db, event("received", "C-1")));
  }
  CHECK(appended == std::vector<std::int64_t>{1, 2, 3, 4, 5});

  struct Row {
    std::string what;
    std::optional<std::int64_t> flush; // mark_audit_flushed first, when set
    std::size_t limit;
    std::vector<std::int64_t> expected;
  };
  const Row rows[] = {
      {"nothing flushed yet", std::nullopt, 10, {1, 2, 3, 4, 5}},
      {"limit", std::nullopt, 2, {1, 2}},
      {"after flushing two", 2, 10, {3, 4, 5}},
      {"the cursor never moves back", 1, 10, {3, 4, 5}},
      {"all flushed", 5, 10, {}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    if (row.flush) {
      store::mark_audit_flushed(db, *row.flush);
    }
    CHECK(seqs(store::unflushed_audit(db, row.limit)) == row.expected);
  }
  CHECK(store::append_audit(db, event("matched", "C-1")) == 6);
  CHECK(seqs(store::unflushed_audit(db, 10)) == std::vector<std::int64_t>{6});
  CHECK(store::audit_events(db, std::nullopt).size() == 6); // flushed ones stay readable
}

TEST_CASE("audit_events filters by case, in sequence order") {
  store::Database db = fresh_db("by-case.db");
  store::append_audit(db, event("received", "C-1"));
  store::append_audit(db, event("received", ""));
  store::append_audit(db, event("matched", "C-2"));
  store::append_audit(db, event("assessed", "C-1"));
  CHECK(seqs(store::audit_events(db, "C-1")) == std::vector<std::int64_t>{1, 4});
  CHECK(seqs(store::audit_events(db, "C-2")) == std::vector<std::int64_t>{3});
  CHECK(store::audit_events(db, "C-404").empty());
  CHECK(seqs(store::audit_events(db, std::nullopt)) == std::vector<std::int64_t>{1, 2, 3, 4});
}

TEST_CASE("the last UIDVALIDITY is kept per mailbox, full 32-bit range") {
  store::Database db = fresh_db("mailbox.db");
  CHECK_FALSE(store::last_uidvalidity(db, "INBOX").has_value());
  store::set_uidvalidity(db, "INBOX", 1);
  store::set_uidvalidity(db, "INBOX", 4'294'967'295u);
  store::set_uidvalidity(db, "Other", 9);
  CHECK(store::last_uidvalidity(db, "INBOX") == 4'294'967'295u);
  CHECK(store::last_uidvalidity(db, "Other") == 9u);
}
