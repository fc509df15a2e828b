#pragma once
// Audit events are written to the store inside the caller's transaction, so an event exists
// exactly when the state change it describes was committed. After the commit the writer appends
// unflushed events to the audit log file and advances the flush cursor; after a crash the same
// events are simply flushed again on the next start (at-least-once into the file, in order).
// No transactions opened here (store/database.hpp); throws SQLite::Exception when SQLite fails.
#include "store/audit_event.hpp"
#include "store/database.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace appeald::store {

// Appends `e`; returns its sequence number (1, 2, ...: increasing, never reused).
std::int64_t append_audit(Database& db, const AuditEvent& e);

// Up to `limit` events after the flush cursor, in sequence order.
std::vector<std::pair<std::int64_t, AuditEvent>> unflushed_audit(Database& db, std::size_t limit);
// Moves the flush cursor to `up_to_seq`: that event and every earlier one are in the log file.
// The cursor never moves back.
void mark_audit_flushed(Database& db, std::int64_t up_to_seq);

// Every event (of `case_id`, when given), in sequence order, flushed or not.
std::vector<std::pair<std::int64_t, AuditEvent>>
audit_events(Database& db, std::optional<std::string_view> case_id);

} // namespace appeald::store
