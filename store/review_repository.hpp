#pragma once
// The human review queue: at most one entry per case, so a review's id is its case id. A new
// message in a queued case refreshes the entry instead of adding one. No transactions opened here
// (store/database.hpp); throws SQLite::Exception when SQLite fails.
#include "store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::store {

struct ReviewEntry {
  std::string case_id;
  std::string message_id; // the latest message that (re)queued the case
  std::int64_t received_at = 0;
  std::vector<std::string> flags; // e.g. "reply_limit_reached", "sender_differs",
                                  // "deadline_passed"; sorted, unique
  std::string reason;             // why it is queued
  std::string state = "pending";  // "pending", "accepted", "rejected", "asked"
  std::string assessment_json;    // the case's cumulative assessment at queue time
  std::optional<std::int64_t> decided_at;
  std::string decided_by;
  std::string decision_text;
};

// Creates or refreshes the case's entry: message_id, received_at, reason and assessment_json are
// replaced; flags are merged (union, sorted, unique). The entry is "pending" afterwards, a decided
// one included, and its previous decision fields are cleared (the audit log keeps the history).
// `e.state` and the decision fields of `e` are ignored.
void upsert_review(Database& db, const ReviewEntry& e);

// Entries in `state` (all when nullopt), oldest received first (then by case id).
std::vector<ReviewEntry> list_reviews(Database& db, std::optional<std::string_view> state);
std::optional<ReviewEntry> find_review(Database& db, std::string_view case_id);

// Records a reviewer's decision: `state` is "accepted", "rejected" or "asked" (anything else is a
// bug: std::invalid_argument), by the reviewer `by`, with `text` (the reason or the question) at
// `when` (UTC seconds). Nothing happens when the case has no entry.
void decide_review(Database& db, std::string_view case_id, std::string_view state,
                   std::string_view by, std::string_view text, std::int64_t when);

} // namespace appeald::store
