#include "store/outbox_repository.hpp"

#include "store/sql_values.hpp"

#include <stdexcept>

namespace appeald::store {

namespace {

using detail::bind_blob;
using detail::bind_text;
using detail::column_bytes;

constexpr std::string_view outbox_columns =
    "id, case_id, message_id, kind, envelope_from, recipients_json, bytes, state, attempts, "
    "next_attempt_at, created_at, sent_at, last_error";

OutboxState state_from(std::string_view name) {
  if (name == "queued") {
    return OutboxState::queued;
  }
  if (name == "sent") {
    return OutboxState::sent;
  }
  if (name == "failed") {
    return OutboxState::failed;
  }
  // The schema's CHECK constraint keeps other names out.
  throw std::runtime_error("corrupt outbox state \"" + std::string(name) + "\" in the store");
}

OutboxEntry read_entry(SQLite::Statement& st) {
  OutboxEntry e;
  e.id = st.getColumn(0).getInt64();
  e.case_id = column_bytes(st.getColumn(1));
  e.message_id = column_bytes(st.getColumn(2));
  e.kind = column_bytes(st.getColumn(3));
  e.envelope_from = column_bytes(st.getColumn(4));
  e.recipients = detail::decode_string_list(column_bytes(st.getColumn(5)), "outbox recipients");
  e.bytes = column_bytes(st.getColumn(6));
  e.state = state_from(column_bytes(st.getColumn(7)));
  e.attempts = st.getColumn(8).getInt();
  e.next_attempt_at = st.getColumn(9).getInt64();
  e.created_at = st.getColumn(10).getInt64();
  e.sent_at = detail::column_optional_int64(st.getColumn(11));
  e.last_error = column_bytes(st.getColumn(12));
  return e;
}

} // namespace

std::string_view to_string(OutboxState s) {
  switch (s) {
  case OutboxState::queued:
    return "queued";
  case OutboxState::sent:
    return "sent";
  case OutboxState::failed:
    return "failed";
  }
  return "queued";
}

std::int64_t enqueue(Database& db, const OutboxEntry& e) {
  SQLite::Statement insert(db.sql(),
                           "INSERT INTO outbox (case_id, message_id, kind, envelope_from, "
                           "recipients_json, bytes, state, attempts, next_attempt_at, created_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?) "
                           "ON CONFLICT (message_id) DO NOTHING");
  bind_text(insert, 1, e.case_id);
  bind_text(insert, 2, e.message_id);
  bind_text(insert, 3, e.kind);
  bind_text(insert, 4, e.envelope_from);
  bind_text(insert, 5, detail::encode_string_list(e.recipients));
  bind_blob(insert, 6, e.bytes);
  insert.bind(7, e.next_attempt_at);
  insert.bind(8, e.created_at);
  insert.exec();
  SQLite::Statement find(db.sql(), "SELECT id FROM outbox WHERE message_id = ?");
  bind_text(find, 1, e.message_id);
  find.executeStep();
  return find.getColumn(0).getInt64();
}

std::vector<OutboxEntry> due_entries(Database& db, std::int64_t now, Schedule schedule) {
  SQLite::Statement st(db.sql(), "SELECT " + std::string(outbox_columns) +
                                     " FROM outbox WHERE state = 'queued' "
                                     "AND (?1 = 0 OR next_attempt_at <= ?2) "
                                     "ORDER BY created_at, id");
  st.bind(1, schedule == Schedule::respect_backoff ? 1 : 0);
  st.bind(2, now);
  std::vector<OutboxEntry> out;
  while (st.executeStep()) {
    out.push_back(read_entry(st));
  }
  return out;
}

void mark_sent(Database& db, std::int64_t id, std::int64_t when) {
  SQLite::Statement st(db.sql(), "UPDATE outbox SET state = 'sent', sent_at = ? WHERE id = ?");
  st.bind(1, when);
  st.bind(2, id);
  st.exec();
}

void mark_retry(Database& db, std::int64_t id, std::int64_t next_attempt_at,
                std::string_view error) {
  SQLite::Statement st(db.sql(), "UPDATE outbox SET attempts = attempts + 1, "
                                 "next_attempt_at = ?, last_error = ? WHERE id = ?");
  st.bind(1, next_attempt_at);
  bind_text(st, 2, error);
  st.bind(3, id);
  st.exec();
}

void mark_failed(Database& db, std::int64_t id, std::string_view error) {
  SQLite::Statement st(db.sql(), "UPDATE outbox SET state = 'failed', attempts = attempts + 1, "
                                 "last_error = ? WHERE id = ?");
  bind_text(st, 1, error);
  st.bind(2, id);
  st.exec();
}

std::optional<OutboxEntry> find_outbox(Database& db, std::string_view message_id) {
  SQLite::Statement st(db.sql(), "SELECT " + std::string(outbox_columns) +
                                     " FROM outbox WHERE message_id = ?");
  bind_text(st, 1, message_id);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  return read_entry(st);
}

std::map<std::string, int> outbox_counts(Database& db) {
  std::map<std::string, int> counts;
  for (const OutboxState s : {OutboxState::queued, OutboxState::sent, OutboxState::failed}) {
    counts[std::string(to_string(s))] = 0;
  }
  SQLite::Statement st(db.sql(), "SELECT state, count(*) FROM outbox GROUP BY state");
  while (st.executeStep()) {
    counts[column_bytes(st.getColumn(0))] = st.getColumn(1).getInt();
  }
  return counts;
}

} // namespace appeald::store
