#pragma once
// Cases and their per-case state: the thread ids that match replies to a case, the cumulative
// assessment, the automatic reply count and the closing decision. None of these functions opens a
// transaction: the caller wraps each processing step in one (store/database.hpp). They throw
// SQLite::Exception when SQLite fails.
#include "appeals/assessment.hpp"
#include "appeals/case_record.hpp"
#include "store/database.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace appeald::store {

struct ImportResult {
  int added = 0;
  int updated = 0;
  int unchanged = 0;
};

// Upserts each case by id: a new id is added; a known id whose fields differ (dates compared with
// their written zone) is updated in place, keeping its import order, closure, reply count and
// assessment; an identical one is counted unchanged. Every case's notice_message_id joins its
// thread (add_thread_id). A repeated id within `cases` counts once per occurrence.
ImportResult import_cases(Database& db, const std::vector<appeals::CaseRecord>& cases);

// Every case, in first-import order.
std::vector<appeals::CaseRecord> load_cases(Database& db);

// Records that `message_id` belongs to the thread of `case_id`. The first case to claim an id
// keeps it; "" and unknown case ids are ignored (as appeals::CaseBook does).
void add_thread_id(Database& db, std::string_view case_id, std::string_view message_id);
// (case_id, message_id) in insertion order.
std::vector<std::pair<std::string, std::string>> load_thread_ids(Database& db);

// Replaces the case's cumulative assessment (stored as JSON, store/assessment_codec.hpp).
// Unknown case ids are ignored.
void save_assessment(Database& db, std::string_view case_id, const appeals::CaseAssessment& a);
// case id -> assessment, for every case that has one. Throws std::runtime_error naming the case
// when a stored assessment cannot be read.
std::map<std::string, appeals::CaseAssessment> load_assessments(Database& db);

// Automatic replies counted so far for the case (0 for an unknown case).
int auto_replies(Database& db, std::string_view case_id);
// Adds one to the case's automatic reply count. Unknown case ids are ignored.
void count_auto_reply(Database& db, std::string_view case_id);

// Starts the case's appeal afresh after a reviewer rejected it: the cumulative assessment is
// dropped (the next appeal must explain everything again, in its own words) and the automatic
// reply count goes back to 0 (a new round of the conversation). Thread ids, messages and the
// audit history stay. Unknown case ids are ignored.
void start_new_appeal(Database& db, std::string_view case_id);

// Marks the case closed by a decision at `when` (UTC seconds); closing again keeps the earlier
// time. Unknown case ids are ignored.
void close_case(Database& db, std::string_view case_id, std::int64_t when);
// (case_id, closed_at) of every closed case, in import order.
std::vector<std::pair<std::string, std::int64_t>> load_closures(Database& db);

// One row of `appeald cases list`.
struct CaseSummary {
  appeals::CaseRecord record;
  std::optional<std::int64_t> closed_at;
  int messages = 0; // messages taken in the case (store/message_repository.hpp)
  int auto_replies = 0;
  std::string last_action; // the action of the case's latest message; "" when none
  std::optional<std::int64_t> last_received_at;
};
// Every case with its counts, in import order.
std::vector<CaseSummary> list_cases(Database& db);

} // namespace appeald::store
