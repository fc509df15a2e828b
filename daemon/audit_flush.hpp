#pragma once
// Copies audit events committed to the store into the audit log file, in order, and moves the
// store's flush cursor past them, under the store's write lock (the daemon and operator commands
// both flush, and take turns). Events are committed with the state they describe, so the log
// never claims what the store does not hold; a crash between writing a line and moving the cursor
// repeats that line once at the next flush (readers key on ts+event+message_id).
#include "daemon/audit_log.hpp"
#include "store/database.hpp"

#include <cstddef>

namespace appeald::daemon {

// Returns the number of events written.
std::size_t flush_audit(store::Database& db, AuditLog& log);

} // namespace appeald::daemon
