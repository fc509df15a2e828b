#pragma once
// Deadline events for the audit log: `deadline_near` once a case's appeal deadline is less than
// deadline_near_window away, `deadline_passed` once it has passed, each said once per case and
// only while no decision has closed the case. The reason says whether anything was received, so
// an operator reading the log sees which customers never answered.
#include "store/database.hpp"

#include <chrono>
#include <cstdint>

namespace appeald::daemon {

inline constexpr std::chrono::hours deadline_near_window{24};

// Audits every deadline event due at `now_ms` (UTC milliseconds) in one transaction; returns how
// many were written to the store (the caller flushes them to the log).
int audit_deadlines(store::Database& db, std::int64_t now_ms);

} // namespace appeald::daemon
