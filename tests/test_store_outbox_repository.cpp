// store/outbox_repository: entries round-trip, a Message-ID is queued once, the schedule picks
// queued entries by backoff (or ignores it), and sent/retry/failed transitions count attempts.
#include "store/outbox_repository.hpp"

#include "tests/support/store_fixtures.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

using namespace appeald;

namespace {

using test::fresh_db;

store::OutboxEntry entry(const std::string& message_id, std::int64_t created_at,
                         std::int64_t next_attempt_at = 0) {
  store::OutboxEntry e;
  e.case_id = "C-1";
  e.message_id = message_id;
  e.kind = "request_info";
  e.envelope_from = "enforcement@example.com";
  e.recipients = {"ops@example.com", "rep@example.org"};
  e.bytes = "Message-ID: " + message_id + "\r\n\r\nbody\r\n";
  e.created_at = created_at;
  e.next_attempt_at = next_attempt_at;
  return e;
}

std::vector<std::string> ids(const std::vector<store::OutboxEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) {
    out.push_back(e.message_id);
  }
  return out;
}

} // namespace

TEST_CASE("an enqueued entry reads back as queued, with everything it was given") {
  store::Database db = fresh_db("roundtrip.db");
  store::OutboxEntry e = entry("<o-1@appeald>", 100, 100);
  e.envelope_from = "";               // null reverse-path
  e.state = store::OutboxState::sent; // ignored: enqueue always queues
  e.attempts = 9;
  const std::int64_t id = store::enqueue(db, e);
  const auto found = store::find_outbox(db, "<o-1@appeald>");
  REQUIRE(found.has_value());
  CHECK(found->id == id);
  CHECK(found->case_id == e.case_id);
  CHECK(found->kind == e.kind);
  CHECK(found->envelope_from.empty());
  CHECK(found->recipients == e.recipients);
  CHECK(found->bytes == e.bytes);
  CHECK(found->state == store::OutboxState::queued);
  CHECK(found->attempts == 0);
  CHECK(found->next_attempt_at == 100);
  CHECK(found->created_at == 100);
  CHECK_FALSE(found->sent_at.has_value());
  CHECK(found->last_error.empty());
  CHECK_FALSE(store::find_outbox(db, "<nope@appeald>").has_value());
}

TEST_CASE("enqueueing the same Message-ID again keeps the first entry") {
  store::Database db = fresh_db("unique.db");
  const std::int64_t id = store::enqueue(db, entry("<o-1@appeald>", 100));
  store::mark_sent(db, id, 150);
  store::OutboxEntry again = entry("<o-1@appeald>", 200);
  again.bytes = "different";
  CHECK(store::enqueue(db, again) == id);
  const auto found = store::find_outbox(db, "<o-1@appeald>");
  REQUIRE(found.has_value());
  CHECK(found->state == store::OutboxState::sent); // not re-queued
  CHECK(found->bytes != "different");
  CHECK(store::outbox_counts(db) ==
        std::map<std::string, int>{{"queued", 0}, {"sent", 1}, {"failed", 0}});
}

TEST_CASE("due_entries selects queued entries by backoff, oldest first") {
  store::Database db = fresh_db("schedule.db");
  store::enqueue(db, entry("<later@a>", 300, 1000)); // backing off until 1000
  store::enqueue(db, entry("<old@a>", 100, 100));
  store::enqueue(db, entry("<mid@a>", 200, 500));
  const std::int64_t sent = store::enqueue(db, entry("<sent@a>", 50, 0));
  const std::int64_t failed = store::enqueue(db, entry("<failed@a>", 60, 0));
  store::mark_sent(db, sent, 70);
  store::mark_failed(db, failed, "550 no such user");

  struct Row {
    std::string what;
    std::int64_t now;
    store::Schedule schedule;
    std::vector<std::string> expected;
  };
  const Row rows[] = {
      {"nothing due yet", 99, store::Schedule::respect_backoff, {}},
      {"exactly due", 100, store::Schedule::respect_backoff, {"<old@a>"}},
      {"two due", 999, store::Schedule::respect_backoff, {"<old@a>", "<mid@a>"}},
      {"all due", 1000, store::Schedule::respect_backoff, {"<old@a>", "<mid@a>", "<later@a>"}},
      {"ignoring backoff", 0, store::Schedule::ignore_backoff, {"<old@a>", "<mid@a>", "<later@a>"}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CHECK(ids(store::due_entries(db, row.now, row.schedule)) == row.expected);
  }
}

TEST_CASE("retry, failure and success record attempts, errors and times") {
  store::Database db = fresh_db("transitions.db");
  const std::int64_t id = store::enqueue(db, entry("<o@a>", 100, 100));
  store::mark_retry(db, id, 160, "421 try later");
  store::mark_retry(db, id, 280, "connection refused");
  auto e = store::find_outbox(db, "<o@a>");
  REQUIRE(e.has_value());
  CHECK(e->state == store::OutboxState::queued);
  CHECK(e->attempts == 2);
  CHECK(e->next_attempt_at == 280);
  CHECK(e->last_error == "connection refused");
  CHECK(store::due_entries(db, 279, store::Schedule::respect_backoff).empty());
  CHECK(store::due_entries(db, 280, store::Schedule::respect_backoff).size() == 1);

  store::mark_sent(db, id, 290);
  e = store::find_outbox(db, "<o@a>");
  CHECK(e->state == store::OutboxState::sent);
  CHECK(e->sent_at == 290);
  CHECK(store::due_entries(db, 10'000, store::Schedule::ignore_backoff).empty());

  const std::int64_t bad = store::enqueue(db, entry("<bad@a>", 100));
  store::mark_failed(db, bad, "550 mailbox unavailable");
  e = store::find_outbox(db, "<bad@a>");
  CHECK(e->state == store::OutboxState::failed);
  CHECK(e->attempts == 1);
  CHECK(e->last_error == "550 mailbox unavailable");
  CHECK(store::outbox_counts(db) ==
        std::map<std::string, int>{{"queued", 0}, {"sent", 1}, {"failed", 1}});
}

TEST_CASE("outbox states have the names the counts use") {
  CHECK(store::to_string(store::OutboxState::queued) == "queued");
  CHECK(store::to_string(store::OutboxState::sent) == "sent");
  CHECK(store::to_string(store::OutboxState::failed) == "failed");
}
