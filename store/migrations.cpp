#include "store/migrations.hpp"

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Transaction.h>

#include <array>

namespace appeald::store {

namespace {

// Version 1: everything appeald 0.1 keeps. Times are UTC seconds unless the column says _ms.
// Empty strings, not NULLs, stand for "none" in text columns that the code always reads.
constexpr std::string_view schema_v1 = R"sql(
CREATE TABLE cases (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,   -- first-import order
  id TEXT NOT NULL UNIQUE,
  account TEXT NOT NULL,
  address TEXT NOT NULL,
  kind TEXT NOT NULL,
  issue TEXT NOT NULL,
  notice_message_id TEXT NOT NULL,
  sent_at INTEGER NOT NULL,
  sent_offset_minutes INTEGER NOT NULL DEFAULT 0,
  deadline INTEGER,
  deadline_offset_minutes INTEGER,
  representative TEXT,
  closed_at INTEGER,
  auto_replies INTEGER NOT NULL DEFAULT 0,
  assessment_json TEXT
);
CREATE TABLE thread_ids (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id TEXT NOT NULL UNIQUE,
  case_id TEXT NOT NULL REFERENCES cases(id)
);
CREATE INDEX thread_ids_by_case ON thread_ids(case_id);
CREATE TABLE messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id TEXT NOT NULL DEFAULT '',
  sha256 TEXT NOT NULL,
  uidvalidity INTEGER NOT NULL DEFAULT 0,
  uid INTEGER NOT NULL DEFAULT 0,
  received_at INTEGER NOT NULL,
  case_id TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  folder TEXT NOT NULL DEFAULT '',
  verdict_json TEXT NOT NULL DEFAULT '',
  moved INTEGER NOT NULL DEFAULT 0,
  truncated INTEGER NOT NULL DEFAULT 0,
  raw BLOB NOT NULL
);
CREATE INDEX messages_by_sha256 ON messages(sha256);
CREATE INDEX messages_by_message_id ON messages(message_id) WHERE message_id <> '';
CREATE INDEX messages_by_location ON messages(uidvalidity, uid);
CREATE INDEX messages_by_case ON messages(case_id);
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id TEXT NOT NULL DEFAULT '',
  message_id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  envelope_from TEXT NOT NULL DEFAULT '',
  recipients_json TEXT NOT NULL,
  bytes BLOB NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
CREATE TABLE reviews (
  case_id TEXT PRIMARY KEY,
  message_id TEXT NOT NULL DEFAULT '',
  received_at INTEGER NOT NULL,
  flags_json TEXT NOT NULL DEFAULT '[]',
  reason TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'accepted', 'rejected', 'asked')),
  assessment_json TEXT NOT NULL DEFAULT '',
  decided_at INTEGER,
  decided_by TEXT NOT NULL DEFAULT '',
  decision_text TEXT NOT NULL DEFAULT ''
);
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  ts_ms INTEGER NOT NULL,
  event TEXT NOT NULL,
  case_id TEXT NOT NULL DEFAULT '',
  message_id TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  actor TEXT NOT NULL DEFAULT 'appeald',
  extra_json TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX audit_by_case ON audit(case_id);
CREATE TABLE audit_cursor (
  only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
  flushed_up_to INTEGER NOT NULL
);
INSERT INTO audit_cursor (only_row, flushed_up_to) VALUES (1, 0);
CREATE TABLE mailbox_state (
  mailbox TEXT PRIMARY KEY,
  uidvalidity INTEGER NOT NULL
);
)sql";

// Version 2: which deadline events were already audited per case, so each is said once.
constexpr std::string_view schema_v2 = R"sql(
CREATE TABLE deadline_events (
  case_id TEXT NOT NULL REFERENCES cases(id),
  event TEXT NOT NULL CHECK (event IN ('deadline_near', 'deadline_passed')),
  PRIMARY KEY (case_id, event)
);
)sql";

// Version 3: what an operator decided about a triaged message (`appeald triage assign|dismiss`).
// A triaged message without a row here is still open; at most one decision per message.
constexpr std::string_view schema_v3 = R"sql(
CREATE TABLE triage_decisions (
  message_id INTEGER PRIMARY KEY REFERENCES messages(id),
  state TEXT NOT NULL CHECK (state IN ('assigned', 'dismissed')),
  case_id TEXT,
  decided_by TEXT NOT NULL,
  reason TEXT NOT NULL,
  decided_at INTEGER NOT NULL
);
)sql";

constexpr std::array<Migration, 3> steps{{
    {"cases, threads, messages, outbox, reviews, audit, mailbox state", schema_v1},
    {"deadline events", schema_v2},
    {"triage decisions", schema_v3},
}};

int user_version(SQLite::Database& sql) {
  return sql.execAndGet("PRAGMA user_version").getInt();
}

} // namespace

std::span<const Migration> migrations() {
  return steps;
}

int latest_schema_version() {
  return static_cast<int>(steps.size());
}

std::expected<int, std::string> migrate(SQLite::Database& sql) {
  const int latest = latest_schema_version();
  int version = user_version(sql);
  if (version > latest) {
    return std::unexpected("database schema version " + std::to_string(version) +
                           " is newer than this appeald supports (" + std::to_string(latest) + ")");
  }
  while (version < latest) {
    const Migration& step = steps[static_cast<std::size_t>(version)];
    const int next = version + 1;
    try {
      // IMMEDIATE: take the write lock first, so two processes opening a fresh file at once
      // serialize here instead of both applying the step.
      SQLite::Transaction t(sql, SQLite::TransactionBehavior::IMMEDIATE);
      if (user_version(sql) != version) {
        // Another process migrated meanwhile; look again.
        version = user_version(sql);
        if (version > latest) {
          return std::unexpected("database schema version " + std::to_string(version) +
                                 " is newer than this appeald supports (" + std::to_string(latest) +
                                 ")");
        }
        continue;
      }
      sql.exec(std::string(step.sql));
      sql.exec("PRAGMA user_version = " + std::to_string(next));
      t.commit();
    } catch (const SQLite::Exception& e) {
      return std::unexpected("migration to version " + std::to_string(next) + " (" +
                             std::string(step.description) + ") failed: " + e.what());
    }
    version = next;
  }
  return version;
}

} // namespace appeald::store
