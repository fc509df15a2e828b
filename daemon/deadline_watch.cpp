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

// "24 hours", "1 hour", "2 days" for whole days past a day.
std::string describe(std::chrono::seconds window) {
  const std::int64_t hours = window.count() / 3600;
  if (hours >= 48 && hours % 24 == 0) {
    return std::to_string(hours / 24) + " days";
  }
  return std::to_string(hours) + (hours == 1 ? " hour" : " hours");
}

} // namespace

int audit_deadlines(store::Database& db, std::int64_t now_ms, std::chrono::seconds window_length) {
  const std::int64_t now = now_ms / 1000;
  const std::int64_t window = window_length.count();
  int written = 0;
  SQLite::Transaction tx(db.sql());
  for (const store::CaseSummary& c : store::list_cases(db)) {
    if (!c.record.deadline || c.closed_at || c.record.kind != appeals::CaseKind::probation) {
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
                                     " is less than " + describe(window_length) + " away") +
               "; " + what_came_in(c);
    store::append_audit(db, e);
    ++written;
  }
  tx.commit();
  return written;
}

} // namespace appeald::daemon
