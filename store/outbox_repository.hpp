#pragma once
// Mail waiting to be sent. Each entry's Message-ID is fixed when it is queued and is unique, so a
// step that is retried after a crash queues nothing twice, and a resend carries the same id.
// No transactions opened here (store/database.hpp); throws SQLite::Exception when SQLite fails.
#include "store/database.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::store {

enum class OutboxState { queued, sent, failed };
// "queued", "sent", "failed".
std::string_view to_string(OutboxState s);

struct OutboxEntry {
  std::int64_t id = 0;
  std::string case_id;
  std::string message_id; // "<...>" of the mail; unique
  std::string kind;       // "request_info", "await_fixes", "review" (acknowledgement), "decision",
                          // "notice"
  std::string envelope_from; // "" = null reverse-path (MAIL FROM:<>)
  std::vector<std::string> recipients;
  std::string bytes; // the whole RFC 5322 message
  OutboxState state = OutboxState::queued;
  int attempts = 0; // failed attempts so far (mark_retry, mark_failed)
  std::int64_t next_attempt_at = 0;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> sent_at;
  std::string last_error;
};

// Inserts `e` as queued with its case, message id, kind, envelope, recipients, bytes,
// next_attempt_at and created_at (state, attempts, sent_at and last_error ignored). An entry with
// the same message_id already present is left as it is. Returns the entry's id either way.
std::int64_t enqueue(Database& db, const OutboxEntry& e);

// Whether due_entries() honours next_attempt_at: the daemon does; `run --once`, which drains the
// outbox before exiting, may send everything queued.
enum class Schedule { respect_backoff, ignore_backoff };
// Queued entries, oldest first (created_at, then id); with respect_backoff only those whose
// next_attempt_at is at or before `now`.
std::vector<OutboxEntry> due_entries(Database& db, std::int64_t now, Schedule schedule);

// The entry was accepted by the SMTP server at `when`.
void mark_sent(Database& db, std::int64_t id, std::int64_t when);
// A temporary failure: attempts+1, stays queued until `next_attempt_at`.
void mark_retry(Database& db, std::int64_t id, std::int64_t next_attempt_at,
                std::string_view error);
// A permanent failure: attempts+1, never sent.
void mark_failed(Database& db, std::int64_t id, std::string_view error);

std::optional<OutboxEntry> find_outbox(Database& db, std::string_view message_id);
// State name -> count of entries in that state; every state is present, 0 when empty.
std::map<std::string, int> outbox_counts(Database& db);

} // namespace appeald::store
