#pragma once
// Deadline events for the audit log: `deadline_near` once a probation's appeal deadline is
// within the warning window ([policy] deadline_warning_hours), `deadline_passed` once it has
// passed, each said once per case and only while no decision has closed the case. Suspensions
// are skipped: their appeal has no deadline to miss. Nothing is suspended automatically. The reason
// says whether anything was received, so an operator reading the log sees which customers never
// answered.
#include "store/database.hpp"

#include <chrono>
#include <cstdint>

namespace appeald::daemon {

// Audits every deadline event due at `now_ms` (UTC milliseconds) in one transaction; a deadline
// at most `window` away is near. Returns how many were written to the store (the caller flushes
// them to the log).
int audit_deadlines(store::Database& db, std::int64_t now_ms, std::chrono::seconds window);

} // namespace appeald::daemon
