#pragma once
// The review queue as a reviewer sees it (`appeald review list`): each entry with its case, the
// flags that tell what needs care, and how long it has waited, ordered by urgency.
#include "store/case_repository.hpp"
#include "store/database.hpp"
#include "store/review_repository.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::daemon {

// A deadline this close (or closer) is flagged deadline_within_48h.
inline constexpr std::int64_t deadline_warning_seconds = 48 * 3600;

struct ReviewRow {
  store::ReviewEntry entry;
  store::CaseSummary summary; // the entry's case
  std::vector<std::string> flags;
  double waiting_hours = 0; // until now, or until the decision once decided
};

// The entry's own flags (sorted, as stored) followed by the computed ones, without repeats:
// "deadline_passed" (deadline at or before `now`), "deadline_within_48h" (after now, within
// deadline_warning_seconds), "repeat_probation:N" (N = cases of the same account, when > 1),
// "representative" (the case has one). `account_cases` counts the cases of the case's account.
std::vector<std::string> review_flags(const store::ReviewEntry& e, const appeals::CaseRecord& c,
                                      int account_cases, std::int64_t now);

// Entries in `state` (every state when nullopt) whose case is in the store, nearest deadline
// first (passed ones first of all, cases without a deadline last), then oldest received, then by
// case id. `now`: UTC seconds.
std::vector<ReviewRow> review_rows(store::Database& db, std::optional<std::string_view> state,
                                   std::int64_t now);

// {"case","account","issue","kind","deadline" (RFC 3339 as written, or null),"received_at"
// (RFC 3339 UTC),"flags","state","reason","waiting_hours" (one decimal),"representative" (or
// null),"message_id","decided_at" (or null),"decided_by","decision_text"}.
nlohmann::ordered_json review_row_json(const ReviewRow& row);

// "45m", "5h", "3d 4h": a waiting time for the table.
std::string waiting_text(double hours);

// The table: a header (CASE ACCOUNT ISSUE KIND DEADLINE WAITING FLAGS REASON), then one line per
// row; columns padded to their widest cell, two spaces apart, REASON last and unpadded. Empty
// cells show "-".
void print_review_table(const std::vector<ReviewRow>& rows, std::ostream& out);

// UTC seconds now.
std::int64_t unix_now();

} // namespace appeald::daemon
