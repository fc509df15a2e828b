#include "daemon/deadline_watch.hpp"

#include "store/audit_repository.hpp"
#include "store/case_repository.hpp"
#include "store/deadline_events.hpp"

#include <SQLiteCpp/Transaction.h>

namespace appeald::daemon {

namespace {

std::string what_came_in(const store::CaseSummary& c) {
  if (c.messages == 0) {
    return "no message received in the case";
  }
  return std::to_string(c.messages) + " message" + (c.messages == 1 ? "" : "s") +
         " received, the last one " + (c.last_action.empty() ? "unjudged" : c.last_action);
}

} // namespace

int audit_deadlines(store::Database& db, std::int64_t now_ms) {
  const std::int64_t now = now_ms / 1000;
  const std::int64_t window =
      std::chrono::duration_cast<std::chrono::seconds>(deadline_near_window).count();
  int written = 0;
  SQLite::Transaction tx(db.sql());
  for (const store::CaseSummary& c : store::list_cases(db)) {
    if (!c.record.deadline || c.closed_at) {
      continue;
    }
    const std::int64_t deadline = c.record.deadline->unix_seconds;
    const char* event = now >= deadline            ? "deadline_passed"
                        : deadline - now <= window ? "deadline_near"
                                                   : nullptr;
    if (event == nullptr || !store::record_deadline_event(db, c.record.id, event)) {
      continue;
    }
    store::AuditEvent e;
    e.ts_ms = now_ms;
    e.event = event;
    e.case_id = c.record.id;
    e.reason = std::string(now >= deadline
                               ? "the appeal deadline " + parsers::to_rfc3339(*c.record.deadline) +
                                     " has passed without a decision"
                               : "the appeal deadline " + parsers::to_rfc3339(*c.record.deadline) +
                                     " is less than 24 hours away") +
               "; " + what_came_in(c);
    store::append_audit(db, e);
    ++written;
  }
  tx.commit();
  return written;
}

} // namespace appeald::daemon
