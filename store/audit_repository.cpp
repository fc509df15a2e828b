#include "store/audit_repository.hpp"

#include "store/sql_values.hpp"

#include <nlohmann/json.hpp>

#include <limits>
#include <stdexcept>

namespace appeald::store {

namespace {

using detail::bind_text;
using detail::column_bytes;

constexpr std::string_view audit_columns =
    "seq, ts_ms, event, case_id, message_id, action, reason, actor, extra_json";

// Extension fields as [["name","value"],...]: a list, because their order is part of the line.
std::string encode_extra(const std::vector<std::pair<std::string, std::string>>& extra) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& [name, value] : extra) {
    j.push_back({name, value});
  }
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::pair<std::string, std::string>> decode_extra(const std::string& text) {
  const auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_array()) {
    throw std::runtime_error("corrupt audit extra fields in the store");
  }
  std::vector<std::pair<std::string, std::string>> extra;
  for (const auto& pair : j) {
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string()) {
      throw std::runtime_error("corrupt audit extra fields in the store");
    }
    extra.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
  }
  return extra;
}

std::pair<std::int64_t, AuditEvent> read_event(SQLite::Statement& st) {
  AuditEvent e;
  e.ts_ms = st.getColumn(1).getInt64();
  e.event = column_bytes(st.getColumn(2));
  e.case_id = column_bytes(st.getColumn(3));
  e.message_id = column_bytes(st.getColumn(4));
  e.action = column_bytes(st.getColumn(5));
  e.reason = column_bytes(st.getColumn(6));
  e.actor = column_bytes(st.getColumn(7));
  e.extra = decode_extra(column_bytes(st.getColumn(8)));
  return {st.getColumn(0).getInt64(), std::move(e)};
}

} // namespace

std::int64_t append_audit(Database& db, const AuditEvent& e) {
  SQLite::Statement st(db.sql(), "INSERT INTO audit (ts_ms, event, case_id, message_id, action, "
                                 "reason, actor, extra_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, e.ts_ms);
  bind_text(st, 2, e.event);
  bind_text(st, 3, e.case_id);
  bind_text(st, 4, e.message_id);
  bind_text(st, 5, e.action);
  bind_text(st, 6, e.reason);
  bind_text(st, 7, e.actor);
  bind_text(st, 8, encode_extra(e.extra));
  st.exec();
  return db.sql().getLastInsertRowid();
}

std::vector<std::pair<std::int64_t, AuditEvent>> unflushed_audit(Database& db, std::size_t limit) {
  SQLite::Statement st(db.sql(), "SELECT " + std::string(audit_columns) +
                                     " FROM audit WHERE seq > (SELECT flushed_up_to FROM "
                                     "audit_cursor) ORDER BY seq LIMIT ?");
  const auto max = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  st.bind(1, static_cast<std::int64_t>(std::min(limit, max)));
  std::vector<std::pair<std::int64_t, AuditEvent>> out;
  while (st.executeStep()) {
    out.push_back(read_event(st));
  }
  return out;
}

void mark_audit_flushed(Database& db, std::int64_t up_to_seq) {
  SQLite::Statement st(db.sql(), "UPDATE audit_cursor SET flushed_up_to = max(flushed_up_to, ?)");
  st.bind(1, up_to_seq);
  st.exec();
}

std::vector<std::pair<std::int64_t, AuditEvent>>
audit_events(Database& db, std::optional<std::string_view> case_id) {
  SQLite::Statement st(db.sql(), "SELECT " + std::string(audit_columns) +
                                     " FROM audit WHERE ?1 IS NULL OR case_id = ?1 ORDER BY seq");
  if (case_id) {
    bind_text(st, 1, *case_id);
  } else {
    st.bind(1);
  }
  std::vector<std::pair<std::int64_t, AuditEvent>> out;
  while (st.executeStep()) {
    out.push_back(read_event(st));
  }
  return out;
}

} // namespace appeald::store
