#include "daemon/audit_flush.hpp"

#include "store/audit_repository.hpp"

#include <SQLiteCpp/Transaction.h>

namespace appeald::daemon {

namespace {
constexpr std::size_t flush_batch = 500;
}

std::size_t flush_audit(store::Database& db, AuditLog& log) {
  std::size_t written = 0;
  for (;;) {
    // IMMEDIATE takes the store's write lock before reading the cursor, so the daemon and an
    // operator command flushing at the same moment take turns instead of both writing a line.
    SQLite::Transaction tx(db.sql(), SQLite::TransactionBehavior::IMMEDIATE);
    const auto events = store::unflushed_audit(db, flush_batch);
    if (events.empty()) {
      return written;
    }
    for (const auto& [seq, event] : events) {
      log.write(event);
    }
    log.flush();
    store::mark_audit_flushed(db, events.back().first);
    tx.commit();
    written += events.size();
  }
}

} // namespace appeald::daemon
