#include "store/message_repository.hpp"

#include "store/sql_values.hpp"

namespace appeald::store {

namespace {

using detail::bind_blob;
using detail::bind_text;
using detail::column_bytes;

// The columns read_message() expects, in its order (everything but the raw bytes).
constexpr std::string_view message_columns =
    "id, message_id, sha256, uidvalidity, uid, received_at, case_id, action, reason, folder, "
    "verdict_json, moved, truncated";

StoredMessage read_message(SQLite::Statement& st) {
  StoredMessage m;
  m.id = st.getColumn(0).getInt64();
  m.message_id = column_bytes(st.getColumn(1));
  m.sha256 = column_bytes(st.getColumn(2));
  m.uidvalidity = static_cast<std::uint32_t>(st.getColumn(3).getInt64());
  m.uid = static_cast<std::uint32_t>(st.getColumn(4).getInt64());
  m.received_at = st.getColumn(5).getInt64();
  m.case_id = column_bytes(st.getColumn(6));
  m.action = column_bytes(st.getColumn(7));
  m.reason = column_bytes(st.getColumn(8));
  m.folder = column_bytes(st.getColumn(9));
  m.verdict_json = column_bytes(st.getColumn(10));
  m.moved = st.getColumn(11).getInt() != 0;
  m.truncated = st.getColumn(12).getInt() != 0;
  return m;
}

std::optional<StoredMessage> first_row(SQLite::Statement& st) {
  if (!st.executeStep()) {
    return std::nullopt;
  }
  return read_message(st);
}

std::string select_messages(std::string_view rest) {
  return "SELECT " + std::string(message_columns) + " FROM messages " + std::string(rest);
}

} // namespace

std::int64_t insert_message(Database& db, const StoredMessage& m, std::string_view raw) {
  SQLite::Statement st(db.sql(),
                       "INSERT INTO messages (message_id, sha256, uidvalidity, uid, received_at, "
                       "case_id, action, reason, folder, verdict_json, moved, truncated, raw) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bind_text(st, 1, m.message_id);
  bind_text(st, 2, m.sha256);
  st.bind(3, static_cast<std::int64_t>(m.uidvalidity));
  st.bind(4, static_cast<std::int64_t>(m.uid));
  st.bind(5, m.received_at);
  bind_text(st, 6, m.case_id);
  bind_text(st, 7, m.action);
  bind_text(st, 8, m.reason);
  bind_text(st, 9, m.folder);
  bind_text(st, 10, m.verdict_json);
  st.bind(11, m.moved ? 1 : 0);
  st.bind(12, m.truncated ? 1 : 0);
  bind_blob(st, 13, raw);
  st.exec();
  return db.sql().getLastInsertRowid();
}

std::optional<StoredMessage> find_duplicate(Database& db, std::string_view message_id,
                                            std::string_view sha256) {
  SQLite::Statement st(db.sql(), select_messages("WHERE (?1 <> '' AND sha256 = ?1) "
                                                 "OR (?2 <> '' AND message_id = ?2) "
                                                 "ORDER BY id LIMIT 1"));
  bind_text(st, 1, sha256);
  bind_text(st, 2, message_id);
  return first_row(st);
}

std::optional<StoredMessage> find_by_location(Database& db, std::uint32_t uidvalidity,
                                              std::uint32_t uid) {
  SQLite::Statement st(
      db.sql(), select_messages("WHERE uidvalidity = ? AND uid = ? ORDER BY id DESC LIMIT 1"));
  st.bind(1, static_cast<std::int64_t>(uidvalidity));
  st.bind(2, static_cast<std::int64_t>(uid));
  return first_row(st);
}

void update_location(Database& db, std::int64_t id, std::uint32_t uidvalidity, std::uint32_t uid) {
  SQLite::Statement st(db.sql(), "UPDATE messages SET uidvalidity = ?, uid = ? WHERE id = ?");
  st.bind(1, static_cast<std::int64_t>(uidvalidity));
  st.bind(2, static_cast<std::int64_t>(uid));
  st.bind(3, id);
  st.exec();
}

void mark_moved(Database& db, std::int64_t id) {
  SQLite::Statement st(db.sql(), "UPDATE messages SET moved = 1 WHERE id = ?");
  st.bind(1, id);
  st.exec();
}

std::optional<StoredMessage> find_message(Database& db, std::int64_t id) {
  SQLite::Statement st(db.sql(), select_messages("WHERE id = ?"));
  st.bind(1, id);
  return first_row(st);
}

void update_judgement(Database& db, std::int64_t id, std::string_view case_id,
                      std::string_view action, std::string_view reason,
                      std::string_view verdict_json) {
  SQLite::Statement st(db.sql(), "UPDATE messages SET case_id = ?, action = ?, reason = ?, "
                                 "verdict_json = ? WHERE id = ?");
  bind_text(st, 1, case_id);
  bind_text(st, 2, action);
  bind_text(st, 3, reason);
  bind_text(st, 4, verdict_json);
  st.bind(5, id);
  st.exec();
}

std::optional<std::string> raw_bytes(Database& db, std::int64_t id) {
  SQLite::Statement st(db.sql(), "SELECT raw FROM messages WHERE id = ?");
  st.bind(1, id);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  return column_bytes(st.getColumn(0));
}

std::vector<StoredMessage> messages_of_case(Database& db, std::string_view case_id) {
  SQLite::Statement st(db.sql(), select_messages("WHERE case_id = ? ORDER BY id"));
  bind_text(st, 1, case_id);
  std::vector<StoredMessage> out;
  while (st.executeStep()) {
    out.push_back(read_message(st));
  }
  return out;
}

std::int64_t count_messages(Database& db) {
  return db.sql().execAndGet("SELECT count(*) FROM messages").getInt64();
}

} // namespace appeald::store
